/**
 * Answered or missed: the rules that read a carrier's dial result. Pure; the services call these
 * once per call and store the answer.
 *
 * Why these rules (../shared/research/twilio-facts.md §1.2–1.3, §8.1):
 * - A call is answered only when its dial leg was bridged to the caller. `DialBridged` says so
 *   directly where Twilio sends it; a screened-out call still reports DialCallStatus=completed.
 * - Where DialBridged is absent, a screened number trusts only its own record of the key press.
 * - A parent call that ends no-answer/busy/failed/canceled never reached anyone (answerOnBridge keeps
 *   it unanswered until a bridge), so it was missed even if no dial result ever arrives.
 */

export type DialOutcome = 'answered' | 'missed';

export interface DialResult {
  /** The carrier's dial status: completed, answered, busy, no-answer, failed, canceled. */
  dialStatus: string;
  /** Twilio's DialBridged, when present. */
  bridged: boolean | undefined;
  screening: 'none' | 'press-1';
  /** Whether the answering phone pressed 1 (recorded by our screening webhook). */
  screenAccepted: boolean;
}

const CONNECTED_DIAL_STATUSES = new Set(['completed', 'answered']);

/** Decides from a dial result whether a person took the call. */
export function decideDialOutcome(r: DialResult): DialOutcome {
  if (r.bridged !== undefined) return r.bridged ? 'answered' : 'missed';
  if (!CONNECTED_DIAL_STATUSES.has(r.dialStatus)) return 'missed';
  // "completed" without DialBridged: with screening, only a recorded key press proves a person.
  if (r.screening === 'press-1') return r.screenAccepted ? 'answered' : 'missed';
  return 'answered';
}

const UNANSWERED_FINAL_STATUSES = new Set(['no-answer', 'busy', 'failed', 'canceled']);
export const FINAL_CALL_STATUSES = new Set(['completed', 'no-answer', 'busy', 'failed', 'canceled']);

/**
 * What a parent call's final status says on its own: `missed` for the never-answered statuses;
 * `undetermined` for completed (a dial result may still be on its way, and only it can tell a
 * bridged call from our own voicemail answering).
 */
export function outcomeFromFinalStatus(status: string): 'missed' | 'undetermined' {
  return UNANSWERED_FINAL_STATUSES.has(status) ? 'missed' : 'undetermined';
}

/** How long a completed call waits for a late dial result before it is settled as answered. */
export const DIAL_RESULT_GRACE_MS = 2 * 60_000;
