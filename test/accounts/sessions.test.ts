/**
 * Dashboard sessions over real HTTP: sign-in and sign-out, the session view, CSRF on cookie
 * requests (and not on Bearer ones), X-Workspace-Id, sliding expiry, password change ending the
 * other sessions, and the login rate limit per email and per IP, moved through time with the
 * manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Browser, OWNER, setUpOwner } from './browser-session.js';

let t: TestApp;
let owner: Browser;
let workspaceId: string;
let ipCounter = 0;

/** A browser at its own client IP, so one test's failed logins do not count against another's. */
const freshBrowser = () => new Browser(t.url, `203.0.113.${++ipCounter}`);

beforeAll(async () => {
  // Behind a proxy (TRUST_PROXY): each simulated browser comes from its own X-Forwarded-For address.
  t = await startTestApp({ env: { TRUST_PROXY: 'true' } });
  ({ browser: owner, workspaceId } = await setUpOwner(t));
});
afterAll(async () => t?.close());

describe('login and logout', () => {
  it('refuses a wrong password and an unknown email alike, with 401 invalid_credentials', async () => {
    const b = freshBrowser();
    const wrong = await b.login(OWNER.email, 'not the password');
    const unknown = await b.login('nobody@example.com', OWNER.password);
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_credentials');
      expect(res.setCookies).toEqual([]);
    }
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('signs in (email case-insensitive), shows the session, and signs out only with the CSRF token', async () => {
    const b = freshBrowser();
    expect((await b.get('/api/v1/auth/session')).status).toBe(401);

    const login = await b.login('OWNER@example.com', OWNER.password);
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      user: { id: expect.stringMatching(/^usr_/), email: OWNER.email, name: OWNER.name },
      workspaces: [{ id: workspaceId, name: 'acme', businessName: 'Acme Plumbing', role: 'owner' }],
      csrfToken: expect.any(String),
    });
    expect(b.cookie).toBeTruthy();
    expect(b.cookie).not.toBe(owner.cookie);

    const session = await b.get('/api/v1/auth/session');
    expect(session.status).toBe(200);
    expect(session.body).toEqual(login.body);

    const noCsrf = await b.post('/api/v1/auth/logout', undefined, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf');
    expect((await b.get('/api/v1/auth/session')).status).toBe(200);

    const cookie = b.cookie;
    const logout = await b.post('/api/v1/auth/logout');
    expect(logout.status).toBe(204);
    expect(logout.setCookies.some((c) => /^tb_session=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);
    expect(b.cookie).toBeNull();

    // The old cookie is dead on the server too, not just forgotten by the browser.
    b.cookie = cookie;
    const after = await b.get('/api/v1/auth/session');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
    // The owner's other browser is unaffected.
    expect((await owner.get('/api/v1/auth/session')).status).toBe(200);
  });

  it('refuses a form-encoded sign-in (what a cross-site HTML form could post) with 415', async () => {
    const res = await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.7' },
      body: new URLSearchParams({ email: OWNER.email, password: OWNER.password }).toString(),
    });
    expect(res.status).toBe(415);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('rejects a made-up cookie with 401', async () => {
    const b = freshBrowser();
    b.cookie = 'bm90LWEtcmVhbC1zZXNzaW9uLXRva2VuLWF0LWFsbC0xMjM0NTY3ODkw';
    expect((await b.get('/api/v1/auth/session')).status).toBe(401);
    expect((await b.get('/api/v1/phone-numbers', { workspaceId })).status).toBe(401);
  });
});

describe('cookie requests', () => {
  it('need X-CSRF-Token equal to the session token on a POST; GETs and Bearer requests need none', async () => {
    const missing = await owner.post('/api/v1/contacts', { phone: '+15550102001' }, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('csrf');
    const wrong = await owner.post('/api/v1/contacts', { phone: '+15550102001' }, { csrfToken: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('csrf');
    expect((await owner.get('/api/v1/contacts?phone=%2B15550102001')).body.data).toEqual([]);

    const ok = await owner.post('/api/v1/contacts', { phone: '+15550102001' });
    expect(ok.status).toBe(201);

    const key = await owner.post('/api/v1/api-keys', { name: 'integration' });
    expect(key.status).toBe(201);
    const bearer = await t.api('POST', '/api/v1/contacts', { token: key.body.apiKey, body: { phone: '+15550102002' } });
    expect(bearer.status).toBe(201);
  });

  it('name their workspace in X-Workspace-Id (400 naming it when missing)', async () => {
    const res = await owner.get('/api/v1/phone-numbers', { workspaceId: null });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('X-Workspace-Id');
    expect((await owner.get('/api/v1/phone-numbers')).status).toBe(200);
  });

  it('lose to a Bearer header: a bad bearer token is 401 even with a good cookie', async () => {
    const res = await owner.get('/api/v1/phone-numbers', { bearer: 'tbk_not-a-key' });
    expect(res.status).toBe(401);
    const operator = await owner.get('/api/v1/phone-numbers', { bearer: t.adminToken });
    expect(operator.status).toBe(403);
  });

  it('cannot reach operator routes', async () => {
    expect((await owner.get('/api/v1/workspaces')).status).toBe(401);
  });
});

describe('session lifetime', () => {
  it('slides: 30 days after the last use, not after the sign-in, and the cookie slides with it', async () => {
    const b = freshBrowser();
    expect((await b.login(OWNER.email, OWNER.password)).status).toBe(200);
    t.clock.advance(20 * 24 * 3600_000);
    const used = await b.get('/api/v1/phone-numbers');
    expect(used.status).toBe(200);
    const refreshed = used.setCookies.find((c) => c.startsWith('tb_session='));
    expect(refreshed).toMatch(/Max-Age=2592000/);
    expect(refreshed).toMatch(/HttpOnly/);

    // A request within the minute does not write again.
    expect((await b.get('/api/v1/phone-numbers')).setCookies).toEqual([]);

    t.clock.advance(20 * 24 * 3600_000);
    expect((await b.get('/api/v1/auth/session')).status).toBe(200);
    t.clock.advance(30 * 24 * 3600_000 + 1);
    expect((await b.get('/api/v1/auth/session')).status).toBe(401);
    // The owner's main browser went unused for as long, so it expired too; sign it in again.
    expect((await owner.login(OWNER.email, OWNER.password)).status).toBe(200);
  });
});

describe('password change', () => {
  const NEW_PASSWORD = 'a brand new passphrase';

  it('checks the current password and the new one’s length, then ends every other session', async () => {
    const laptop = freshBrowser();
    const phone = freshBrowser();
    expect((await laptop.login(OWNER.email, OWNER.password)).status).toBe(200);
    expect((await phone.login(OWNER.email, OWNER.password)).status).toBe(200);

    const noCsrf = await laptop.post('/api/v1/auth/password', { currentPassword: OWNER.password, newPassword: NEW_PASSWORD }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    const wrongCurrent = await laptop.post('/api/v1/auth/password', { currentPassword: 'not it at all', newPassword: NEW_PASSWORD });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.error.field).toBe('currentPassword');
    const tooShort = await laptop.post('/api/v1/auth/password', { currentPassword: OWNER.password, newPassword: 'short' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.field).toBe('newPassword');
    expect((await freshBrowser().login(OWNER.email, OWNER.password)).status).toBe(200);

    const changed = await laptop.post('/api/v1/auth/password', { currentPassword: OWNER.password, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(204);

    expect((await laptop.get('/api/v1/auth/session')).status).toBe(200);
    expect((await phone.get('/api/v1/auth/session')).status).toBe(401);
    expect((await owner.get('/api/v1/auth/session')).status).toBe(401);

    expect((await freshBrowser().login(OWNER.email, OWNER.password)).status).toBe(401);
    expect((await owner.login(OWNER.email, NEW_PASSWORD)).status).toBe(200);
    // Back to the original, for the tests below.
    expect((await owner.post('/api/v1/auth/password', { currentPassword: NEW_PASSWORD, newPassword: OWNER.password })).status).toBe(204);
  });
});

describe('login rate limit', () => {
  it('answers 429 after 5 failures for an email, even to the right password, and recovers after 15 minutes', async () => {
    const b = freshBrowser();
    for (let i = 0; i < 5; i++) expect((await b.login(OWNER.email, `wrong guess ${i}`)).status).toBe(401);
    const limited = await b.login(OWNER.email, OWNER.password);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBe(15 * 60);
    expect(limited.setCookies).toEqual([]);
    // The limit follows the email, not the client: another IP is refused too.
    expect((await freshBrowser().login(OWNER.email, OWNER.password)).status).toBe(429);
    // Other accounts are untouched.
    expect((await b.login('nobody@example.com', 'whatever it is')).status).toBe(401);

    t.clock.advance(15 * 60_000 - 1000);
    expect((await b.login(OWNER.email, OWNER.password)).status).toBe(429);
    t.clock.advance(1000);
    expect((await b.login(OWNER.email, OWNER.password)).status).toBe(200);
  });

  it('forgets an email’s failures after a successful sign-in', async () => {
    const b = freshBrowser();
    for (let i = 0; i < 4; i++) expect((await b.login(OWNER.email, 'wrong')).status).toBe(401);
    expect((await b.login(OWNER.email, OWNER.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await b.login(OWNER.email, 'wrong')).status).toBe(401);
    expect((await b.login(OWNER.email, OWNER.password)).status).toBe(200);
    t.clock.advance(15 * 60_000);
  });

  it('answers 429 after 20 failures from one IP, whatever the email', async () => {
    const b = freshBrowser();
    for (let i = 0; i < 20; i++) expect((await b.login(`guess${i}@example.com`, 'some password')).status).toBe(401);
    const limited = await b.login(OWNER.email, OWNER.password);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    // The owner, elsewhere, still signs in.
    expect((await freshBrowser().login(OWNER.email, OWNER.password)).status).toBe(200);
    t.clock.advance(15 * 60_000);
    expect((await b.login(OWNER.email, OWNER.password)).status).toBe(200);
  });

  it('counts wrong current passwords on a password change as failures', async () => {
    const b = freshBrowser();
    expect((await b.login(OWNER.email, OWNER.password)).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await b.post('/api/v1/auth/password', { currentPassword: `wrong ${i}`, newPassword: 'whatever long enough' })).status).toBe(400);
    }
    const limited = await b.post('/api/v1/auth/password', { currentPassword: OWNER.password, newPassword: 'whatever long enough' });
    expect(limited.status).toBe(429);
    t.clock.advance(15 * 60_000);
  });
});
