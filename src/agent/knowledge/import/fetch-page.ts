/**
 * GET a URL the owner gave us, through the SSRF guard (src/workflows/url-guard.ts, the same one
 * workflow webhooks use): every address the host resolves to is checked, the socket connects only
 * through the guarded lookup, and each redirect is checked again. Bounded in time, size and
 * redirects, because the URL is the owner's but the answer is the internet's.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkWebhookUrl, guardedLookup, type UrlGuardOptions } from '../../../workflows/url-guard.js';

export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 3;

export interface FetchedPage {
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

/** A fetch that cannot succeed as asked (bad status, too big, not a page): the message says why. */
export class PageFetchError extends Error {
  override name = 'PageFetchError';
}

export async function fetchPage(rawUrl: string, opts: UrlGuardOptions & { timeoutMs?: number; maxBytes?: number }): Promise<FetchedPage> {
  let url = rawUrl;
  for (let hop = 0; ; hop++) {
    await checkWebhookUrl(url, opts);
    const res = await getOnce(url, opts);
    if (res.status >= 300 && res.status < 400 && res.location) {
      if (hop >= MAX_REDIRECTS) throw new PageFetchError(`${rawUrl} redirected more than ${MAX_REDIRECTS} times`);
      url = new URL(res.location, url).toString();
      continue;
    }
    if (res.status < 200 || res.status >= 300) throw new PageFetchError(`${url} answered HTTP ${res.status}`);
    return { url, status: res.status, contentType: res.contentType, body: res.body };
  }
}

function getOnce(
  rawUrl: string,
  opts: UrlGuardOptions & { timeoutMs?: number; maxBytes?: number },
): Promise<{ status: number; contentType: string; location: string | null; body: Buffer }> {
  const url = new URL(rawUrl);
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? MAX_PAGE_BYTES;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: 'GET',
      agent: false,
      lookup: guardedLookup(opts),
      headers: { 'user-agent': 'Textback-Knowledge-Import/1', accept: 'text/html,application/xhtml+xml,application/xml,text/xml,text/plain;q=0.9,*/*;q=0.5' },
    });
    const timer = setTimeout(() => req.destroy(new PageFetchError(`${rawUrl} did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          clearTimeout(timer);
          req.destroy();
          reject(new PageFetchError(`${rawUrl} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      res.on('end', () => {
        clearTimeout(timer);
        const location = res.headers.location;
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? '').toLowerCase(),
          location: typeof location === 'string' ? location : null,
          body: Buffer.concat(chunks),
        });
      });
    });
    req.end();
  });
}
