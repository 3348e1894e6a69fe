/**
 * One signed webhook POST, through the one SSRF guard's HTTP client (security/guarded-fetch.ts:
 * the host checked up front and again at connect time, redirects never followed), with a 10 s
 * deadline for the whole exchange and the response's status code and the start of its body
 * captured for the run history. Any status is returned, not thrown: the caller decides what a
 * non-2xx means. Network failures and timeouts throw (worth a retry); a refused URL throws
 * WebhookUrlRefusedError (not worth one).
 */
import { guardedFetch, UnreachableError } from '../security/guarded-fetch.js';
import type { UrlGuardOptions } from './url-guard.js';
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

/** Reads the body to its end (the exchange is complete only then), keeping its first bytes. */
async function readSnippet(res: Response): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    if (size < SNIPPET_BYTES) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8');
}

/** POSTs `body` to `url` with X-Textback-Timestamp and X-Textback-Signature. */
export async function postSignedWebhook(opts: PostWebhookOptions): Promise<WebhookResponse> {
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const post = guardedFetch({
    allowPrivate: opts.allowPrivate,
    ...(opts.resolve ? { resolve: opts.resolve } : {}),
    ...(opts.purpose ? { purpose: opts.purpose } : {}),
    unreachableMessage: 'the webhook receiver could not be reached',
  });
  // One deadline for the whole exchange (connect, send, headers, body), not per socket idle.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`the receiver did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
  const started = performance.now();
  try {
    const res = await post(opts.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Textback-Webhooks/1',
        [TIMESTAMP_HEADER]: String(opts.timestamp),
        [SIGNATURE_HEADER]: signWebhookBody(opts.secret, opts.timestamp, opts.body),
        ...opts.headers,
      },
      body: opts.body,
      signal: deadline.signal,
    });
    const bodySnippet = await readSnippet(res);
    return { statusCode: res.status, durationMs: Math.round(performance.now() - started), bodySnippet };
  } catch (err) {
    if (deadline.signal.aborted) throw deadline.signal.reason;
    // The run history shows the workspace what went wrong with the URL it named: the guard's
    // refusal (a WebhookUrlRefusedError, which fails the step at once) or the network's own error.
    if (err instanceof UnreachableError && err.cause instanceof Error) throw err.cause;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
