/**
 * Whether to text a caller back after a missed call, and when: a pure decision with a reason a
 * person reads, stored on the call and shown by GET /api/v1/calls.
 */

/**
 * How long the carrier may hold a text-back in its queue before dropping it (Twilio ValidityPeriod;
 * its default is 10 hours), and how old a call may be when Textback hears it was missed and still
 * text about it. "Sorry we missed your call" is useful while the caller still remembers calling and
 * has not yet called a competitor: 15 minutes covers any normal queue (a throttled 10DLC campaign
 * drains in seconds to minutes), while a text that would land hours later — at night, after the
 * caller found someone else — is worse than none. Quiet hours are applied by Textback before the
 * send, so they never eat into this window.
 */
export const TEXT_BACK_VALIDITY_SECONDS = 900;

export interface TextBackSettings {
  enabled: boolean;
  delaySeconds: number;
  cooldownMinutes: number;
}

export interface TextBackInput {
  settings: TextBackSettings;
  /** The caller in E.164, or null when anonymous, withheld or not a phone number. */
  caller: string | null;
  /** The business number that was called. */
  businessNumber: string;
  /** Where the number forwards (phones or SIP URIs). */
  forwardTo: string[];
  /** The business's own lines and staff phones (workspace ownNumbers), E.164: never texted. */
  ownNumbers?: readonly string[];
  /** The line that forwarded the call to this number (carrier's ForwardedFrom), E.164 when known. */
  forwardedFrom?: string | null;
  contact: { optedOut: boolean; textable: boolean } | null;
  /** The last text-back this number sent this caller (epoch ms), if any. */
  lastTextBackAt: number | null;
  /** When the call began (epoch ms): the call's `started_at`. */
  callStartedAt: number;
  /** When Textback heard the call was missed and takes the decision (epoch ms, the app's clock). */
  now: number;
}

export type TextBackDecision =
  | { action: 'send'; sendAt: number }
  | { action: 'skip'; reason: string; code: TextBackSkipCode };

export type TextBackSkipCode =
  | 'too_late'
  | 'disabled'
  | 'anonymous_caller'
  | 'own_number'
  | 'forward_target'
  | 'opted_out'
  | 'not_textable'
  | 'cooldown';

export function decideTextBack(input: TextBackInput): TextBackDecision {
  const { settings, caller, contact } = input;
  // Heard of too late (a carrier's delayed callback, a phone system replaying its backlog after an
  // outage): the call is recorded, but yesterday's callers are not texted. Whatever else applies, this
  // is the reason given, as it is the one that holds for every carrier and setting.
  const ageMs = input.now - input.callStartedAt;
  if (ageMs > TEXT_BACK_VALIDITY_SECONDS * 1000) {
    return skip('too_late', `Reported ${Math.floor(ageMs / 60_000)} minutes after the call: too late for a text-back (more than ${TEXT_BACK_VALIDITY_SECONDS / 60} minutes)`);
  }
  if (!settings.enabled) return skip('disabled', 'Missed-call text-back is turned off for this number');
  if (!caller) return skip('anonymous_caller', 'The caller withheld their number or it is not a phone number');
  // Texting ourselves or our own forwarding phone would start a loop and spam the team.
  if (caller === input.businessNumber) return skip('own_number', 'The caller is this business number itself');
  if (input.forwardTo.includes(caller)) return skip('forward_target', 'The caller is one of the phones this number forwards to');
  if (input.ownNumbers?.includes(caller)) return skip('own_number', "The caller is one of the business's own numbers (own numbers are never texted)");
  // A phone system that rewrites caller ID to its main line makes the forwarded call look as if the
  // business called itself: that line is the business's own, whether or not it is listed.
  if (input.forwardedFrom && caller === input.forwardedFrom) {
    return skip('own_number', "The caller ID is the business's own line that forwarded the call (its phone system replaced the caller's number)");
  }
  if (contact?.optedOut) return skip('opted_out', 'The caller opted out of texts');
  if (contact && !contact.textable) return skip('not_textable', 'The carrier said this phone cannot take texts (landline or unreachable)');
  if (settings.cooldownMinutes > 0 && input.lastTextBackAt !== null) {
    const sinceMs = input.now - input.lastTextBackAt;
    if (sinceMs < settings.cooldownMinutes * 60_000) {
      return skip('cooldown', `Cooldown: this caller was texted ${describeDuration(sinceMs)} ago (one text per ${describeDuration(settings.cooldownMinutes * 60_000)})`);
    }
  }
  return { action: 'send', sendAt: input.now + settings.delaySeconds * 1000 };
}

function skip(code: TextBackSkipCode, reason: string): TextBackDecision {
  return { action: 'skip', code, reason };
}

/** "3 minutes", "2 hours", "1 day": for reasons people read. */
export function describeDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.round(hours / 24);
  return `${days} day${days === 1 ? '' : 's'}`;
}
