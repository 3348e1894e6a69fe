/**
 * The bench's ceiling: a bare node:http server that does for each webhook what Textback cannot
 * skip — read the form body, check X-Twilio-Signature with the same helper, and answer the same
 * TwiML (a Dial with its action URL, then a hang-up with a message) — and nothing else: no
 * database, no framework. Textback's webhook throughput is reported as a ratio to this one,
 * measured in the same run on the same machine.
 */
import { createServer } from 'node:http';
import { renderCallPlan } from '../src/carriers/twilio/twiml.js';
import { isValidTwilioSignature } from '../src/carriers/twilio/twilio-signature.js';

const authToken = process.env.CEILING_AUTH_TOKEN!;
const publicUrl = process.env.CEILING_PUBLIC_URL!;
let callSeq = 0;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
    const webhook = { url: `${publicUrl}${req.url ?? '/'}`, headers: req.headers, params, query: {} };
    if (!isValidTwilioSignature(authToken, webhook)) {
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":{"code":"forbidden"}}');
      return;
    }
    const plan = params.DialCallStatus === undefined
      ? { kind: 'dial' as const, callId: `call_${++callSeq}`, targets: ['+15550109999'], timeoutSeconds: 20, screening: 'none' as const }
      : { kind: 'hangup' as const, say: "Sorry, no one at Bench Plumbing can take your call right now. We'll text you shortly." };
    res.writeHead(200, { 'content-type': 'text/xml' }).end(renderCallPlan(plan, { webhookBase: `${publicUrl}/webhooks/twilio` }));
  });
});
server.listen(Number(process.env.CEILING_PORT), '127.0.0.1', () => process.send!({ type: 'ready' }));
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'stop') server.close(() => process.exit(0));
});
