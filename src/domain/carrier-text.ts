/**
 * Text that arrives from a carrier (an inbound SMS body, a voicemail transcription), made safe to
 * store without losing it: NUL characters removed (PostgreSQL text cannot hold them, and a 500
 * there makes the carrier retry until it gives up, so the message would be lost), and anything
 * past the carrier's documented maximum cut off with a visible marker (a signed 900 KB body is
 * not a text message; keeping all of it only costs storage and every later read).
 */

/** Twilio's documented maximum for a message body, sent or received (error 21617): 1,600 characters. */
export const INBOUND_TEXT_MAX_CHARS = 1600;
/** A voicemail transcription: Twilio transcribes recordings of up to two minutes; this is far above. */
export const TRANSCRIPTION_MAX_CHARS = 10_000;
export const TRUNCATION_MARKER = ' […truncated]';

export function cleanCarrierText(text: string, maxChars: number): string {
  const clean = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  const chars = Array.from(clean);
  if (chars.length <= maxChars) return clean;
  // Cut by code points, so an emoji is never split into a lone surrogate.
  return chars.slice(0, maxChars).join('') + TRUNCATION_MARKER;
}
