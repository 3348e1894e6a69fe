/**
 * First-run setup over real HTTP: open only while no account exists and only with ADMIN_TOKEN,
 * creates the workspace, its owner and the offline demo (sandbox number, demo knowledge base,
 * agent on the builtin model), signs the owner in with a properly flagged cookie, and cannot run
 * twice, not even as a double submit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KNOWLEDGE } from '../../src/onboarding/demo-business.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Browser, cookieAttribute, OWNER, type BrowserResponse } from './browser-session.js';

const WORKSPACE = { name: 'acme', businessName: 'Acme Plumbing', timezone: 'America/Chicago' };

describe('first-run setup', () => {
  let t: TestApp;
  let browser: Browser;
  let setupResponse: BrowserResponse;

  beforeAll(async () => {
    t = await startTestApp();
    browser = new Browser(t.url);
  });
  afterAll(async () => t?.close());

  it('is needed on a fresh installation, and operator-made workspaces do not count as set up', async () => {
    expect((await browser.get('/api/v1/setup')).body).toEqual({ needsSetup: true });
    // Another tenant already holds the demo number the setup would take first.
    const other = await t.createWorkspace({ name: 'other' });
    const taken = await t.api('POST', '/api/v1/phone-numbers', { token: other.apiKey, body: { number: '+15550100001', carrier: 'sandbox' } });
    expect(taken.status).toBe(201);
    expect((await browser.get('/api/v1/setup')).body).toEqual({ needsSetup: true });
  });

  it('refuses a wrong setup token with 403 and an invalid body with 400 naming the field, storing nothing', async () => {
    const wrong = await browser.post('/api/v1/setup', { setupToken: 'not-the-admin-token', ...OWNER, workspace: WORKSPACE });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('forbidden');
    expect(wrong.setCookies).toEqual([]);

    const short = await browser.post('/api/v1/setup', { setupToken: t.adminToken, ...OWNER, password: 'short', workspace: WORKSPACE });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('password');

    const badZone = await browser.post('/api/v1/setup', {
      setupToken: t.adminToken,
      ...OWNER,
      workspace: { ...WORKSPACE, timezone: 'Mars/Olympus' },
    });
    expect(badZone.status).toBe(400);
    expect(badZone.body.error.field).toBe('workspace.timezone');

    expect((await browser.get('/api/v1/setup')).body).toEqual({ needsSetup: true });
    expect(await t.runtime.ctx.db.selectFrom('users').selectAll().execute()).toEqual([]);
  });

  it('creates the owner and workspace and signs in with an httpOnly, SameSite=Lax cookie', async () => {
    setupResponse = await browser.post('/api/v1/setup', {
      setupToken: t.adminToken,
      ...OWNER,
      email: '  Owner@Example.COM ',
      workspace: WORKSPACE,
    });
    expect(setupResponse.status).toBe(201);
    const { user, workspaces, csrfToken } = setupResponse.body;
    expect(user).toEqual({ id: expect.stringMatching(/^usr_/), email: 'owner@example.com', name: OWNER.name });
    expect(workspaces).toEqual([{ id: expect.stringMatching(/^ws_/), name: 'acme', businessName: 'Acme Plumbing', role: 'owner' }]);
    expect(csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(Object.keys(setupResponse.body).sort()).toEqual(['csrfToken', 'user', 'workspaces']);

    const cookie = setupResponse.setCookies.find((c) => c.startsWith('tb_session='));
    expect(cookie).toBeDefined();
    expect(cookie!).toMatch(/^tb_session=[\w-]{43};/);
    expect(cookieAttribute(cookie!, 'HttpOnly')).toBe(true);
    expect(String(cookieAttribute(cookie!, 'SameSite')).toLowerCase()).toBe('lax');
    expect(cookieAttribute(cookie!, 'Path')).toBe('/');
    expect(cookieAttribute(cookie!, 'Max-Age')).toBe(String(30 * 24 * 60 * 60));
    // PUBLIC_URL is http here: a Secure cookie would never come back.
    expect(cookieAttribute(cookie!, 'Secure')).toBeUndefined();

    // The cookie value is not what the database stores.
    const sessions = await t.runtime.ctx.db.selectFrom('sessions').selectAll().execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).not.toBe(browser.cookie);
    expect(sessions[0]!.id).toMatch(/^[0-9a-f]{64}$/);

    const session = await browser.get('/api/v1/auth/session');
    expect(session.status).toBe(200);
    expect(session.body).toEqual(setupResponse.body);
    expect((await browser.get('/api/v1/setup')).body).toEqual({ needsSetup: false });
  });

  it('seeds the offline demo: a sandbox number (next free one), the demo knowledge base, the agent on builtin', async () => {
    browser.workspaceId = setupResponse.body.workspaces[0].id;
    const numbers = await browser.get('/api/v1/phone-numbers');
    expect(numbers.status).toBe(200);
    expect(numbers.body.data).toHaveLength(1);
    expect(numbers.body.data[0]).toMatchObject({
      number: '+15550100002',
      carrier: 'sandbox',
      name: 'Demo line (sandbox)',
      forwardTo: ['+15550109999'],
      voicemail: { enabled: true },
    });

    const knowledge = await browser.get('/api/v1/knowledge?limit=200');
    expect(knowledge.body.data.map((k: { title: string }) => k.title).sort()).toEqual(DEMO_KNOWLEDGE.map((k) => k.title).sort());

    const agent = await browser.get('/api/v1/agent');
    expect(agent.body).toMatchObject({ enabled: true, model: { provider: 'builtin', apiKeySet: false } });

    // The seed's recipe, so the demo agent answers whoever's call was missed.
    const workflows = await browser.get('/api/v1/workflows');
    expect(workflows.body.data).toEqual([
      expect.objectContaining({ enabled: true, trigger: { type: 'call.missed' }, actions: [{ type: 'add_tag', tag: 'smschat_ai' }] }),
    ]);

    // The workspace's first API key was never shown to anyone, so it is not left active.
    expect((await browser.get('/api/v1/api-keys')).body.data).toEqual([]);
  });

  it('answers 409 to a second setup, even with the right token', async () => {
    const again = await new Browser(t.url).post('/api/v1/setup', {
      setupToken: t.adminToken,
      email: 'someone@example.com',
      password: 'another long password',
      name: 'Someone',
      workspace: WORKSPACE,
    });
    expect(again.status).toBe(409);
    expect(again.setCookies).toEqual([]);
    const users = await t.runtime.ctx.db.selectFrom('users').select('email').execute();
    expect(users).toEqual([{ email: 'owner@example.com' }]);
  });
});

describe('first-run setup behind https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'https://textback.example.com' } });
  });
  afterAll(async () => t?.close());

  it('marks the cookie Secure, and a double submit makes one owner and one workspace', async () => {
    const body = {
      setupToken: t.adminToken,
      email: 'first@example.com',
      password: 'a long enough password',
      name: 'First',
      workspace: WORKSPACE,
    };
    const [a, b] = await Promise.all([new Browser(t.url).post('/api/v1/setup', body), new Browser(t.url).post('/api/v1/setup', body)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    const cookie = winner.setCookies.find((c) => c.startsWith('tb_session='))!;
    expect(cookieAttribute(cookie, 'Secure')).toBe(true);

    const db = t.runtime.ctx.db;
    expect(await db.selectFrom('users').select('email').execute()).toEqual([{ email: 'first@example.com' }]);
    const workspaces = await t.api('GET', '/api/v1/workspaces', { token: t.adminToken });
    expect(workspaces.body.data.map((w: { id: string }) => w.id)).toEqual([winner.body.workspaces[0].id]);
    expect(await db.selectFrom('phone_numbers').select('number').execute()).toEqual([{ number: '+15550100001' }]);
  });
});

describe('operator API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('creates a workspace with its first owner, who can then sign in', async () => {
    const res = await t.api('POST', '/api/v1/workspaces', {
      token: t.adminToken,
      body: { name: 'Bravo', businessName: 'Bravo Electric', timezone: 'America/Denver', owner: { email: 'Boss@Bravo.example', name: 'Bo' } },
    });
    expect(res.status).toBe(201);
    expect(res.body.apiKey).toMatch(/^tbk_/);
    expect(res.body.owner).toMatchObject({ email: 'boss@bravo.example', name: 'Bo', createdAccount: true });
    expect(res.body.owner.password.length).toBeGreaterThanOrEqual(10);
    const login = await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'boss@bravo.example', password: res.body.owner.password }),
    });
    expect(login.status).toBe(200);
    const session = (await login.json()) as { workspaces: Array<{ id: string; role: string }> };
    expect(session.workspaces).toEqual([expect.objectContaining({ id: res.body.id, role: 'owner' })]);
  });

  it('rejects a bad owner email naming the field', async () => {
    const res = await t.api('POST', '/api/v1/workspaces', {
      token: t.adminToken,
      body: { name: 'X', businessName: 'X', timezone: 'UTC', owner: { email: 'not-an-email' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('owner.email');
  });
});
