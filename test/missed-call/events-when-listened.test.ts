/**
 * A missed call's domain events (contact.created, call.missed) are recorded, with their dispatch,
 * exactly when an enabled workflow of the workspace listens to them: the call webhooks read that
 * with the number, so a workspace without such a workflow gets no event rows (and a workflow that
 * listens still starts, once, from the real webhooks).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
beforeAll(async () => {
  f = await startTwilioFixture();
});
afterAll(async () => f?.close());

const eventsOf = (workspaceId: string) =>
  f.t.runtime.ctx.db
    .selectFrom('events')
    .select(['type', 'contact_id'])
    .where('workspace_id', '=', workspaceId)
    // The call's own events (the workflows' tags record contact.tag_added besides).
    .where('type', 'in', ['contact.created', 'call.missed'])
    .orderBy('type')
    .execute();
const dispatchJobsOf = (workspaceId: string) =>
  f.t.runtime.ctx.db.selectFrom('jobs').select('kind').where('workspace_id', '=', workspaceId).where('kind', '=', 'event.dispatch').execute();

it('records no event for a missed call when no workflow listens, and both events with their dispatch when one does', async () => {
  const quiet = await f.addWorkspace('Quiet Plumbing');
  const quietNumber = await f.addNumber(quiet, '+15550100011', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  await f.call(quiet, quietNumber, { scenario: 'no-answer', from: '+15550106001' });
  await f.t.drainJobs();
  expect(f.sim.messages.filter((m) => m.to === '+15550106001')).toHaveLength(1);
  expect(await eventsOf(quiet.id)).toEqual([]);
  expect(await dispatchJobsOf(quiet.id)).toEqual([]);

  const listening = await f.addWorkspace('Listening Plumbing');
  const number = await f.addNumber(listening, '+15550100012', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  for (const type of ['call.missed', 'contact.created']) {
    const wf = await f.t.api('POST', '/api/v1/workflows', {
      token: listening.apiKey,
      body: { name: `Tag on ${type}`, enabled: true, trigger: { type }, actions: [{ type: 'add_tag', tag: type.replace('.', '-') }] },
    });
    expect(wf.status).toBe(201);
  }
  await f.call(listening, number, { scenario: 'no-answer', from: '+15550106002' });
  await f.t.drainJobs();
  const contact = await f.t.runtime.ctx.db.selectFrom('contacts').select('id').where('workspace_id', '=', listening.id).where('phone', '=', '+15550106002').executeTakeFirstOrThrow();
  expect(await eventsOf(listening.id)).toEqual([
    { type: 'call.missed', contact_id: contact.id },
    { type: 'contact.created', contact_id: contact.id },
  ]);
  expect(await dispatchJobsOf(listening.id)).toHaveLength(2);
  // The tags the two workflows add (their own contact.tag_added events have no listener).
  const tags = await f.t.runtime.ctx.db.selectFrom('contact_tags').select('tag').where('contact_id', '=', contact.id).orderBy('tag').execute();
  expect(tags.map((t) => t.tag)).toEqual(['call-missed', 'contact-created']);
  expect(f.sim.messages.filter((m) => m.to === '+15550106002')).toHaveLength(1);
});
