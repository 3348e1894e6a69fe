/**
 * Conditions on workflow actions (`if: {businessHours | hasTag | lacksTag | firstTimeCaller}`):
 * the facts are read from the database when the step runs, then judged by a pure function that
 * says, in words, which part did not hold. An action whose condition is unmet is skipped with that
 * reason; the run goes on to the next action.
 */
import { scheduleStateAt } from '../domain/business-hours.js';
import type { Executor } from '../jobs/job-queue.js';
import { numberSchedule, parseWorkspaceSettings } from '../services/workspace-settings.js';
import type { WorkflowCondition } from './workflow-schema.js';

/** What a condition is judged against; only the facts the condition names are loaded. */
export interface ConditionFacts {
  tags?: ReadonlySet<string>;
  /** null: the business never set hours, so nobody can say. */
  businessOpen?: boolean | null;
  /** null: the caller's number is unknown (withheld), so nobody can say. */
  firstTimeCaller?: boolean | null;
}

/** The reason `condition` does not hold for `facts`, or null when it holds. Pure. */
export function unmetCondition(condition: WorkflowCondition, facts: ConditionFacts): string | null {
  if (condition.businessHours !== undefined) {
    if (facts.businessOpen === null) return 'Condition not met: the business has not set its hours';
    const open = facts.businessOpen === true;
    if (condition.businessHours === 'open' && !open) return 'Condition not met: the business is closed now';
    if (condition.businessHours === 'closed' && open) return 'Condition not met: the business is open now';
  }
  if (condition.hasTag !== undefined && !facts.tags?.has(condition.hasTag)) {
    return `Condition not met: the contact does not have the tag "${condition.hasTag}"`;
  }
  if (condition.lacksTag !== undefined && facts.tags?.has(condition.lacksTag)) {
    return `Condition not met: the contact has the tag "${condition.lacksTag}"`;
  }
  if (condition.firstTimeCaller !== undefined) {
    if (facts.firstTimeCaller === null || facts.firstTimeCaller === undefined) {
      return 'Condition not met: the caller is unknown, so it cannot be a first-time caller';
    }
    if (condition.firstTimeCaller && !facts.firstTimeCaller) return 'Condition not met: the contact has called before';
    if (!condition.firstTimeCaller && facts.firstTimeCaller) return "Condition not met: this is the contact's first call";
  }
  return null;
}

export interface ConditionSubject {
  workspaceId: string;
  contactId: string | null;
  /** When the triggering event happened: "first-time caller" counts calls up to then. */
  eventAt: number;
  /** When the step runs: business hours are judged now, not when the event happened. */
  now: number;
}

/** Reads the facts `condition` needs. */
export async function loadConditionFacts(db: Executor, condition: WorkflowCondition, s: ConditionSubject): Promise<ConditionFacts> {
  const facts: ConditionFacts = {};
  if (condition.businessHours !== undefined) {
    const ws = await db.selectFrom('workspaces').select(['settings', 'timezone']).where('id', '=', s.workspaceId).executeTakeFirstOrThrow();
    // Hours never set: neither "open" nor "closed" holds (unmetCondition says why).
    const state = scheduleStateAt(numberSchedule({ timezone: ws.timezone, settings: parseWorkspaceSettings(ws.settings) }, null), s.now);
    facts.businessOpen = state === 'unknown' ? null : state === 'open';
  }
  if (condition.hasTag !== undefined || condition.lacksTag !== undefined) {
    const rows = s.contactId
      ? await db.selectFrom('contact_tags').select('tag').where('workspace_id', '=', s.workspaceId).where('contact_id', '=', s.contactId).execute()
      : [];
    facts.tags = new Set(rows.map((r) => r.tag));
  }
  if (condition.firstTimeCaller !== undefined) {
    if (!s.contactId) {
      facts.firstTimeCaller = null;
    } else {
      const row = await db
        .selectFrom('calls')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', s.workspaceId)
        .where('contact_id', '=', s.contactId)
        .where('started_at', '<=', s.eventAt)
        .executeTakeFirstOrThrow();
      // Exactly one call up to the event: the triggering call itself (or, for an event that is not
      // a call, the contact's only call so far).
      facts.firstTimeCaller = Number(row.n) === 1;
    }
  }
  return facts;
}
