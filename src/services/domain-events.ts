/**
 * Domain events: written by the same transaction that changes the data (so a missed call always
 * has its call.missed event, and a tag exists before anything reacts to it), each with a dispatch
 * job that hands it to the workflow engine — when an enabled workflow of the workspace is
 * triggered by that event type. With none, no job: the check is part of the job's INSERT, so it
 * costs no round trip, and a workflow only ever reacts to events after its creation anyway.
 *
 * A caller that already read whether anyone listens (the call webhooks read it with the number,
 * `listensTo`) skips the event altogether when no one does: nothing reads an event but its dispatch
 * and the runs it starts, so an event without a listener is a row written only to be pruned.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../jobs/job-queue.js';
import { newId } from '../store/ids.js';
import type { EventType } from '../store/schema.js';
import { dispatchEventJob } from '../jobs/definitions/dispatch-event.js';
import { enqueue } from '../jobs/job-definition.js';

export interface DomainEvent {
  workspaceId: string;
  type: EventType;
  contactId: string | null;
  data: Record<string, unknown>;
  now: number;
}

/** True when an enabled workflow of the workspace is triggered by `type`: the one definition of "listens". */
export function listensTo(workspaceId: Expression<string> | string, type: EventType): RawBuilder<SqlBool> {
  const ws = typeof workspaceId === 'string' ? sql`${workspaceId}` : workspaceId;
  return sql<SqlBool>`exists (select 1 from workflows where workspace_id = ${ws} and trigger_type = ${type} and enabled = 1)`;
}

/**
 * Events of a person calling or texting right now: the workflows they start (tag a missed caller
 * for the agent, text a follow-up) run urgent, step by step, down to their texts, before any bulk
 * work (jobs/job-status-sql.ts).
 */
const LIVE_EVENT_TYPES: ReadonlySet<EventType> = new Set(['call.missed', 'call.answered', 'voicemail.received', 'message.received']);

/**
 * Whether the workflows an event starts run before bulk work. A change to a contact is urgent when
 * a person is behind it now: a new caller or texter (`carrier`), or one request of a staff member
 * or an integration (`api`: a contact added by hand, a web form's lead, a tag set in the inbox).
 * An import's thousands of rows are not. Otherwise (`agent`, `workflow:<id>`, `system`) it is left
 * unset: as urgent as the job that made the change.
 */
function isUrgentEvent(e: Pick<DomainEvent, 'type' | 'data'>): boolean | undefined {
  if (LIVE_EVENT_TYPES.has(e.type)) return true;
  if (e.data.source === 'carrier' || e.data.source === 'api') return true;
  if (e.data.source === 'import') return false;
  return undefined;
}

export async function emitEvent(db: Executor, e: DomainEvent): Promise<string> {
  const id = newId('ev', e.now);
  await enqueue(db, e.now, dispatchEventJob, { eventId: id }, {
    workspaceId: e.workspaceId,
    urgent: isUrgentEvent(e),
    uniqueKey: `event:${id}`,
    onlyIf: listensTo(e.workspaceId, e.type),
    // The event itself is written whether or not a workflow listens; the queue puts it in the
    // job's own statement where the database allows (PostgreSQL), else just before.
    alongside: db
      .insertInto('events')
      .values({ id, workspace_id: e.workspaceId, type: e.type, contact_id: e.contactId, data: JSON.stringify(e.data), created_at: e.now }),
  });
  return id;
}

/** emitEvent for a caller that already read `listensTo`: nothing at all when no one listens. */
export async function emitEventIfListened(db: Executor, e: DomainEvent, listened: boolean | undefined): Promise<void> {
  if (listened === false) return;
  await emitEvent(db, e);
}
