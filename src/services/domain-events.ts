/**
 * Domain events: written by the same transaction that changes the data (so a missed call always
 * has its call.missed event, and a tag exists before anything reacts to it), each with a dispatch
 * job that hands it to the workflow engine — when an enabled workflow of the workspace is
 * triggered by that event type. With none, no job: the check is part of the job's INSERT, so it
 * costs no round trip, and a workflow only ever reacts to events after its creation anyway.
 */
import type { Executor } from '../jobs/job-queue.js';
import { PostgresAdapter, sql } from 'kysely';
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

export async function emitEvent(db: Executor, e: DomainEvent): Promise<string> {
  const id = newId('ev', e.now);
  const data = JSON.stringify(e.data);
  // On PostgreSQL every statement is a round trip: the event rides along with its job's INSERT (a
  // data-modifying CTE, which always runs). SQLite has no such CTE and no round trip to save.
  const alongside =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql`insert into events (id, workspace_id, type, contact_id, data, created_at)
            values (${id}, ${e.workspaceId}, ${e.type}, ${e.contactId}, ${data}, cast(${e.now} as bigint))`
      : undefined;
  if (!alongside) {
    await db
      .insertInto('events')
      .values({ id, workspace_id: e.workspaceId, type: e.type, contact_id: e.contactId, data, created_at: e.now })
      .execute();
  }
  await enqueue(db, e.now, dispatchEventJob, { eventId: id }, {
    workspaceId: e.workspaceId,
    uniqueKey: `event:${id}`,
    onlyIf: sql<boolean>`exists (select 1 from workflows where workspace_id = ${e.workspaceId} and trigger_type = ${e.type} and enabled = 1)`,
    ...(alongside ? { alongside } : {}),
  });
  return id;
}
