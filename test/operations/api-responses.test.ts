/**
 * The response schemas in the OpenAPI document are true: real answers of the API, on a workspace with
 * real data (a sandbox missed call texted back, a customer's reply, contacts, workflows, knowledge,
 * notes, members, keys), are validated against the schema the document names for that operation
 * (looked up by name, as a client would), with the documented status. The server also answers
 * through these schemas (http/openapi/response-serialization.ts: undescribed fields are not sent, a
 * mismatch is a 500 under test), so this is the end-to-end view of the same promise, including that
 * each operation's document entry names the schema its handler actually answers with. Also: the
 * committed web/src/api-types.ts is what the served document generates today.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseSchemaNamed } from '../../src/http/responses/registry.js';
import { renderApiTypes } from '../../scripts/api-types/render-api-types.js';
import { API_TYPES_FILE } from '../../scripts/generate-api-types.js';
import { Browser } from '../accounts/browser-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let document: any;
let browser: Browser;
const checked = new Set<string>();

/** The documented operation for a concrete request: the matching path template with the fewest parameters. */
function operationFor(method: string, url: string): { key: string; op: any } {
  const path = url.split('?')[0]!;
  const segments = path.split('/');
  const matches = Object.entries<any>(document.paths)
    .filter(([template, ops]) => {
      const parts = template.split('/');
      return ops[method.toLowerCase()] && parts.length === segments.length && parts.every((p, i) => p.startsWith('{') || p === segments[i]);
    })
    .sort(([a], [b]) => a.split('{').length - b.split('{').length);
  const [template, ops] = matches[0] ?? [];
  if (!template) throw new Error(`no documented operation for ${method} ${path}`);
  return { key: `${method} ${template}`, op: ops[method.toLowerCase()] };
}

/** Calls the API as the signed-in owner and checks the answer against its documented schema. */
async function call<T = any>(method: string, url: string, body?: unknown, as: { bearer?: string; browser?: Browser } = {}): Promise<T> {
  const res = await (as.browser ?? browser).request<T>(method, url, { ...(body === undefined ? {} : { body }), ...(as.bearer ? { bearer: as.bearer, workspaceId: null } : {}) });
  const { key, op } = operationFor(method, url);
  const [status, success] = Object.entries<any>(op.responses).find(([code]) => /^2\d\d$/.test(code))!;
  expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(Number(status));
  const ref: string | undefined = success.content?.['application/json']?.schema?.$ref;
  if (ref) {
    const schema = responseSchemaNamed(ref.split('/').pop()!);
    expect(schema, `${key}: ${ref} is not a named response schema`).toBeDefined();
    const parsed = schema!.safeParse(res.body);
    expect(parsed.success ? [] : parsed.error.issues, `${key} does not match ${ref}`).toEqual([]);
    // Parsing drops what the schema does not describe: equal means nothing went undescribed.
    expect(parsed.data, `${key} sends fields ${ref} does not describe`).toEqual(res.body);
    checked.add(key);
  }
  return res.body;
}

beforeAll(async () => {
  t = await startTestApp();
  document = await (await fetch(`${t.url}/api/v1/openapi.json`)).json();
  const created = await t.api('POST', '/api/v1/workspaces', {
    token: t.adminToken,
    body: { name: 'Acme', businessName: 'Acme Plumbing', timezone: 'America/Chicago', owner: { email: 'owner@example.com', name: 'Olive Owner', password: 'correct horse battery staple' } },
  });
  expect(created.status).toBe(201);
  browser = new Browser(t.url);
  expect((await browser.login('owner@example.com', 'correct horse battery staple')).status).toBe(200);
  await call('POST', '/api/v1/auth/login', { email: 'owner@example.com', password: 'correct horse battery staple' }, { browser: new Browser(t.url) });
}, 60_000);
afterAll(async () => t?.close());

describe('documented answers', () => {
  it('match their response schemas on the main routes', async () => {
    await call('GET', '/api/v1/auth/session');
    await call('GET', '/api/v1/workspace');
    await call('PATCH', '/api/v1/workspace', {
      businessHours: { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [], thu: [], fri: [], sat: [], sun: [] },
      closedDates: ['2026-12-25'],
    });
    await call('GET', '/api/v1/warnings');
    const number = await call('POST', '/api/v1/phone-numbers', { number: '+15550100001', carrier: 'sandbox', name: 'Main', forwardTo: ['+15550109999'] });
    await call('GET', `/api/v1/phone-numbers/${number.id}`);
    await call('PATCH', `/api/v1/phone-numbers/${number.id}`, { ringTimeoutSeconds: 25 });
    await call('GET', '/api/v1/phone-numbers');
    await call('GET', '/api/v1/carriers');

    // A missed call, texted back; the customer answers: calls, messages, a conversation, a contact.
    const caller = '+15550107001';
    const missed = await call('POST', '/api/v1/sandbox/calls', { to: number.number, from: caller, outcome: 'no-answer' });
    await t.drainJobs();
    await call('POST', '/api/v1/sandbox/messages', { to: number.number, from: caller, body: 'Do you fix water heaters?' });
    await t.drainJobs();
    await call('GET', `/api/v1/sandbox/messages?phone=${encodeURIComponent(caller)}`);
    await call('GET', '/api/v1/calls');
    const callDetail = await call('GET', `/api/v1/calls/${missed.id}`);
    expect(callDetail.textBack.status).toBe('sent');

    const conversations = await call('GET', '/api/v1/conversations');
    const conversation = conversations.data[0];
    expect(conversation.lastMessage).not.toBeNull();
    await call('GET', '/api/v1/conversations/counts');
    await call('GET', `/api/v1/conversations/${conversation.id}`);
    const messages = await call('GET', `/api/v1/conversations/${conversation.id}/messages`);
    expect(messages.data.some((m: any) => m.callId === missed.id)).toBe(true);
    await call('POST', `/api/v1/conversations/${conversation.id}/messages`, { body: 'Yes we do! When suits you?' });
    await call('PATCH', `/api/v1/conversations/${conversation.id}`, { status: 'closed' });
    await call('POST', `/api/v1/conversations/${conversation.id}/notes`, { body: 'Prefers mornings' });
    await call('GET', `/api/v1/conversations/${conversation.id}/notes`);

    await call('PUT', '/api/v1/pipeline', { stages: ['New', 'Quoted', 'Won'] });
    await call('GET', '/api/v1/pipeline');
    const contact = await call('POST', '/api/v1/contacts', { phone: '+15550107002', name: 'Dana', tags: ['vip'], stage: 'New' });
    await call('GET', '/api/v1/contacts');
    await call('PATCH', `/api/v1/contacts/${contact.id}`, { name: 'Dana D.' });
    await call('POST', `/api/v1/contacts/${contact.id}/tags`, { tag: 'repeat' });
    await call('GET', `/api/v1/contacts/${conversation.contactId}`);
    await call('POST', `/api/v1/contacts/${contact.id}/notes`, { body: 'Has a dog' });
    await call('GET', `/api/v1/contacts/${contact.id}/notes`);

    const reply = await call('POST', '/api/v1/saved-replies', { title: 'Hours', body: 'We open at 8.' });
    await call('PATCH', `/api/v1/saved-replies/${reply.id}`, { title: 'Hours', body: 'We open at 8 on weekdays.' });
    await call('GET', '/api/v1/saved-replies');

    await call('GET', '/api/v1/agent');
    await call('PUT', '/api/v1/agent', { enabled: true, maxSegments: 2 });
    const entry = await call('POST', '/api/v1/knowledge', { title: 'Water heaters', content: 'We repair and replace tank and tankless water heaters.' });
    await call('GET', `/api/v1/knowledge/${entry.id}`);
    await call('PATCH', `/api/v1/knowledge/${entry.id}`, { title: 'Water heater service' });
    await call('GET', `/api/v1/knowledge/${entry.id}/chunks`);
    await call('GET', '/api/v1/knowledge');
    await call('POST', '/api/v1/agent/test', { messages: [{ role: 'contact', text: 'Do you fix water heaters?' }] });
    await call('GET', '/api/v1/agent/turns');

    const workflow = await call('POST', '/api/v1/workflows', {
      name: 'Tag missed callers',
      enabled: true,
      trigger: { type: 'call.missed', phoneNumberId: number.id },
      actions: [{ type: 'add_tag', tag: 'missed' }, { type: 'wait', seconds: 60, if: { businessHours: 'closed' } }, { type: 'webhook', url: 'https://example.com/hook' }],
    });
    await call('GET', '/api/v1/workflows');
    await call('GET', `/api/v1/workflows/${workflow.id}`);
    await call('PATCH', `/api/v1/workflows/${workflow.id}`, { enabled: false });
    await call('POST', `/api/v1/workflows/${workflow.id}/signing-secret`);
    const runs = await call('GET', `/api/v1/workflows/${workflow.id}/runs`);
    if (runs.data[0]) await call('GET', `/api/v1/workflows/${workflow.id}/runs/${runs.data[0].id}`);

    await call('GET', '/api/v1/stats/overview?days=30&includeSandbox=true');
    await call('GET', '/api/v1/members');
    await call('POST', '/api/v1/invites', { email: 'new.hire@example.com' });
    await call('GET', '/api/v1/invites');
    await call('POST', '/api/v1/api-keys', { name: 'Zapier' });
    await call('GET', '/api/v1/api-keys');
    await call('GET', '/api/v1/setup');
    await call('GET', '/api/v1/auth/password-reset');
    await call('GET', '/api/v1/workspaces', undefined, { bearer: t.adminToken });
    await call('POST', '/api/v1/workspaces', { name: 'Second', businessName: 'Second Shop', timezone: 'America/Denver', owner: { email: 'second@example.com' } }, { bearer: t.adminToken });
    const { inviteUrl } = await call('POST', '/api/v1/invites', { email: 'preview.me@example.com', role: 'owner' });
    const token = new URL(inviteUrl).searchParams.get('token')!;
    await call('GET', `/api/v1/invites/preview?token=${encodeURIComponent(token)}`);
    await call('POST', '/api/v1/invites/accept', { token, name: 'Pat Preview', password: 'another long passphrase' }, { browser: new Browser(t.url) });
    await call('GET', `/api/v1/saved-replies/${reply.id}/rendered?conversationId=${conversation.id}`);
    await call('POST', '/api/v1/contacts/import', { csv: 'phone,name,tags\n+15550107010,Kim,new\nnot a phone,Bad,\n' });
    await call('POST', '/api/v1/call-events/secret');
    await call('GET', '/api/v1/notification-preferences');
    await call('PUT', '/api/v1/notification-preferences', { email: { inbound: true, handoff: true }, browser: { inbound: false, handoff: true } });
    await call('DELETE', '/api/v1/sandbox/history');
  }, 60_000);

  it('were checked for nearly every operation that names a response schema', () => {
    const named = Object.entries<any>(document.paths).flatMap(([path, ops]) =>
      Object.entries<any>(ops)
        .filter(([, op]) => Object.values<any>(op.responses).some((r) => r.content?.['application/json']?.schema?.$ref))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const unchecked = named.filter((k) => !checked.has(k)).sort();
    // Those need a carrier account or a web server to fetch from (covered by the carrier and knowledge tests).
    expect(unchecked).toEqual(
      [
        'GET /api/v1/carriers/{carrier}/numbers',
        'GET /api/v1/workflows/{id}/runs/{runId}',
        'POST /api/v1/carriers/{carrier}/numbers/import',
        'POST /api/v1/knowledge/import/file',
        'POST /api/v1/knowledge/import/url',
        'POST /api/v1/knowledge/{id}/reimport',
        'POST /api/v1/phone-numbers/{id}/readiness/check',
        'POST /api/v1/phone-numbers/{id}/readiness/fix-inbound',
        'POST /api/v1/phone-numbers/{id}/resume-texting',
        'POST /api/v1/auth/password-reset',
        'POST /api/v1/call-events',
        'POST /api/v1/setup',
        'PUT /api/v1/carriers/{carrier}',
      ].sort(),
    );
  });
});

describe('web/src/api-types.ts', () => {
  it('is what the served document generates (run `npm run generate:api-types` after changing a response schema)', () => {
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(renderApiTypes(document));
  });
});
