/**
 * The text-back job's unique key: one job per call, so a retried dial-result webhook queues nothing
 * twice. The key also tells the worker's claim statement which call the job is about
 * (services/text-back-context.ts, jobs/read-at-claim.ts): read from the key as stored, a column the
 * claim cannot fail to read, where casting the payload could fail for a row that is not JSON.
 */
import { sql, type RawBuilder } from 'kysely';

const PREFIX = 'textback:';

export const textBackJobKey = (callId: string): string => `${PREFIX}${callId}`;

/** SQL: the call id in a text-back job's key (`key` an SQL expression of the key). */
export function callIdInTextBackJobKey(key: RawBuilder<string | null>): RawBuilder<string> {
  return sql<string>`substr(${key}, ${sql.lit(PREFIX.length + 1)})`;
}
