/**
 * What a Twilio number does when Textback does not answer (issue 10 item 5): the number's
 * VoiceFallbackUrl, which Twilio requests when the Voice URL fails (connection error, HTTP error,
 * the 15-second timeout, invalid TwiML), points at something Twilio itself hosts: the Simulring
 * Twimlet (https://www.twilio.com/labs/twimlets/simulring), which rings the number's phones at once
 * and connects the first to answer. It needs no server of ours and no account resource (TwiML Bins
 * have no public API to create them), only a URL with the phones in its query.
 *
 * Limits (docs/twilio.md): Twimlets are a Twilio Labs service without an SLA; while Textback is down
 * nothing is recorded, no voicemail is taken and no text goes back; the caller first waits for the
 * Voice URL to fail (up to 15 s of silence on a timeout); there is no press-1 screening; and a change
 * of forwarding phones reaches Twilio only when Textback can update the number.
 */
const TWIMLET_SIMULRING = 'https://twimlets.com/simulring';

/** The fallback URL that rings `phones` (E.164 or sip:) for `timeoutSeconds`; null when there is nothing to ring. */
export function twilioFallbackUrl(phones: string[], timeoutSeconds: number): string | null {
  if (phones.length === 0) return null;
  const q = new URLSearchParams();
  phones.forEach((p, i) => q.append(`PhoneNumbers[${i}]`, p));
  q.append('Timeout', String(timeoutSeconds));
  return `${TWIMLET_SIMULRING}?${q.toString()}`;
}
