/**
 * Where an arriving call goes, decided once when it arrives: ring the business's phones, or treat
 * it as missed at once (voicemail, then the text-back). Pure: the caller passes whether the number
 * is outside its hours at that moment.
 */

export interface CallRoutingInput {
  /** `forwarded`: the business's own line already rang and nobody answered before forwarding here. */
  mode: 'ring' | 'forwarded';
  /** Phones (or SIP URIs) the number rings. */
  forwardTo: readonly string[];
  /** Outside the number's hours (or on a closed date) right now. */
  outsideHours: boolean;
  /** Outside hours, still ring (true) or go straight to voicemail (false). */
  ringAfterHours: boolean;
}

export type CallRoute =
  | { action: 'ring' }
  /** Missed the moment it arrives; `reason` is stored on the call as how the outcome was decided. */
  | { action: 'missed'; reason: string };

export function decideCallRoute(input: CallRoutingInput): CallRoute {
  // A forwarded call already rang the business's own phones: ringing them again would ring the
  // line that just failed to answer (or loop back here).
  if (input.mode === 'forwarded') return { action: 'missed', reason: 'forwarded line: the business line did not answer' };
  if (input.outsideHours && !input.ringAfterHours) return { action: 'missed', reason: 'outside business hours: straight to voicemail' };
  if (input.forwardTo.length === 0) return { action: 'missed', reason: 'no forwarding phones' };
  return { action: 'ring' };
}
