/**
 * The order of an outbound message's statuses, so late or duplicated callbacks never move a message
 * backwards (a "sent" arriving after "delivered" changes nothing).
 */
const RANK: Record<string, number> = {
  pending: 0,
  sending: 1,
  accepted: 2,
  scheduled: 2,
  queued: 3,
  sent: 4,
  // Final states share the top rank: the first final word stands.
  delivered: 5,
  undelivered: 5,
  failed: 5,
  canceled: 5,
  read: 6,
  refused: 5,
};

export function statusRank(status: string): number {
  return RANK[status] ?? 0;
}

/** True when `next` may replace `current`. */
export function isStatusAdvance(current: string, next: string): boolean {
  if (current === next) return false;
  // A read receipt can follow delivery; nothing else moves past a final state.
  if (next === 'read') return current === 'delivered' || statusRank(current) < 5;
  return statusRank(next) > statusRank(current);
}

export const FAILED_STATUSES = new Set(['failed', 'undelivered']);
