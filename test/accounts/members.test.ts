/**
 * Members, invites, roles and API keys over real HTTP: an owner invites, the invitee accepts and
 * works in that workspace only (another workspace and its data are 404 to them), members cannot
 * manage people or keys, an existing account joins only while signed in, the last owner stays,
 * and API keys are shown once, listed without secrets and dead once revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Browser, OWNER, setUpOwner } from './browser-session.js';

let t: TestApp;
let owner: Browser;
let a: string;
let b: { id: string; apiKey: string };
let bContactId: string;

const MEMBER = { email: 'mia@example.com', name: 'Mia Member', password: 'mia’s long password' };

function tokenOf(inviteUrl: string): string {
  return new URL(inviteUrl).searchParams.get('token') as string;
}

beforeAll(async () => {
  t = await startTestApp();
  ({ browser: owner, workspaceId: a } = await setUpOwner(t));
  b = await t.createWorkspace({ name: 'bravo', businessName: 'Bravo Electric' });
  const contact = await t.api('POST', '/api/v1/contacts', { token: b.apiKey, body: { phone: '+15550103001', name: 'Bravo customer' } });
  bContactId = contact.body.id;
});
afterAll(async () => t?.close());

describe('invites', () => {
  let member: Browser;
  let memberUserId: string;

  it('lets an owner invite by email: 201 with a link, listed later with the same link to copy again (stored sealed)', async () => {
    const res = await owner.post('/api/v1/invites', { email: 'Mia@Example.com' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^inv_/), email: MEMBER.email, role: 'member' });
    expect(res.body.inviteUrl).toMatch(new RegExp(`^${t.url}/invite\\?token=[\\w-]{43}$`));
    expect(Date.parse(res.body.expiresAt)).toBe(t.clock.now() + 7 * 24 * 3600_000);

    const stored = await t.runtime.ctx.db.selectFrom('invites').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(tokenOf(res.body.inviteUrl));
    expect(stored.token_sealed).not.toContain(tokenOf(res.body.inviteUrl));

    const list = await owner.get('/api/v1/invites');
    expect(list.status).toBe(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.data).toEqual([
      { id: res.body.id, email: MEMBER.email, role: 'member', expiresAt: res.body.expiresAt, createdAt: expect.any(String), inviteUrl: res.body.inviteUrl },
    ]);
  });

  it('accepting creates the account, signs it in as a member, and the link then stops working', async () => {
    const invite = await owner.post('/api/v1/invites', { email: MEMBER.email, role: 'member' });
    const token = tokenOf(invite.body.inviteUrl);
    member = new Browser(t.url);

    const noPassword = await member.post('/api/v1/invites/accept', { token, name: MEMBER.name });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.error.field).toBe('password');

    const res = await member.post('/api/v1/invites/accept', { token, name: MEMBER.name, password: MEMBER.password });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: { id: expect.stringMatching(/^usr_/), email: MEMBER.email, name: MEMBER.name },
      workspaces: [{ id: a, name: 'acme', businessName: 'Acme Plumbing', role: 'member' }],
      csrfToken: expect.any(String),
    });
    expect(member.cookie).toBeTruthy();
    memberUserId = res.body.user.id;
    member.workspaceId = a;

    const again = await new Browser(t.url).post('/api/v1/invites/accept', { token, name: 'X', password: 'another password!' });
    expect(again.status).toBe(400);
    expect(again.body.error.field).toBe('token');
    // The earlier invite to the same email was replaced by this one, so its link is dead too.
    expect((await owner.get('/api/v1/invites')).body.data).toEqual([]);

    expect((await new Browser(t.url).login(MEMBER.email, MEMBER.password)).status).toBe(200);
  });

  it('gives a member their workspace’s data and a 404 for another workspace and its contacts', async () => {
    const numbers = await member.get('/api/v1/phone-numbers');
    expect(numbers.status).toBe(200);
    expect(numbers.body.data.map((n: { number: string }) => n.number)).toEqual(['+15550100001']);

    const other = await member.get('/api/v1/phone-numbers', { workspaceId: b.id });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('not_found');
    // Same answer as for a workspace that does not exist: membership is not revealed.
    const missing = await member.get('/api/v1/phone-numbers', { workspaceId: 'ws_doesnotexist' });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(other.body);

    expect((await member.get(`/api/v1/contacts/${bContactId}`)).status).toBe(404);
    expect((await member.get(`/api/v1/contacts/${bContactId}`, { workspaceId: b.id })).status).toBe(404);
    // Writes too: nothing is created in B.
    const write = await member.post('/api/v1/contacts', { phone: '+15550103002' }, { workspaceId: b.id });
    expect(write.status).toBe(404);
    const bContacts = await t.api('GET', '/api/v1/contacts', { token: b.apiKey });
    expect(bContacts.body.data.map((c: { phone: string }) => c.phone)).toEqual(['+15550103001']);
  });

  it('lets any member list the members, and only owners manage people and keys (403 for members)', async () => {
    const members = await member.get('/api/v1/members');
    expect(members.status).toBe(200);
    expect(members.body).toEqual({
      data: [
        { userId: memberUserId, email: MEMBER.email, name: MEMBER.name, role: 'member', createdAt: expect.any(String) },
        { userId: expect.stringMatching(/^usr_/), email: OWNER.email, name: OWNER.name, role: 'owner', createdAt: expect.any(String) },
      ],
      nextCursor: null,
    });
    const ownerId = members.body.data[1].userId;

    const refused = [
      await member.post('/api/v1/invites', { email: 'friend@example.com' }),
      await member.get('/api/v1/invites'),
      await member.post('/api/v1/api-keys', { name: 'mine' }),
      await member.get('/api/v1/api-keys'),
      await member.delete(`/api/v1/members/${ownerId}`),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await owner.get('/api/v1/invites')).body.data).toEqual([]);
    expect((await owner.get('/api/v1/members')).body.data).toHaveLength(2);
  });

  it('refuses an invite for someone already in the workspace (409)', async () => {
    const res = await owner.post('/api/v1/invites', { email: MEMBER.email });
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('email');
  });

  it('lets an existing account join another workspace only while signed in as that account', async () => {
    // Bravo has no dashboard user yet; its API key acts as its owner.
    const invite = await t.api('POST', '/api/v1/invites', { token: b.apiKey, body: { email: MEMBER.email, role: 'owner' } });
    expect(invite.status).toBe(201);
    const token = tokenOf(invite.body.inviteUrl);

    const anonymous = await new Browser(t.url).post('/api/v1/invites/accept', { token, name: 'Impostor', password: 'impostor password' });
    expect(anonymous.status).toBe(409);
    expect(anonymous.setCookies).toEqual([]);
    const asOwner = await owner.post('/api/v1/invites/accept', { token });
    expect(asOwner.status).toBe(409);

    const noCsrf = await member.post('/api/v1/invites/accept', { token }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf');

    const cookie = member.cookie;
    // The dashboard's form may send the unused fields empty.
    const joined = await member.post('/api/v1/invites/accept', { token, name: '', password: '' });
    expect(joined.status).toBe(201);
    expect(joined.body.workspaces).toEqual([
      { id: a, name: 'acme', businessName: 'Acme Plumbing', role: 'member' },
      { id: b.id, name: 'bravo', businessName: 'Bravo Electric', role: 'owner' },
    ]);
    // Same session, same cookie.
    expect(joined.setCookies).toEqual([]);
    expect(member.cookie).toBe(cookie);

    expect((await member.get(`/api/v1/contacts/${bContactId}`, { workspaceId: b.id })).status).toBe(200);
    expect((await member.get('/api/v1/invites', { workspaceId: b.id })).status).toBe(200);
    expect((await member.get('/api/v1/invites', { workspaceId: a })).status).toBe(403);
  });

  it('expires invites after 7 days and lets an owner withdraw one', async () => {
    const old = await owner.post('/api/v1/invites', { email: 'late@example.com' });
    t.clock.advance(7 * 24 * 3600_000);
    expect((await owner.get('/api/v1/invites')).body.data).toEqual([]);
    const late = await new Browser(t.url).post('/api/v1/invites/accept', { token: tokenOf(old.body.inviteUrl), name: 'Late', password: 'late but long enough' });
    expect(late.status).toBe(400);
    expect(late.body.error.field).toBe('token');

    const withdrawn = await owner.post('/api/v1/invites', { email: 'withdrawn@example.com' });
    expect((await member.delete(`/api/v1/invites/${withdrawn.body.id}`, { workspaceId: b.id })).status).toBe(404);
    expect((await owner.delete(`/api/v1/invites/${withdrawn.body.id}`)).status).toBe(204);
    expect((await owner.delete(`/api/v1/invites/${withdrawn.body.id}`)).status).toBe(404);
    const accept = await new Browser(t.url).post('/api/v1/invites/accept', {
      token: tokenOf(withdrawn.body.inviteUrl),
      name: 'Withdrawn',
      password: 'withdrawn password',
    });
    expect(accept.status).toBe(400);
  });

  it('removes a member (who loses access at once) but never the last owner', async () => {
    const members = (await owner.get('/api/v1/members')).body.data as Array<{ userId: string; role: string }>;
    const ownerId = members.find((m) => m.role === 'owner')!.userId;

    const last = await owner.delete(`/api/v1/members/${ownerId}`);
    expect(last.status).toBe(409);
    expect((await owner.delete('/api/v1/members/usr_nobody')).status).toBe(404);

    expect((await owner.delete(`/api/v1/members/${memberUserId}`)).status).toBe(204);
    expect((await member.get('/api/v1/phone-numbers', { workspaceId: a })).status).toBe(404);
    // Still an owner of Bravo, where Mia is now the only owner.
    expect((await member.get('/api/v1/phone-numbers', { workspaceId: b.id })).status).toBe(200);
    expect((await member.delete(`/api/v1/members/${memberUserId}`, { workspaceId: b.id })).status).toBe(409);
    expect((await member.get('/api/v1/auth/session')).body.workspaces.map((w: { id: string }) => w.id)).toEqual([b.id]);
  });
});

describe('API keys', () => {
  it('creates a key shown once, lists it without the secret, and a revoked key is 401', async () => {
    const created = await owner.post('/api/v1/api-keys', { name: 'Zapier' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^key_/), name: 'Zapier', prefix: created.body.apiKey.slice(0, 8) });
    expect(created.body.apiKey).toMatch(/^tbk_/);

    const before = await owner.get('/api/v1/api-keys');
    expect(before.body.data).toEqual([{ id: created.body.id, name: 'Zapier', prefix: created.body.prefix, createdAt: expect.any(String), lastUsedAt: null }]);
    expect(JSON.stringify(before.body)).not.toContain(created.body.apiKey);

    const used = await t.api('GET', '/api/v1/workspace', { token: created.body.apiKey });
    expect(used.status).toBe(200);
    expect(used.body.id).toBe(a);
    expect((await owner.get('/api/v1/api-keys')).body.data[0].lastUsedAt).toBe(new Date(t.clock.now()).toISOString());

    expect((await owner.delete(`/api/v1/api-keys/${created.body.id}`, { csrf: false })).status).toBe(403);
    expect((await owner.delete(`/api/v1/api-keys/${created.body.id}`)).status).toBe(204);
    const revoked = await t.api('GET', '/api/v1/workspace', { token: created.body.apiKey });
    expect(revoked.status).toBe(401);
    expect((await owner.get('/api/v1/api-keys')).body.data).toEqual([]);
    expect((await owner.delete(`/api/v1/api-keys/${created.body.id}`)).status).toBe(404);
  });

  it('keeps each workspace’s keys to itself', async () => {
    const bKeys = await t.api('GET', '/api/v1/api-keys', { token: b.apiKey });
    expect(bKeys.status).toBe(200);
    expect(bKeys.body.data.map((k: { name: string }) => k.name)).toEqual(['Default']);
    const aKey = await owner.post('/api/v1/api-keys', { name: 'A only' });
    expect((await t.api('DELETE', `/api/v1/api-keys/${aKey.body.id}`, { token: b.apiKey })).status).toBe(404);
    expect((await t.api('GET', '/api/v1/workspace', { token: aKey.body.apiKey })).status).toBe(200);
  });
});
