/**
 * Issue 15, item 4: a burst of parallel sign-ins gets exactly the remaining allowance. Each attempt
 * is reserved (counted) before its password is checked, so 30 parallel wrong passwords for one
 * email reach the password check 5 times, and 30 from one IP to many emails 20 times; a right
 * password takes its reservation back, so signing in often from one office never locks it out.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from '../../src/services/login-rate-limit.js';
import { Browser, OWNER, setUpOwner } from '../accounts/browser-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let ipSeq = 0;
// Behind a proxy (TRUST_PROXY): each burst comes from its own client address.
const nextIp = () => `203.0.113.${++ipSeq}`;

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' } });
  await setUpOwner(t);
});
afterAll(async () => t?.close());

const statuses = (list: Array<{ status: number }>) => {
  const count: Record<number, number> = {};
  for (const r of list) count[r.status] = (count[r.status] ?? 0) + 1;
  return count;
};

it('30 parallel wrong passwords for one email: exactly 5 are checked (401), the rest are 429', async () => {
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) => new Browser(t.url, `198.51.100.${i + 1}`).login(OWNER.email, `wrong password ${i}`)),
  );
  expect(statuses(results)).toEqual({ 401: MAX_FAILURES_PER_EMAIL, 429: 30 - MAX_FAILURES_PER_EMAIL });
  // Locked now, even for the right password.
  expect((await new Browser(t.url, nextIp()).login(OWNER.email, OWNER.password)).status).toBe(429);
  t.clock.advance(15 * 60_000 + 1);
  expect((await new Browser(t.url, nextIp()).login(OWNER.email, OWNER.password)).status).toBe(200);
});

it('30 parallel wrong passwords from one IP to many emails: exactly 20 are checked', async () => {
  const ip = nextIp();
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) => new Browser(t.url, ip).login(`nobody${i}@example.com`, 'wrong password')),
  );
  expect(statuses(results)).toEqual({ 401: MAX_FAILURES_PER_IP, 429: 30 - MAX_FAILURES_PER_IP });
  t.clock.advance(15 * 60_000 + 1);
});

it('right passwords take their reservation back: 21 sign-ins from one IP all succeed', async () => {
  const ip = nextIp();
  for (let i = 0; i < MAX_FAILURES_PER_IP + 1; i++) {
    expect((await new Browser(t.url, ip).login(OWNER.email, OWNER.password)).status).toBe(200);
  }
});
