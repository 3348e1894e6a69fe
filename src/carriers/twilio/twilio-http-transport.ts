/**
 * The HTTP client under the official `twilio` SDK (its `httpClient` option), on node:http and
 * node:https instead of the SDK's own RequestClient. The SDK still builds every URL, parameter and
 * header and parses every answer and error; only axios goes, which cost about 8% of the process's
 * CPU per send under the bench (mergeConfig, interceptors, header normalisation, its adapter).
 *
 * On the wire it sends what the SDK's client sends: Basic auth from the username and password the
 * SDK passes, the SDK's headers as given (User-Agent `twilio-node/…`, Accept, Accept-Charset,
 * Content-Type), `Connection: keep-alive`, the form body and query string encoded as qs does
 * (twilio-form-encoding.ts), Content-Length. Two deliberate differences: no `Accept-Encoding`
 * (axios asks for gzip and inflates; a Twilio answer is a few kB and identity is every server's
 * default) and no redirects (the SDK asks for none: it passes `allowRedirects` only when a caller
 * does, and Textback never does).
 *
 * It answers as the SDK's client does: `{statusCode, body, headers}` for every status (the SDK turns
 * a 4xx/5xx into its RestException), the body as a string, header names lower-case. Failures keep
 * Node's error codes (ECONNREFUSED, ECONNRESET…), and a timeout is axios's ECONNABORTED "timeout of
 * N ms exceeded", so classifyTwilioError reads them as before.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { encodeTwilioForm } from './twilio-form-encoding.js';

/** What the SDK hands its HTTP client (twilio/lib/base/RequestClient.d.ts, RequestOptions). */
export interface SdkHttpRequest {
  method: string;
  uri: string;
  username?: string;
  password?: string;
  authStrategy?: { getAuthString(): Promise<string> };
  headers?: Record<string, string>;
  params?: object;
  data?: object;
  timeout?: number;
  allowRedirects?: boolean;
  logLevel?: string;
}

/** What the SDK expects back (twilio/lib/http/response). */
export interface SdkHttpResponse {
  statusCode: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** The contract the SDK calls: its own RequestClient and this transport both fill it. */
export interface SdkHttpClient {
  request(opts: SdkHttpRequest): Promise<SdkHttpResponse>;
}

/**
 * Sockets per host in flight unless the caller says otherwise, as the SDK's agent
 * (DEFAULT_MAX_SOCKETS). Textback's senders pass the worker's slots instead (carrier-clients.ts):
 * at 20 with 32 slots, 12 sends at a time waited for a socket while holding a slot.
 */
const SDK_MAX_SOCKETS = 20;

export class TwilioHttpTransport implements SdkHttpClient {
  private readonly httpsAgent: https.Agent;
  private readonly httpAgent: http.Agent;
  /** The last Basic credentials and their header: one client serves one account, so this is computed once. */
  private basicAuth = { username: '', password: '', header: '' };

  /**
   * @param timeoutMs the whole request's deadline (connect, send, answer), and how long an idle
   *   keep-alive socket is kept, as the SDK's `timeout`.
   * @param maxSockets requests in flight to one host at once; more wait for a socket. As many are
   *   kept open while idle (the SDK keeps 5): with a worker sending 32 at a time, a smaller idle pool
   *   closes connections after each burst and pays a TLS handshake for each one the next opens.
   */
  constructor(
    private readonly timeoutMs: number,
    maxSockets = SDK_MAX_SOCKETS,
  ) {
    const agentOptions = { keepAlive: true, timeout: timeoutMs, maxSockets, maxFreeSockets: maxSockets };
    // The SDK's client trusts the CA bundle TWILIO_CA_BUNDLE names (a TLS-inspecting network); so does this one.
    const caBundle = process.env.TWILIO_CA_BUNDLE;
    this.httpsAgent = new https.Agent({ ...agentOptions, ...(caBundle !== undefined ? { ca: readFileSync(caBundle) } : {}) });
    // Plain http only ever reaches a simulator (TWILIO_API_URL in tests and the bench).
    this.httpAgent = new http.Agent(agentOptions);
  }

  async request(opts: SdkHttpRequest): Promise<SdkHttpResponse> {
    if (!opts.method) throw new Error('http method is required');
    if (!opts.uri) throw new Error('uri is required');
    const headers: Record<string, string> = { ...opts.headers };
    if (!headers.Connection && !headers.connection) headers.Connection = 'keep-alive';
    if (opts.username && opts.password) {
      headers.Authorization = this.basicAuthHeader(opts.username, opts.password);
    } else if (opts.authStrategy) {
      headers.Authorization = await opts.authStrategy.getAuthString();
    }
    // As the SDK's client: a body only for the two content types it knows, whatever the method.
    let body: string | undefined;
    if (opts.data) {
      if (headers['Content-Type'] === 'application/x-www-form-urlencoded') body = encodeTwilioForm(opts.data);
      else if (headers['Content-Type'] === 'application/json') body = JSON.stringify(opts.data);
    }
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));

    const url = new URL(opts.uri);
    let path = url.pathname + url.search;
    const query = opts.params ? encodeTwilioForm(opts.params) : '';
    if (query) path += (url.search ? '&' : '?') + query;
    const secure = url.protocol === 'https:';
    return this.exchange(secure ? https : http, {
      agent: secure ? this.httpsAgent : this.httpAgent,
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port,
      path,
      method: opts.method.toUpperCase(),
      headers,
    }, body, opts.timeout || this.timeoutMs);
  }

  private basicAuthHeader(username: string, password: string): string {
    const last = this.basicAuth;
    if (last.username !== username || last.password !== password) {
      this.basicAuth = { username, password, header: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
    }
    return this.basicAuth.header;
  }

  private exchange(transport: typeof http | typeof https, options: http.RequestOptions, body: string | undefined, timeoutMs: number): Promise<SdkHttpResponse> {
    return new Promise((resolve, reject) => {
      const req = transport.request(options, (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          clearTimeout(deadline);
          // axios strips a UTF-8 byte order mark before the SDK sees the body; so do we.
          resolve({ statusCode: res.statusCode ?? 0, body: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, headers: res.headers });
        });
        res.on('error', fail);
      });
      // One deadline for the whole exchange, not only for socket inactivity: an answer that trickles in
      // byte by byte must not hold a send (and its worker slot) past the timeout either.
      const deadline = setTimeout(() => {
        // Not flushed yet (still waiting for a pooled socket, or for the connection): Twilio cannot
        // have received the whole request, so this send is safe to retry without asking first.
        const err = req.writableFinished ? timeoutError(timeoutMs) : notSentError(timeoutMs);
        fail(err);
        req.destroy(err);
      }, timeoutMs);
      function fail(err: Error): void {
        clearTimeout(deadline);
        reject(err);
      }
      req.on('error', fail);
      req.end(body);
    });
  }
}

/** The error axios raises on a timeout, which the SDK's callers (classifyTwilioError) already read. */
function timeoutError(timeoutMs: number): Error {
  return Object.assign(new Error(`timeout of ${timeoutMs}ms exceeded`), { code: 'ECONNABORTED' });
}

/** Our own code for a deadline that passed before the request was written out (classifyTwilioError: unsent). */
export const REQUEST_NOT_SENT = 'ERR_REQUEST_NOT_SENT';

function notSentError(timeoutMs: number): Error {
  return Object.assign(new Error(`timeout of ${timeoutMs}ms exceeded before the request was sent`), { code: REQUEST_NOT_SENT });
}
