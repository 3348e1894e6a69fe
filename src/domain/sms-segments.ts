/**
 * How many SMS segments a body costs, and why. Carriers bill and throttle per segment, and one
 * non-GSM character (an emoji, a curly quote) switches the whole message to UCS-2, cutting a
 * segment from 160 characters to 70. The dashboard shows this while a template is edited, and the
 * sender uses it for pacing. Counting is delegated to Twilio's own calculator
 * (`sms-segments-calculator`), including its emulation of Twilio Smart Encoding, which swaps
 * look-alike Unicode (’ “ ” – …) for GSM characters before sending.
 */
import { SegmentedMessage } from 'sms-segments-calculator';

/** The cost of one SMS body. */
export interface SegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** Segments the carrier will bill and send (1 for an empty body). */
  segments: number;
  /**
   * Characters as the carrier counts them: in GSM-7 the extension characters (€ [ ] { } ^ ~ \ |)
   * count twice; in UCS-2 each user-visible character counts once (though an emoji fills two of
   * a segment's 70 UTF-16 slots).
   */
  characters: number;
  /** The characters that forced UCS-2 (after Smart Encoding, when on); empty for GSM-7. */
  unicodeCharacters: string[];
}

/**
 * Count the segments of `text`. `smartEncoding` (default true, matching Twilio's SmartEncoded
 * send parameter that Textback sets) replaces look-alike Unicode before deciding the encoding.
 */
export function countSegments(text: string, options: { smartEncoding?: boolean } = {}): SegmentCount {
  const { smartEncoding = true } = options;
  const message = new SegmentedMessage(text, 'auto', smartEncoding);
  return {
    encoding: message.encodingName,
    segments: message.segmentsCount,
    characters: message.numberOfCharacters,
    unicodeCharacters: message.getNonGsmCharacters(),
  };
}
