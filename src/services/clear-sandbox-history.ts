/**
 * Clearing the phone simulator's traffic: the calls, conversations and messages of the workspace's
 * sandbox numbers, and the practice calls, conversations and messages it played on any other number
 * (migration 015; a staff notification about a practice conversation is a practice message in the
 * staff phone's real conversation, and goes alone). Every row that names them goes too, so nothing
 * is left pointing at a call or message that no longer exists: the events they raised (and the
 * workflow runs those started), queued jobs for them (a settle, a text-back, a send), agent turns,
 * delivery reports, cooldowns, and the message a consent change cites (the consent change itself
 * stays: an opt-out is never forgotten, and neither are contacts). Real calls and texts on the same
 * numbers stay. One transaction.
 *
 * The API keeps its name (`DELETE /api/v1/sandbox/history`, contract): "sandbox" there means the
 * simulator, which now also practises on carrier numbers.
 */
import { sql, type SqlBool } from 'kysely';
import type { AppContext } from '../context.js';
import { SANDBOX_CARRIER } from './carrier-clients.js';
import type { Executor } from '../jobs/job-queue.js';
import { textBackJobKey } from './text-back-job-key.js';

/** IN lists are sent in chunks: PostgreSQL and SQLite both cap bound parameters. */
const CHUNK = 500;

async function inChunks(ids: string[], run: (chunk: string[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) await run(ids.slice(i, i + CHUNK));
}

/** A row the simulator made (calls, conversations, messages): on a sandbox number, or marked practice. */
function simulatedRow(numberIds: string[]) {
  return numberIds.length ? sql<SqlBool>`(practice = 1 or phone_number_id in (${sql.join(numberIds)}))` : sql<SqlBool>`practice = 1`;
}

export async function clearSandboxHistory(ctx: AppContext, workspaceId: string): Promise<{ calls: number; conversations: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const numberIds = (await trx.selectFrom('phone_numbers').select('id').where('workspace_id', '=', workspaceId).where('carrier', '=', SANDBOX_CARRIER).execute()).map((r) => r.id);
    const callIds = (await trx.selectFrom('calls').select('id').where('workspace_id', '=', workspaceId).where(simulatedRow(numberIds)).execute()).map((r) => r.id);
    const conversationIds = (
      await trx.selectFrom('conversations').select('id').where('workspace_id', '=', workspaceId).where(simulatedRow(numberIds)).execute()
    ).map((r) => r.id);
    const messages = await trx
      .selectFrom('messages')
      .select(['id', 'carrier_message_id'])
      .where('workspace_id', '=', workspaceId)
      .where(simulatedRow(numberIds))
      .execute();
    const messageIds = messages.map((m) => m.id);
    if (callIds.length === 0 && conversationIds.length === 0 && messageIds.length === 0) return { calls: 0, conversations: 0 };

    await clearReferences(trx, workspaceId, { numberIds, callIds, conversationIds, messageIds, carrierMessageIds: messages.flatMap((m) => (m.carrier_message_id ? [m.carrier_message_id] : [])) });

    await inChunks(messageIds, (chunk) => trx.deleteFrom('messages').where('workspace_id', '=', workspaceId).where('id', 'in', chunk).execute());
    let conversations = 0;
    await inChunks(conversationIds, async (chunk) => {
      const deleted = await trx.deleteFrom('conversations').where('workspace_id', '=', workspaceId).where('id', 'in', chunk).executeTakeFirst();
      conversations += Number(deleted.numDeletedRows);
    });
    if (numberIds.length) await trx.deleteFrom('textback_cooldowns').where('phone_number_id', 'in', numberIds).execute();
    // A practice caller's cooldown on a carrier number names its last practice call.
    await inChunks(callIds, (chunk) => trx.deleteFrom('textback_cooldowns').where('call_id', 'in', chunk).execute());
    let calls = 0;
    await inChunks(callIds, async (chunk) => {
      const deleted = await trx.deleteFrom('calls').where('workspace_id', '=', workspaceId).where('id', 'in', chunk).executeTakeFirst();
      calls += Number(deleted.numDeletedRows);
    });
    return { calls, conversations };
  });
}

async function clearReferences(
  trx: Executor,
  workspaceId: string,
  ids: { numberIds: string[]; callIds: string[]; conversationIds: string[]; messageIds: string[]; carrierMessageIds: string[] },
): Promise<void> {
  const numbers = new Set(ids.numberIds);
  const calls = new Set(ids.callIds);
  const messages = new Set(ids.messageIds);

  // Events carry their call, message and number in JSON (the same shape on both databases).
  const events = await trx
    .selectFrom('events')
    .select(['id', 'data'])
    .where('workspace_id', '=', workspaceId)
    .where('type', 'in', ['call.missed', 'call.answered', 'voicemail.received', 'message.received'])
    .execute();
  const eventIds = events
    .filter((e) => {
      const d = JSON.parse(e.data) as { callId?: string; messageId?: string; phoneNumberId?: string };
      return (d.callId && calls.has(d.callId)) || (d.messageId && messages.has(d.messageId)) || (d.phoneNumberId && numbers.has(d.phoneNumberId));
    })
    .map((e) => e.id);

  // Jobs not running now (a running one finds its row gone and ends; see the job handlers).
  const jobKeys = [
    ...ids.callIds.flatMap((id) => [`settle:${id}`, textBackJobKey(id)]),
    ...ids.messageIds.flatMap((id) => [`send:${id}`, `inbound:${id}`, `agent:${id}`]),
    ...eventIds.map((id) => `event:${id}`),
  ];
  await inChunks(jobKeys, (keys) => trx.deleteFrom('jobs').where('workspace_id', '=', workspaceId).where('status', '!=', 'running').where('unique_key', 'in', keys).execute());
  for (const id of ids.conversationIds) {
    await trx.deleteFrom('jobs').where('workspace_id', '=', workspaceId).where('status', '!=', 'running').where('unique_key', 'like', `snooze:${id}:%`).execute();
  }

  // Workflow runs started by those events or on those numbers (their steps go with them).
  await inChunks(eventIds, (chunk) => trx.deleteFrom('workflow_runs').where('workspace_id', '=', workspaceId).where('event_id', 'in', chunk).execute());
  if (ids.numberIds.length) await trx.deleteFrom('workflow_runs').where('workspace_id', '=', workspaceId).where('phone_number_id', 'in', ids.numberIds).execute();
  await inChunks(eventIds, (chunk) => trx.deleteFrom('events').where('workspace_id', '=', workspaceId).where('id', 'in', chunk).execute());

  await inChunks(ids.conversationIds, (chunk) => trx.deleteFrom('agent_turns').where('workspace_id', '=', workspaceId).where('conversation_id', 'in', chunk).execute());
  await inChunks(ids.messageIds, (chunk) =>
    trx.updateTable('consent_events').set({ message_id: null }).where('workspace_id', '=', workspaceId).where('message_id', 'in', chunk).execute(),
  );
  await inChunks(ids.carrierMessageIds, (chunk) => trx.deleteFrom('message_status_events').where('carrier', '=', SANDBOX_CARRIER).where('carrier_message_id', 'in', chunk).execute());
}
