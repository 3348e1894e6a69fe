/**
 * The bench's webhook sender: the same signed, form-encoded requests as the tests' client
 * (test/support/twilio-webhook-client.ts), over `node:http` with one keep-alive agent instead of
 * `fetch`.
 *
 * Why a second client: the load generator shares the machine with the server it measures. With
 * `fetch` (undici and its web streams) it spent about as much CPU per missed call as Textback
 * itself (a profile of the bench process: undici 19%, web streams 6% of its busy time), so on a
 * 2-core machine the generator, not the server, capped both the ceiling and Textback, and the
 * measurement moved whatever the server did. The wire format is unchanged: the signature comes from
 * the same helper (the official SDK's), the body from URLSearchParams, the headers are the same.
 */
import http from 'node:http';
import { signTwilioRequest, type WebhookParams, type WebhookResponse } from '../test/support/twilio-webhook-client.js';

export type PostWebhook = (url: string, params: WebhookParams, opts: { method: 'GET' | 'POST'; headers: Record<string, string> }) => Promise<WebhookResponse>;

/**
 * A sender whose sockets are kept alive and reused across calls, for every account it signs for
 * (`as(authToken)`): as a carrier sends every customer's webhooks over its own connections, so a
 * platform of thousands of businesses is not thousands of connections.
 */
export function keepAliveWebhookSender(maxSockets: number): { as(authToken: string): PostWebhook; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const post = (authToken: string, ...[url, params, opts]: Parameters<PostWebhook>): ReturnType<PostWebhook> => {
    const target = new URL(url);
    target.hash = '';
    let body = '';
    let signed: WebhookParams = params;
    if (opts.method === 'GET') {
      for (const [k, v] of Object.entries(params)) target.searchParams.append(k, v);
      signed = {};
    } else {
      body = new URLSearchParams(params).toString();
    }
    const requestUrl = target.toString();
    const headers: Record<string, string> = {
      'X-Twilio-Signature': signTwilioRequest(authToken, requestUrl, signed),
      'User-Agent': 'TwilioProxy/1.1',
      Accept: '*/*',
      ...opts.headers,
    };
    if (opts.method === 'POST') {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    return new Promise<WebhookResponse>((resolve, reject) => {
      const req = http.request(target, { method: opts.method, headers, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ statusCode: res.statusCode ?? 0, body: text, headers: flat });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  };
  const byAccount = new Map<string, PostWebhook>();
  return {
    as: (authToken) => {
      let signed = byAccount.get(authToken);
      if (!signed) byAccount.set(authToken, (signed = (...args) => post(authToken, ...args)));
      return signed;
    },
    close: () => agent.destroy(),
  };
}
