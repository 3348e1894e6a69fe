/**
 * GET a URL the owner gave us, through the one SSRF guard: the request goes out through
 * security/guarded-fetch.ts (every address checked, the socket connects only through the guarded
 * lookup, redirects never followed on their own), and each redirect is checked again here before
 * it is followed. Bounded in time, size and redirects, because the URL is the owner's but the
 * answer is the internet's.
 */
import { guardedFetch } from '../../../security/guarded-fetch.js';
import { checkWebhookUrl, type UrlGuardOptions } from '../../../workflows/url-guard.js';

export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const ACCEPT = 'text/html,application/xhtml+xml,application/xml,text/xml,text/plain;q=0.9,*/*;q=0.5';

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
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? MAX_PAGE_BYTES;
  const get = guardedFetch({ ...opts, unreachableMessage: 'the page could not be reached' });
  // One deadline for the whole import of this URL: every hop, headers and body.
  const signal = AbortSignal.timeout(timeoutMs);
  let url = rawUrl;
  try {
    for (let hop = 0; ; hop++) {
      // Checked here first so that a refused address reads as a refusal, not as "could not be reached".
      await checkWebhookUrl(url, opts);
      const res = await get(url, { headers: { 'user-agent': 'Textback-Knowledge-Import/1', accept: ACCEPT }, signal });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        if (hop >= MAX_REDIRECTS) throw new PageFetchError(`${rawUrl} redirected more than ${MAX_REDIRECTS} times`);
        url = new URL(location, url).toString();
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel();
        throw new PageFetchError(`${url} answered HTTP ${res.status}`);
      }
      const body = await readBounded(res, maxBytes, rawUrl);
      return { url, status: res.status, contentType: (res.headers.get('content-type') ?? '').toLowerCase(), body };
    }
  } catch (err) {
    if (signal.aborted) throw new PageFetchError(`${rawUrl} did not answer within ${timeoutMs / 1000} s`);
    throw err;
  }
}

/** The body, refused once it grows past the limit (a page that never ends is not read to its end). */
async function readBounded(res: Response, maxBytes: number, url: string): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new PageFetchError(`${url} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
