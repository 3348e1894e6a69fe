/**
 * An SMTP server that accepts the connection and then says nothing does not hold an email job for
 * nodemailer's own 2 to 10 minutes: the job gives up after SMTP_TIMEOUTS_MS (or what SMTP_URL
 * says) and is retried later, with the reason kept. A real TCP server on 127.0.0.1 that never
 * greets; SMTP_URL shortens the greeting's wait so the test need not wait 10 s.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SMTP_TIMEOUTS_MS, smtpTransport } from '../../src/services/mailer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Browser, OWNER, setUpOwner } from './browser-session.js';

let silent: Server;
const sockets: Socket[] = [];
let t: TestApp;

beforeAll(async () => {
  silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as { port: number }).port;
  t = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}?greetingTimeout=300` } });
  await setUpOwner(t);
});

afterAll(async () => {
  await t?.close();
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => silent?.close(resolve));
});

it('a mail server that never greets: the email job gives up, keeps why, and is retried', async () => {
  const res = await new Browser(t.url).post('/api/v1/auth/password-reset', { email: OWNER.email });
  expect(res.status).toBe(202);
  await t.drainJobs();
  expect(sockets.length).toBeGreaterThan(0);
  const job = await t.runtime.ctx.db.selectFrom('jobs').select(['status', 'attempts', 'last_error']).where('kind', '=', 'email.send').executeTakeFirstOrThrow();
  expect(job).toMatchObject({ status: 'pending', attempts: 1 });
  expect(job.last_error).toMatch(/greeting/i);
});

it('timeouts apply where SMTP_URL sets none; the URL’s own win', () => {
  const plain = smtpTransport('smtp://mail.example.com:587').options as Record<string, unknown>;
  expect(plain).toMatchObject(SMTP_TIMEOUTS_MS);
  expect(SMTP_TIMEOUTS_MS.socketTimeout).toBeLessThan(10 * 60_000);
  const tuned = smtpTransport('smtp://mail.example.com:587?socketTimeout=60000').options as Record<string, unknown>;
  expect(tuned).toMatchObject({ ...SMTP_TIMEOUTS_MS, socketTimeout: 60_000 });
});
