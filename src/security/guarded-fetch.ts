/**
 * A `fetch` that goes through the SSRF guard (workflows/url-guard.ts): the one HTTP client for every
 * URL a workspace names (workflow webhooks, the AI agent's model server given to the AI SDK
 * providers as their `fetch`, knowledge pages to import).
 *
 * It speaks node:http directly rather than wrapping the global fetch, because only node:http lets
 * us hand the socket a `lookup`: the host is resolved and checked once up front (for a clear
 * refusal) and again at connect time, and the connection can only use an address that passed, so
 * DNS rebinding cannot slip a private address in. Redirects are never followed (a public server
 * could otherwise bounce us to a private one): a 3xx comes back to the caller as it is.
 *
 * Every failure to connect, whether refused by the guard, a closed port, a reset or a DNS miss,
 * becomes one UnreachableError whose message is the caller's fixed sentence: what the socket
 * met (an open port, a banner, a refusal) must not leak back to the workspace that named the URL.
 * The real cause is kept on `cause` for the operator's log.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { checkPublicUrl, guardedLookup, UrlRefusedError, type UrlGuardOptions } from '../workflows/url-guard.js';

/** The one error a guarded fetch throws when it gets no HTTP answer. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
  /** True when the guard refused the address (no connection was attempted). */
  readonly refused: boolean;
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.refused = cause instanceof UrlRefusedError;
  }
}

export interface GuardedFetchOptions extends UrlGuardOptions {
  /** The message of every UnreachableError, e.g. "the model server could not be reached". */
  unreachableMessage: string;
  /** Overall deadline for connect + headers when the caller gives no AbortSignal. */
  timeoutMs?: number;
}

// Statuses whose responses have no body; the Response constructor refuses one for them.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function guardedFetch(opts: GuardedFetchOptions): typeof fetch {
  const unreachable = (cause: unknown) => new UnreachableError(opts.unreachableMessage, cause);

  return async (input, init) => {
    const request = new Request(input, init);
    const signal = init?.signal ?? request.signal;
    const url = new URL(request.url);
    try {
      await checkPublicUrl(url.href, opts);
    } catch (err) {
      throw unreachable(err);
    }
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // node:http does not decompress: ask for a plain body rather than hand a gzip stream on.
    headers['accept-encoding'] = 'identity';
    if (body) headers['content-length'] = String(body.length);

    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const req = send(url, { method: request.method, headers, agent: false, lookup: guardedLookup(opts) });
      const timer = opts.timeoutMs ? setTimeout(() => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)), opts.timeoutMs) : null;
      const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      let answered = false;
      req.on('error', (err) => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (answered) return;
        // An abort is the caller's own decision (its time-out): let it through as it is.
        reject(signal?.aborted ? signal.reason : unreachable(err));
      });
      req.on('response', (res: IncomingMessage) => {
        answered = true;
        if (timer) clearTimeout(timer);
        res.on('close', () => signal?.removeEventListener('abort', onAbort));
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
          else if (value !== undefined) responseHeaders.set(name, value);
        }
        const status = res.statusCode ?? 502;
        // node:http passes any three digits on, but a Response cannot hold a status outside
        // 200-599: constructing it here would throw inside this listener and take the process down.
        if (status < 200 || status > 599) {
          res.destroy();
          reject(unreachable(new Error(`the server answered with HTTP status ${status}, which is not a valid final status`)));
          return;
        }
        const stream = NULL_BODY_STATUSES.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        if (!stream) res.resume();
        resolve(new Response(stream, { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
      });
      req.end(body ?? undefined);
    });
  };
}
