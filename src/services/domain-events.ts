/**
 * Domain events: written by the same transaction that changes the data (so a missed call always
 * has its call.missed event, and a tag exists before anything reacts to it), each with a dispatch
 * job that hands it to the workflow engine — when an enabled workflow of the workspace is
 * triggered by that event type. With none, no job: the check is part of the job's INSERT, so it
 * costs no round trip, and a workflow only ever reacts to events after its creation anyway.
 */
import { sql, type SqlBool } from 'kysely';
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

export async function emitEvent(db: Executor, e: DomainEvent): Promise<string> {
  const id = newId('ev', e.now);
  await enqueue(db, e.now, dispatchEventJob, { eventId: id }, {
    workspaceId: e.workspaceId,
    uniqueKey: `event:${id}`,
    onlyIf: sql<SqlBool>`exists (select 1 from workflows where workspace_id = ${e.workspaceId} and trigger_type = ${e.type} and enabled = 1)`,
    // The event itself is written whether or not a workflow listens; the queue puts it in the
    // job's own statement where the database allows (PostgreSQL), else just before.
    alongside: db
      .insertInto('events')
      .values({ id, workspace_id: e.workspaceId, type: e.type, contact_id: e.contactId, data: JSON.stringify(e.data), created_at: e.now }),
  });
  return id;
}
