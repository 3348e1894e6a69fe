/**
 * The workflow and pipeline API over real HTTP: shapes, validation errors that name the field,
 * workspace scoping, the one-time signing secret, and the warnings (duplicate text-back, private
 * webhook URLs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let ws: { id: string; apiKey: string };
let other: { id: string; apiKey: string };
let numberSeq = 0;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.createWorkspace();
  other = await t.createWorkspace({ name: 'Bravo', businessName: 'Bravo Electric' });
});
afterAll(async () => t?.close());

const api = (method: string, path: string, body?: unknown, token = ws.apiKey) => t.api(method, path, { token, body });

async function addNumber(settings: Record<string, unknown> = {}) {
  const res = await api('POST', '/api/v1/phone-numbers', {
    number: `+1555015${String(1000 + numberSeq++).padStart(4, '0')}`,
    carrier: 'sandbox',
    name: `Line ${numberSeq}`,
    ...settings,
  });
  expect(res.status).toBe(201);
  return res.body;
}

const tagOnMissed = { name: 'Tag missed callers', enabled: true, trigger: { type: 'call.missed' }, actions: [{ type: 'add_tag', tag: 'smschat_ai' }] };

describe('pipeline', () => {
  it('is empty until set, then answers the stages in order', async () => {
    const empty = await api('GET', '/api/v1/pipeline');
    expect(empty.status).toBe(200);
    expect(empty.body.stages).toEqual([]);

    const put = await api('PUT', '/api/v1/pipeline', { stages: ['New Lead', 'Quoted', 'Won', 'Lost'] });
    expect(put.status).toBe(200);
    expect(put.body.stages).toEqual(['New Lead', 'Quoted', 'Won', 'Lost']);

    await api('POST', '/api/v1/contacts', { phone: '+15550160001', stage: 'Quoted' });
    const got = await api('GET', '/api/v1/pipeline');
    expect(got.body).toMatchObject({ stages: ['New Lead', 'Quoted', 'Won', 'Lost'], contactCounts: { 'New Lead': 0, Quoted: 1 } });

    // Another workspace has its own (empty) pipeline.
    expect((await api('GET', '/api/v1/pipeline', undefined, other.apiKey)).body.stages).toEqual([]);
  });

  it.each([
    [{ stages: [] }, 'stages'],
    [{ stages: ['New Lead', 'new lead'] }, 'stages.1'],
    [{ stages: ['ok', ''] }, 'stages.1'],
    [{ stages: Array.from({ length: 31 }, (_, i) => `S${i}`) }, 'stages'],
    [{ stages: ['x'], extra: 1 }, ''],
    [{}, 'stages'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await api('PUT', '/api/v1/pipeline', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    if (field) expect(res.body.error.field).toBe(field);
  });
});

describe('workflows CRUD', () => {
  it('creates (201) with the signing secret shown once, lists, reads, updates and deletes', async () => {
    const created = await api('POST', '/api/v1/workflows', tagOnMissed);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^wf_/),
      name: 'Tag missed callers',
      enabled: true,
      trigger: { type: 'call.missed' },
      actions: [{ type: 'add_tag', tag: 'smschat_ai' }],
      warnings: [],
    });
    expect(created.body.signingSecret).toMatch(/^whsec_[\w-]{40,}$/);
    const id = created.body.id;

    const got = await api('GET', `/api/v1/workflows/${id}`);
    expect(got.status).toBe(200);
    expect(got.body.signingSecret).toBeUndefined();
    expect(got.body.trigger).toEqual({ type: 'call.missed' });

    const list = await api('GET', '/api/v1/workflows');
    expect(list.status).toBe(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.data.map((w: any) => w.id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');

    const patched = await api('PATCH', `/api/v1/workflows/${id}`, { enabled: false, name: 'Renamed' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id, enabled: false, name: 'Renamed', actions: [{ type: 'add_tag', tag: 'smschat_ai' }] });
    expect((await api('GET', '/api/v1/workflows?enabled=false')).body.data.map((w: any) => w.id)).toContain(id);
    expect((await api('GET', '/api/v1/workflows?enabled=true')).body.data.map((w: any) => w.id)).not.toContain(id);

    const rotated = await api('POST', `/api/v1/workflows/${id}/signing-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.signingSecret).toMatch(/^whsec_/);
    expect(rotated.body.signingSecret).not.toBe(created.body.signingSecret);

    expect((await api('GET', `/api/v1/workflows/${id}/runs`)).body).toEqual({ data: [], nextCursor: null });

    expect((await api('DELETE', `/api/v1/workflows/${id}`)).status).toBe(204);
    expect((await api('GET', `/api/v1/workflows/${id}`)).status).toBe(404);
    expect((await api('DELETE', `/api/v1/workflows/${id}`)).status).toBe(404);
  });

  it('accepts every action type, conditions and filters', async () => {
    const number = await addNumber({ missedCallTextBack: { enabled: false } });
    const res = await api('POST', '/api/v1/workflows', {
      name: 'Everything',
      enabled: true,
      trigger: { type: 'call.missed', phoneNumberId: number.id },
      actions: [
        { type: 'add_tag', tag: 'lead', if: { firstTimeCaller: true } },
        { type: 'send_sms', body: 'Hi {{contact.first_name|there}}, {{business.name}} here.', if: { businessHours: 'closed' } },
        { type: 'wait', seconds: 60 },
        { type: 'remove_tag', tag: 'lead', if: { hasTag: 'lead', lacksTag: 'vip' } },
        { type: 'set_stage', stage: 'New Lead' },
        { type: 'notify', to: ['+15550108000'], body: 'Missed call on {{number.name}}' },
        { type: 'notify', body: 'To the staff numbers' },
        { type: 'webhook', url: 'https://hooks.example.com/textback' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.actions).toHaveLength(8);
    expect(res.body.trigger.phoneNumberId).toBe(number.id);
    expect(res.body.warnings).toEqual([]);
  });

  it.each([
    ['a missing name', { ...tagOnMissed, name: undefined }, 'name'],
    ['an unknown trigger', { ...tagOnMissed, trigger: { type: 'call.dropped' } }, 'trigger.type'],
    ['a tag filter on call.missed', { ...tagOnMissed, trigger: { type: 'call.missed', tag: 'x' } }, 'trigger.tag'],
    ['a stage filter on tag_added', { ...tagOnMissed, trigger: { type: 'contact.tag_added', stage: 'Won' } }, 'trigger.stage'],
    ['a number filter on contact.created', { ...tagOnMissed, trigger: { type: 'contact.created', phoneNumberId: 'pn_x' } }, 'trigger.phoneNumberId'],
    ['no actions', { ...tagOnMissed, actions: [] }, 'actions'],
    ['an unknown action', { ...tagOnMissed, actions: [{ type: 'call_back' }] }, 'actions.0.type'],
    ['a tag action without a tag', { ...tagOnMissed, actions: [{ type: 'add_tag' }] }, 'actions.0.tag'],
    ['a negative wait', { ...tagOnMissed, actions: [{ type: 'add_tag', tag: 'a' }, { type: 'wait', seconds: -5 }] }, 'actions.1.seconds'],
    ['a bad merge field', { ...tagOnMissed, actions: [{ type: 'send_sms', body: 'Hi {{contact.nickname}}' }] }, 'actions.0.body'],
    ['a notify to a non-phone', { ...tagOnMissed, actions: [{ type: 'notify', to: ['bob'], body: 'x' }] }, 'actions.0.to.0'],
    ['a webhook to ftp', { ...tagOnMissed, actions: [{ type: 'webhook', url: 'ftp://example.com/x' }] }, 'actions.0.url'],
    ['a webhook URL with a password', { ...tagOnMissed, actions: [{ type: 'webhook', url: 'https://u:p@example.com/x' }] }, 'actions.0.url'],
    ['an empty condition', { ...tagOnMissed, actions: [{ type: 'add_tag', tag: 'a', if: {} }] }, 'actions.0.if'],
    ['a bad condition value', { ...tagOnMissed, actions: [{ type: 'add_tag', tag: 'a', if: { businessHours: 'sometimes' } }] }, 'actions.0.if.businessHours'],
    ['enabled as a string', { ...tagOnMissed, enabled: 'yes' }, 'enabled'],
    ['a number of another workspace', { ...tagOnMissed, trigger: { type: 'call.missed', phoneNumberId: 'pn_nope' } }, 'trigger.phoneNumberId'],
  ])('refuses %s with 400 naming the field', async (_label, body, field) => {
    const res = await api('POST', '/api/v1/workflows', body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('refuses stages that are not in the (non-empty) pipeline, naming the field', async () => {
    await api('PUT', '/api/v1/pipeline', { stages: ['New Lead', 'Quoted', 'Won', 'Lost'] });
    const bad = await api('POST', '/api/v1/workflows', { ...tagOnMissed, actions: [{ type: 'set_stage', stage: 'Maybe' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('actions.0.stage');
    expect(bad.body.error.message).toMatch(/not a stage of the pipeline/);
    const badTrigger = await api('POST', '/api/v1/workflows', { ...tagOnMissed, trigger: { type: 'contact.stage_changed', stage: 'Maybe' } });
    expect(badTrigger.status).toBe(400);
    expect(badTrigger.body.error.field).toBe('trigger.stage');
  });

  it("is scoped to the workspace: another workspace's workflow is 404", async () => {
    const mine = await api('POST', '/api/v1/workflows', tagOnMissed);
    for (const [method, path, body] of [
      ['GET', `/api/v1/workflows/${mine.body.id}`, undefined],
      ['PATCH', `/api/v1/workflows/${mine.body.id}`, { enabled: false }],
      ['DELETE', `/api/v1/workflows/${mine.body.id}`, undefined],
      ['GET', `/api/v1/workflows/${mine.body.id}/runs`, undefined],
      ['POST', `/api/v1/workflows/${mine.body.id}/signing-secret`, undefined],
    ] as const) {
      const res = await api(method, path, body, other.apiKey);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await api('GET', '/api/v1/workflows', undefined, other.apiKey)).body.data).toEqual([]);
    expect((await api('GET', `/api/v1/workflows/${mine.body.id}`)).body.enabled).toBe(true);
  });

  it('needs a workspace key', async () => {
    expect((await t.api('GET', '/api/v1/workflows', { token: null })).status).toBe(401);
    expect((await t.api('GET', '/api/v1/workflows', { token: t.adminToken })).status).toBe(403);
    expect((await t.api('PUT', '/api/v1/pipeline', { token: 'nope', body: { stages: ['a'] } })).status).toBe(401);
  });
});

describe('warnings', () => {
  it("warns when a call.missed send_sms would double the number's text-back, and not when it is off", async () => {
    const w = await t.createWorkspace({ name: 'Charlie' });
    const call = (path: string, method: string, body?: unknown) => t.api(method, path, { token: w.apiKey, body });
    const on = (await call('/api/v1/phone-numbers', 'POST', { number: '+15550170001', carrier: 'sandbox', name: 'Main' })).body;
    const off = (
      await call('/api/v1/phone-numbers', 'POST', { number: '+15550170002', carrier: 'sandbox', name: 'Quiet', missedCallTextBack: { enabled: false } })
    ).body;
    const texting = { name: 'Text missed callers', enabled: true, actions: [{ type: 'send_sms', body: 'Sorry we missed you!' }] };

    const any = await call('/api/v1/workflows', 'POST', { ...texting, trigger: { type: 'call.missed' } });
    expect(any.status).toBe(201);
    expect(any.body.warnings).toHaveLength(1);
    expect(any.body.warnings[0]).toMatch(/two texts/);
    expect(any.body.warnings[0]).toContain('+15550170001');
    expect(any.body.warnings[0]).not.toContain('+15550170002');

    const filteredOff = await call('/api/v1/workflows', 'POST', { ...texting, trigger: { type: 'call.missed', phoneNumberId: off.id } });
    expect(filteredOff.body.warnings).toEqual([]);

    const filteredOn = await call('/api/v1/workflows', 'POST', { ...texting, trigger: { type: 'call.missed', phoneNumberId: on.id } });
    expect(filteredOn.body.warnings).toHaveLength(1);

    // Turning the number's text-back off clears the warning on the next read/update.
    await call(`/api/v1/phone-numbers/${on.id}`, 'PATCH', { missedCallTextBack: { enabled: false } });
    const updated = await call(`/api/v1/workflows/${filteredOn.body.id}`, 'PATCH', { name: 'Text missed callers (main)' });
    expect(updated.body.warnings).toEqual([]);

    // A tag-only workflow on call.missed never warns.
    await call(`/api/v1/phone-numbers/${on.id}`, 'PATCH', { missedCallTextBack: { enabled: true } });
    expect((await call('/api/v1/workflows', 'POST', { ...tagOnMissed })).body.warnings).toEqual([]);
  });

  it('warns about a webhook URL that points at a loopback or private address', async () => {
    const res = await api('POST', '/api/v1/workflows', {
      name: 'Local hook',
      enabled: true,
      trigger: { type: 'contact.created' },
      actions: [{ type: 'webhook', url: 'http://127.0.0.1:9999/hook' }, { type: 'webhook', url: 'http://10.1.2.3/hook' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([
      expect.stringMatching(/^actions\.0\.url points at a loopback address/),
      expect.stringMatching(/^actions\.1\.url points at a private address/),
    ]);
  });
});
