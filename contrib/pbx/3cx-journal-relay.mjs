#!/usr/bin/env node
/**
 * 3CX -> Textback relay. 3CX's CRM integration ("call journaling", the ReportCall scenario of a
 * CRM template) can call a URL with [CallType], [Number] and [CallStartTimeUTC] when a call ends, but
 * cannot sign a request. This relay runs next to 3CX, takes that request and reports the call to
 * Textback signed with the call-event secret. No dependencies: Node 20+.
 *
 *   TEXTBACK_URL=https://textback.example.com TEXTBACK_CALL_EVENT_SECRET=tbce_… \
 *   TEXTBACK_TO=+15550100000 RELAY_TOKEN=<random> PORT=8787 node 3cx-journal-relay.mjs
 *
 * In the CRM template's ReportCall scenario:
 *   <Request Url="http://127.0.0.1:8787/3cx/report?token=[RelayToken]&amp;type=[CallType]&amp;number=[Number]&amp;start=[CallStartTimeUTC]" RequestType="Get" … />
 * CallType: Inbound -> answered, Missed -> missed; outbound calls (Outbound, Notanswered) are ignored.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`set ${name}`);
  return v;
};
const TEXTBACK_URL = env('TEXTBACK_URL').replace(/\/+$/, '');
const SECRET = env('TEXTBACK_CALL_EVENT_SECRET');
const TO = env('TEXTBACK_TO');
const TOKEN = env('RELAY_TOKEN');

const STATUS = { inbound: 'answered', missed: 'missed' };

export async function report(params) {
  const status = STATUS[(params.get('type') ?? '').toLowerCase()];
  if (!status) return { status: 204 };
  const number = (params.get('number') ?? '').trim();
  if (!number) return { status: 400 };
  const startParsed = Date.parse(params.get('start') ?? '');
  const at = new Date(Number.isFinite(startParsed) ? startParsed : Date.now()).toISOString();
  // 3CX gives no call id in the journal request: the caller and the start time name the call, so a
  // retried journal request reports the same id and Textback decides it once.
  const id = `3cx-${createHash('sha256').update(`${number}|${params.get('start') ?? ''}`).digest('hex').slice(0, 32)}`;
  const body = JSON.stringify({ id, from: number, to: TO, status, at });
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex');
  const res = await fetch(`${TEXTBACK_URL}/api/v1/call-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-textback-timestamp': ts, 'x-textback-signature': `sha256=${sig}` },
    body,
  });
  return { status: res.status === 202 ? 200 : 502 };
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://relay');
  if (url.pathname !== '/3cx/report' || url.searchParams.get('token') !== TOKEN) {
    res.writeHead(404).end();
    return;
  }
  try {
    const out = await report(url.searchParams);
    res.writeHead(out.status).end();
  } catch (err) {
    console.error('3cx relay:', err.message);
    res.writeHead(502).end();
  }
});
server.listen(Number(process.env.PORT ?? 8787), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`3cx relay listening on ${JSON.stringify(server.address())}`);
});
