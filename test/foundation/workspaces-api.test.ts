/**
 * The foundation API over real HTTP: operator and workspace auth, workspace isolation, phone
 * numbers, contacts, carrier credentials encrypted at rest, and clear 400s that store nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let a: { id: string; apiKey: string };
let b: { id: string; apiKey: string };

beforeAll(async () => {
  t = await startTestApp();
  a = await t.createWorkspace({ name: 'A', businessName: 'Acme Plumbing' });
  b = await t.createWorkspace({ name: 'B', businessName: 'Bravo Electric' });
});
afterAll(async () => t?.close());

describe('health', () => {
  it('answers 200 once migrated', async () => {
    const res = await t.api('GET', '/healthz');
    expect(res).toEqual({ status: 200, body: { status: 'ok' } });
  });
});

describe('auth', () => {
  it('refuses a missing or wrong token with 401', async () => {
    expect((await t.api('GET', '/api/v1/workspace')).status).toBe(401);
    expect((await t.api('GET', '/api/v1/workspace', { token: 'tbk_nope' })).status).toBe(401);
    const res = await t.api('POST', '/api/v1/workspaces', { body: { name: 'x', businessName: 'x', timezone: 'UTC' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('refuses a workspace key on an operator route with 403', async () => {
    const res = await t.api('POST', '/api/v1/workspaces', {
      token: a.apiKey,
      body: { name: 'x', businessName: 'x', timezone: 'UTC' },
    });
    expect(res.status).toBe(403);
  });

  it('shows the API key once and scopes it to its workspace', async () => {
    const res = await t.api('GET', '/api/v1/workspace', { token: a.apiKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: a.id, businessName: 'Acme Plumbing', timezone: 'America/Chicago' });
    expect(res.body.apiKey).toBeUndefined();
  });
});

describe('workspace settings', () => {
  it('updates business hours, staff numbers and quiet hours, and rejects a bad field by name', async () => {
    const ok = await t.api('PATCH', '/api/v1/workspace', {
      token: a.apiKey,
      body: { staffNumbers: ['+1 (555) 010-9999'], quietHours: { enabled: true, start: '21:00', end: '08:00' } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.staffNumbers).toEqual(['+15550109999']);
    expect(ok.body.quietHours).toEqual({ enabled: true, start: '21:00', end: '08:00' });

    const bad = await t.api('PATCH', '/api/v1/workspace', { token: a.apiKey, body: { timezone: 'Mars/Olympus' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('timezone');
    const after = await t.api('GET', '/api/v1/workspace', { token: a.apiKey });
    expect(after.body.timezone).toBe('America/Chicago');
  });
});

describe('phone numbers', () => {
  it('normalizes to E.164, fills defaults and builds webhook URLs from PUBLIC_URL', async () => {
    const res = await t.api('POST', '/api/v1/phone-numbers', {
      token: a.apiKey,
      body: { number: '+1 555-010-0001', name: 'Sales line', forwardTo: ['+15550109999', 'sip:desk@pbx.example.com'] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: '+15550100001',
      carrier: 'twilio',
      name: 'Sales line',
      forwardTo: ['+15550109999', 'sip:desk@pbx.example.com'],
      ringTimeoutSeconds: 20,
      screening: 'none',
      missedCallTextBack: { enabled: true, delaySeconds: 0, cooldownMinutes: 1440 },
      webhooks: {
        voiceUrl: `${t.url}/webhooks/twilio/voice`,
        voiceStatusUrl: `${t.url}/webhooks/twilio/voice/status`,
        smsUrl: `${t.url}/webhooks/twilio/sms`,
      },
    });
    expect(res.body.missedCallTextBack.message).toContain('{{business.name}}');
  });

  it('keeps a number unique across the whole installation', async () => {
    const res = await t.api('POST', '/api/v1/phone-numbers', { token: b.apiKey, body: { number: '+15550100001' } });
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('number');
  });

  it('answers 400 naming the field for a bad body and stores nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ number: 'not a number' }, 'number'],
      [{ number: '+15550100002', ringTimeoutSeconds: 1 }, 'ringTimeoutSeconds'],
      [{ number: '+15550100002', forwardTo: ['hello'] }, 'forwardTo.0'],
      [{ number: '+15550100002', missedCallTextBack: { message: 'Hi {{contact.nickname}}' } }, 'missedCallTextBack.message'],
      [{ number: '+15550100002', screening: 'press-2' }, 'screening'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api('POST', '/api/v1/phone-numbers', { token: a.apiKey, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toBeTruthy();
    }
    const list = await t.api('GET', '/api/v1/phone-numbers', { token: a.apiKey });
    expect(list.body.data.map((n: { number: string }) => n.number)).toEqual(['+15550100001']);
  });

  it('refuses malformed JSON with 400 and keeps serving', async () => {
    const res = await fetch(`${t.url}/api/v1/phone-numbers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.apiKey}`, 'content-type': 'application/json' },
      body: '{"number": ',
    });
    expect(res.status).toBe(400);
    expect((await t.api('GET', '/healthz')).status).toBe(200);
  });

  it('patches nested settings in part', async () => {
    const list = await t.api('GET', '/api/v1/phone-numbers', { token: a.apiKey });
    const id = list.body.data[0].id;
    const res = await t.api('PATCH', `/api/v1/phone-numbers/${id}`, {
      token: a.apiKey,
      body: { missedCallTextBack: { cooldownMinutes: 0 } },
    });
    expect(res.status).toBe(200);
    expect(res.body.missedCallTextBack.cooldownMinutes).toBe(0);
    expect(res.body.missedCallTextBack.enabled).toBe(true);
  });
});

describe('contacts', () => {
  it('creates, finds by phone, tags and stages a contact', async () => {
    const created = await t.api('POST', '/api/v1/contacts', {
      token: a.apiKey,
      body: { phone: '+15550107777', name: 'Dana Smith', tags: ['vip'], stage: 'New Lead' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ phone: '+15550107777', name: 'Dana Smith', tags: ['vip'], stage: 'New Lead', optedOut: false, textable: true });
    const id = created.body.id;

    const tagged = await t.api('POST', `/api/v1/contacts/${id}/tags`, { token: a.apiKey, body: { tag: 'smschat_ai' } });
    expect(tagged.status).toBe(201);
    expect(tagged.body.tags).toEqual(['smschat_ai', 'vip']);
    expect((await t.api('DELETE', `/api/v1/contacts/${id}/tags/vip`, { token: a.apiKey })).status).toBe(204);

    const found = await t.api('GET', '/api/v1/contacts?phone=%2B15550107777', { token: a.apiKey });
    expect(found.body.data).toHaveLength(1);
    expect(found.body.data[0].tags).toEqual(['smschat_ai']);

    const patched = await t.api('PATCH', `/api/v1/contacts/${id}`, { token: a.apiKey, body: { stage: 'Booked' } });
    expect(patched.body.stage).toBe('Booked');
  });
});

describe('isolation between workspaces', () => {
  it('one workspace cannot read or change another one\'s numbers, contacts or calls (404, and searches find nothing)', async () => {
    const num = await t.api('POST', '/api/v1/phone-numbers', { token: b.apiKey, body: { number: '+15550100055' } });
    const contact = await t.api('POST', '/api/v1/contacts', { token: b.apiKey, body: { phone: '+15550108888' } });
    expect(num.status).toBe(201);
    expect(contact.status).toBe(201);

    expect((await t.api('GET', `/api/v1/phone-numbers/${num.body.id}`, { token: a.apiKey })).status).toBe(404);
    expect((await t.api('PATCH', `/api/v1/phone-numbers/${num.body.id}`, { token: a.apiKey, body: { name: 'mine' } })).status).toBe(404);
    expect((await t.api('DELETE', `/api/v1/phone-numbers/${num.body.id}`, { token: a.apiKey })).status).toBe(404);
    expect((await t.api('GET', `/api/v1/contacts/${contact.body.id}`, { token: a.apiKey })).status).toBe(404);
    expect((await t.api('PATCH', `/api/v1/contacts/${contact.body.id}`, { token: a.apiKey, body: { name: 'x' } })).status).toBe(404);
    expect((await t.api('POST', `/api/v1/contacts/${contact.body.id}/tags`, { token: a.apiKey, body: { tag: 'x' } })).status).toBe(404);

    const search = await t.api('GET', '/api/v1/contacts?phone=%2B15550108888', { token: a.apiKey });
    expect(search).toEqual({ status: 200, body: { data: [], nextCursor: null } });
    const numbers = await t.api('GET', '/api/v1/phone-numbers', { token: a.apiKey });
    expect(numbers.body.data.map((n: { id: string }) => n.id)).not.toContain(num.body.id);
    const calls = await t.api('GET', '/api/v1/calls', { token: a.apiKey });
    expect(calls.body.data.every((c: { phoneNumberId: string }) => c.phoneNumberId !== num.body.id)).toBe(true);

    // B still sees its own.
    expect((await t.api('GET', `/api/v1/phone-numbers/${num.body.id}`, { token: b.apiKey })).status).toBe(200);
  });
});

describe('carrier credentials', () => {
  it('stores the Twilio auth token encrypted, never returns it', async () => {
    const token = 'f00dfeedf00dfeedf00dfeedf00dfeed';
    const res = await t.api('PUT', '/api/v1/carriers/twilio', {
      token: a.apiKey,
      body: { accountSid: `AC${'a'.repeat(32)}`, authToken: token },
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(token);
    const list = await t.api('GET', '/api/v1/carriers', { token: a.apiKey });
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.data[0]).toMatchObject({ carrier: 'twilio', accountSid: `AC${'a'.repeat(32)}`, configured: true });

    const row = await t.runtime.ctx.db.selectFrom('carrier_accounts').selectAll().where('workspace_id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.secret_ciphertext).not.toContain(token);
    expect(row.secret_ciphertext).not.toContain(Buffer.from(token).toString('base64'));
  });

  it('rejects a malformed Account SID naming the field', async () => {
    const res = await t.api('PUT', '/api/v1/carriers/twilio', { token: a.apiKey, body: { accountSid: 'nope', authToken: 'x'.repeat(32) } });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('accountSid');
  });
});

describe('pagination', () => {
  it('lists newest first with a cursor', async () => {
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      await t.api('POST', '/api/v1/contacts', { token: b.apiKey, body: { phone: `+1555010200${i}` } });
    }
    const first = await t.api('GET', '/api/v1/contacts?limit=2', { token: b.apiKey });
    expect(first.body.data.map((c: { phone: string }) => c.phone)).toEqual(['+15550102004', '+15550102003']);
    const second = await t.api('GET', `/api/v1/contacts?limit=2&cursor=${first.body.nextCursor}`, { token: b.apiKey });
    expect(second.body.data.map((c: { phone: string }) => c.phone)).toEqual(['+15550102002', '+15550102001']);
    expect((await t.api('GET', '/api/v1/contacts?limit=500', { token: b.apiKey })).status).toBe(400);
  });
});

describe('pipeline stages on contacts', () => {
  it('accepts any stage without a pipeline, and only the pipeline\'s stages once there is one', async () => {
    const w = await t.createWorkspace({ name: 'Stages' });
    const free = await t.api('POST', '/api/v1/contacts', { token: w.apiKey, body: { phone: '+15550104001', stage: 'Anything' } });
    expect(free.status).toBe(201);
    await t.api('PUT', '/api/v1/pipeline', { token: w.apiKey, body: { stages: ['New Lead', 'Booked'] } });
    const bad = await t.api('PATCH', `/api/v1/contacts/${free.body.id}`, { token: w.apiKey, body: { stage: 'Nope' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('stage');
    const ok = await t.api('PATCH', `/api/v1/contacts/${free.body.id}`, { token: w.apiKey, body: { stage: 'Booked' } });
    expect(ok.body.stage).toBe('Booked');
  });
});
