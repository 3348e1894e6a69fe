/**
 * The loop cap over real HTTP: two workflows that trigger each other forever (tag_added X →
 * remove X; tag_removed X → add X) are stopped after 5 runs per workflow per contact in 10
 * minutes, and the stopped run is visible, with its reason, in the runs API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOP_CAP } from '../../src/workflows/loop-guard.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let ws: { id: string; apiKey: string };
let remover: any;
let adder: any;
let seq = 0;
const nextPhone = () => `+1555020${String(1000 + seq++).padStart(4, '0')}`;
const api = (method: string, path: string, body?: unknown) => t.api(method, path, { token: ws.apiKey, body });

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.createWorkspace();
  remover = (
    await api('POST', '/api/v1/workflows', {
      name: 'Remove X when added',
      enabled: true,
      trigger: { type: 'contact.tag_added', tag: 'X' },
      actions: [{ type: 'remove_tag', tag: 'X' }],
    })
  ).body;
  adder = (
    await api('POST', '/api/v1/workflows', {
      name: 'Add X back when removed',
      enabled: true,
      trigger: { type: 'contact.tag_removed', tag: 'X' },
      actions: [{ type: 'add_tag', tag: 'X' }],
    })
  ).body;
});
afterAll(async () => t?.close());

async function runs(workflowId: string, contactId: string) {
  const res = await api('GET', `/api/v1/workflows/${workflowId}/runs?contactId=${contactId}&limit=200`);
  expect(res.status).toBe(200);
  return res.body.data as any[];
}

describe('a self-triggering tag loop', () => {
  it('is stopped by the per-contact, per-workflow cap, and the stopped run is shown with its reason', async () => {
    expect(LOOP_CAP).toEqual({ maxRuns: 5, windowMs: 600_000 });
    const contact = (await api('POST', '/api/v1/contacts', { phone: nextPhone() })).body;
    expect((await api('POST', `/api/v1/contacts/${contact.id}/tags`, { tag: 'X' })).status).toBe(201);

    // Without the cap this never ends (drain would run its 10 000-job budget dry).
    const ran = await t.drainJobs();
    expect(ran).toBeLessThan(100);

    const removerRuns = await runs(remover.id, contact.id);
    const adderRuns = await runs(adder.id, contact.id);
    expect(removerRuns.map((r) => r.status)).toEqual(['stopped', 'completed', 'completed', 'completed', 'completed', 'completed']);
    expect(adderRuns.map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed', 'completed']);

    const stopped = removerRuns[0];
    expect(stopped.reason).toMatch(/loop guard/i);
    expect(stopped.reason).toContain('5 times');
    expect(stopped.reason).toContain('10 minutes');
    expect(stopped.finishedAt).not.toBeNull();
    expect(stopped.steps).toEqual([expect.objectContaining({ type: 'remove_tag', status: 'canceled', attempts: 0 })]);
    expect((await api('GET', '/api/v1/workflows/' + remover.id + '/runs?status=stopped')).body.data.map((r: any) => r.id)).toContain(stopped.id);

    // The loop ended with the adder's last word.
    expect((await api('GET', `/api/v1/contacts/${contact.id}`)).body.tags).toEqual(['X']);
  });

  it("counts per contact: another contact is not blocked by the first one's loop", async () => {
    const other = (await api('POST', '/api/v1/contacts', { phone: nextPhone() })).body;
    await api('POST', `/api/v1/contacts/${other.id}/tags`, { tag: 'X' });
    await t.drainJobs();
    const r = await runs(remover.id, other.id);
    expect(r.filter((x) => x.status === 'completed')).toHaveLength(5);
    expect(r.filter((x) => x.status === 'stopped')).toHaveLength(1);
  });

  it('lets the contact through again once the window has passed', async () => {
    const c = (await api('POST', '/api/v1/contacts', { phone: nextPhone() })).body;
    await api('POST', `/api/v1/contacts/${c.id}/tags`, { tag: 'X' });
    await t.drainJobs();
    expect((await runs(remover.id, c.id))[0].status).toBe('stopped');

    // Break the loop, then come back after the window: a fresh run completes.
    await api('PATCH', `/api/v1/workflows/${adder.id}`, { enabled: false });
    t.clock.advance(LOOP_CAP.windowMs + 1_000);
    await api('DELETE', `/api/v1/contacts/${c.id}/tags/X`);
    await api('POST', `/api/v1/contacts/${c.id}/tags`, { tag: 'X' });
    await t.drainJobs();
    const latest = (await runs(remover.id, c.id))[0];
    expect(latest.status).toBe('completed');
    expect((await api('GET', `/api/v1/contacts/${c.id}`)).body.tags).toEqual([]);
    await api('PATCH', `/api/v1/workflows/${adder.id}`, { enabled: true });
  });
});
