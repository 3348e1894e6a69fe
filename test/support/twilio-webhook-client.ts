/**
 * Sends webhooks the way Twilio does: form-encoded POST (or GET with the params in the query),
 * signed with `X-Twilio-Signature` computed by the official SDK, so whatever the product's
 * validator accepts here it will accept from real Twilio, and vice versa.
 */
import twilio from 'twilio';

/** Params of one webhook request. Twilio webhooks never repeat a key (media is `MediaUrl0`, `MediaUrl1`…). */
export type WebhookParams = Record<string, string>;

/** What the receiving app answered. */
export interface WebhookResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

export interface PostTwilioWebhookOptions {
  /** The auth token of the account that "sends" the webhook; used to sign it. */
  authToken: string;
  /** Send this signature instead of the correct one (forged-request tests). */
  signature?: string;
  /** `POST` (default) or `GET`. With GET the params go into the query string and the signature covers only the URL. */
  method?: 'GET' | 'POST';
  /** Extra request headers, e.g. `I-Twilio-Idempotency-Token`. */
  headers?: Record<string, string>;
  /** The header carrying the signature: `X-Twilio-Signature` (default); SignalWire uses `X-SignalWire-Signature`. */
  signatureHeader?: string;
}

/**
 * The `X-Twilio-Signature` Twilio would send for a POST of `params` to `url`.
 * `url` must be exactly the URL that is requested, query string included.
 */
export function signTwilioRequest(authToken: string, url: string, params: WebhookParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/**
 * POSTs (or GETs) a signed Twilio webhook and returns the raw answer; never throws on a non-2xx status
 * so callers can assert on 403s.
 *
 * A URL fragment (Twilio's connection-override syntax, `#rc=2`) is stripped before signing and sending,
 * because it never reaches the server.
 */
export async function postTwilioWebhook(
  url: string,
  params: WebhookParams,
  opts: PostTwilioWebhookOptions,
): Promise<WebhookResponse> {
  const method = opts.method ?? 'POST';
  const target = new URL(url);
  target.hash = '';
  let requestUrl = target.toString();
  let body: string | undefined;
  let signedParams: WebhookParams = params;
  if (method === 'GET') {
    for (const [k, v] of Object.entries(params)) target.searchParams.append(k, v);
    requestUrl = target.toString();
    signedParams = {};
  } else {
    body = new URLSearchParams(params).toString();
  }
  const headers: Record<string, string> = {
    [opts.signatureHeader ?? 'X-Twilio-Signature']: opts.signature ?? signTwilioRequest(opts.authToken, requestUrl, signedParams),
    'User-Agent': 'TwilioProxy/1.1',
    Accept: '*/*',
    ...opts.headers,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(requestUrl, { method, headers, body });
  return {
    statusCode: res.status,
    body: await res.text(),
    headers: Object.fromEntries(res.headers.entries()),
  };
}
