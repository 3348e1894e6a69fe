/**
 * Password reset emails are rate limited per email address and per client IP, so nobody can flood
 * a known address with reset mails. The limit answers exactly the same for an address with an
 * account and one without (no way to learn who has one), says in words when to try again, with a
 * Retry-After header, and holds for a parallel burst. It shares the sign-in limit's table but not
 * its window: a sign-in's 15-minute sweep must not forget reset requests. The request itself does
 * the same writes for both kinds of address (the lookup runs in a job), so its timing tells nothing
 * either. Real SMTP, both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  MAX_RESET_REQUESTS_PER_EMAIL,
  MAX_RESET_REQUESTS_PER_IP,
  RESET_REQUEST_WINDOW_MS,
} from '../../src/services/password-reset-rate-limit.js';
import { Browser, OWNER, setUpOwner } from '../accounts/browser-session.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let smtp: SmtpCapture;
let ipSeq = 0;
// Behind a proxy (TRUST_PROXY): each request may come from its own client address.
const nextIp = () => `203.0.113.${++ipSeq}`;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await startTestApp({ env: { SMTP_URL: smtp.url, TRUST_PROXY: 'true' } });
  await setUpOwner(t);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const askReset = (email: string, ip = nextIp()) => new Browser(t.url, ip).post('/api/v1/auth/password-reset', { email });
const statuses = (list: Array<{ status: number }>) => {
  const count: Record<number, number> = {};
  for (const r of list) count[r.status] = (count[r.status] ?? 0) + 1;
  return count;
};
const nextWindow = () => t.clock.advance(RESET_REQUEST_WINDOW_MS + 1);

it('an address with an account: 3 reset mails an hour, then 429 in words with Retry-After, mails stop', async () => {
  const answers = [];
  for (let i = 0; i < MAX_RESET_REQUESTS_PER_EMAIL + 2; i++) answers.push(await askReset(i % 2 ? OWNER.email : OWNER.email.toUpperCase()));
  expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 429, 429]);
  const limited = answers[3]!;
  expect(limited.headers.get('retry-after')).toBe(String(RESET_REQUEST_WINDOW_MS / 1000));
  expect(limited.body.error.code).toBe('rate_limited');
  expect(limited.body.error.message).toMatch(/^Too many password reset requests\. .* try again in 1 hour\.$/);
  await t.drainJobs();
  expect(smtp.mails.filter((m) => m.to[0] === OWNER.email)).toHaveLength(MAX_RESET_REQUESTS_PER_EMAIL);

  // Twenty minutes later the wait is counted from the oldest request.
  t.clock.advance(20 * 60_000);
  const later = await askReset(OWNER.email);
  expect(later.status).toBe(429);
  expect(later.headers.get('retry-after')).toBe(String(40 * 60));
  expect(later.body.error.message).toContain('try again in 40 minutes');

  nextWindow();
  expect((await askReset(OWNER.email)).status).toBe(202);
  nextWindow();
});

it('an address without an account gets exactly the same answers (no enumeration)', async () => {
  const forOwner: Array<{ status: number; body: unknown; retryAfter: string | null }> = [];
  const forNobody: typeof forOwner = [];
  for (let i = 0; i < MAX_RESET_REQUESTS_PER_EMAIL + 1; i++) {
    const a = await askReset(OWNER.email);
    const b = await askReset('nobody-here@example.com');
    forOwner.push({ status: a.status, body: a.body, retryAfter: a.headers.get('retry-after') });
    forNobody.push({ status: b.status, body: b.body, retryAfter: b.headers.get('retry-after') });
  }
  expect(forOwner.map((a) => a.status)).toEqual([202, 202, 202, 429]);
  expect(forNobody).toEqual(forOwner);
  nextWindow();
});

it('a parallel burst for one address gets exactly the allowance', async () => {
  const results = await Promise.all(Array.from({ length: 12 }, () => askReset('burst@example.com')));
  expect(statuses(results)).toEqual({ 202: MAX_RESET_REQUESTS_PER_EMAIL, 429: 12 - MAX_RESET_REQUESTS_PER_EMAIL });
  nextWindow();
});

it('one IP asking for many addresses: 10 an hour, then 429', async () => {
  const ip = nextIp();
  const results = await Promise.all(Array.from({ length: 15 }, (_, i) => askReset(`someone${i}@example.com`, ip)));
  expect(statuses(results)).toEqual({ 202: MAX_RESET_REQUESTS_PER_IP, 429: 15 - MAX_RESET_REQUESTS_PER_IP });
  // Another client is not held back by that one.
  expect((await askReset('someone-else@example.com')).status).toBe(202);
  nextWindow();
});

it("a sign-in's 15-minute sweep keeps the hour's reset requests, and neither limit counts the other", async () => {
  for (let i = 0; i < MAX_RESET_REQUESTS_PER_EMAIL; i++) expect((await askReset(OWNER.email)).status).toBe(202);
  t.clock.advance(16 * 60_000);
  // A wrong password sweeps the sign-in rows older than 15 minutes; a right one still works.
  expect((await new Browser(t.url, nextIp()).login(OWNER.email, 'not the password')).status).toBe(401);
  expect((await new Browser(t.url, nextIp()).login(OWNER.email, OWNER.password)).status).toBe(200);
  expect((await askReset(OWNER.email)).status).toBe(429);
  nextWindow();
});

it('the request does the same work for a known and an unknown address (nothing to time): one queued job each', async () => {
  const db = t.runtime.ctx.db;
  const counts = async () => ({
    resets: Number((await db.selectFrom('password_resets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    jobs: (await db.selectFrom('jobs').select('kind').execute()).map((j) => j.kind).sort(),
  });
  await t.drainJobs();
  const start = await counts();
  expect((await askReset(OWNER.email)).status).toBe(202);
  const afterKnown = await counts();
  expect((await askReset('nobody-at-all@example.com')).status).toBe(202);
  const afterUnknown = await counts();
  expect(afterKnown.resets).toBe(start.resets);
  expect(afterUnknown.resets).toBe(start.resets);
  expect(afterKnown.jobs).toEqual([...start.jobs, 'password-reset.request'].sort());
  expect(afterUnknown.jobs).toEqual([...afterKnown.jobs, 'password-reset.request'].sort());
  // The job then sends the known address its link, and the unknown one nothing.
  const mailsBefore = smtp.mails.length;
  await t.drainJobs();
  expect(smtp.mails.slice(mailsBefore).map((m) => m.to[0])).toEqual([OWNER.email]);
  nextWindow();
});
