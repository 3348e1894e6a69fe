/**
 * One signed webhook POST: SSRF-guarded (url-guard.ts), 10 s overall timeout, the response's
 * status code and the start of its body captured for the run history. Any status is returned, not
 * thrown: the caller decides what a non-2xx means. Network failures and timeouts throw (worth a
 * retry); a refused URL throws WebhookUrlRefusedError (not worth one).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkWebhookUrl, guardedLookup, type UrlGuardOptions } from './url-guard.js';
import { SIGNATURE_HEADER, signWebhookBody, TIMESTAMP_HEADER } from './webhook-signing.js';

export const WEBHOOK_TIMEOUT_MS = 10_000;
const SNIPPET_BYTES = 512;

export interface WebhookResponse {
  statusCode: number;
  durationMs: number;
  /** The first bytes of the response body, for the run history. */
  bodySnippet: string;
}

export interface PostWebhookOptions extends UrlGuardOptions {
  url: string;
  body: string;
  secret: string;
  /** Unix seconds (from the injected clock), signed together with the body. */
  timestamp: number;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** POSTs `body` to `url` with X-Textback-Timestamp and X-Textback-Signature. */
export async function postSignedWebhook(opts: PostWebhookOptions): Promise<WebhookResponse> {
  // Checked up front for a clear refusal, and again at connect time by the lookup.
  await checkWebhookUrl(opts.url, opts);
  const url = new URL(opts.url);
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const started = performance.now();
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookResponse>((resolve, reject) => {
    const req = send(url, {
      method: 'POST',
      // No pooled sockets: each delivery connects (through the guarded lookup) on its own.
      agent: false,
      lookup: guardedLookup(opts),
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(opts.body),
        'user-agent': 'Textback-Webhooks/1',
        [TIMESTAMP_HEADER]: String(opts.timestamp),
        [SIGNATURE_HEADER]: signWebhookBody(opts.secret, opts.timestamp, opts.body),
        ...opts.headers,
      },
    });
    // One deadline for the whole exchange (connect, send, headers, body), not per socket idle.
    const timer = setTimeout(() => req.destroy(new Error(`the receiver did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < SNIPPET_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          statusCode: res.statusCode ?? 0,
          durationMs: Math.round(performance.now() - started),
          bodySnippet: Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8'),
        });
      });
    });
    req.end(opts.body);
  });
}
