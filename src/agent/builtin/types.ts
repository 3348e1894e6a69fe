/**
 * The builtin responder's input, output and thresholds (shared by its parts; re-exported by
 * builtin-responder.ts, the module callers import).
 */
/** A message of the conversation, oldest first. */
export interface BuiltinMessage {
  role: 'contact' | 'business';
  text: string;
}

/** A retrieved knowledge passage, best first. */
export interface BuiltinPassage {
  title: string;
  text: string;
  score: number;
  /** Match confidence in [0, 1], as from `searchBm25`. */
  confidence: number;
}

/** What the builtin responder needs for one turn. */
export interface BuiltinInput {
  businessName: string;
  businessHoursText: string;
  isOpenNow: boolean;
  /** Oldest first; the contact messages after the last business message are the ones to answer. */
  messages: readonly BuiltinMessage[];
  passages: readonly BuiltinPassage[];
  contactFirstName?: string | null;
  /** Longest reply, in characters. Default 306 (two GSM-7 segments). */
  maxChars?: number;
  /**
   * Optional retrieval for one question (e.g. `(q) => searchBm25(index, q, { limit: 3 })`). When
   * given, a text with several questions has each question looked up on its own, so a second
   * topic is found even when the first one fills all of `passages`. Without it, every question
   * is answered from `passages`. A caller that passes it should fact-check the reply against
   * the answer's `usedPassages`, which may then include passages outside `passages`.
   */
  search?: (query: string) => readonly BuiltinPassage[];
}

/** Why a conversation goes to a person. */
export type HandoffReason = 'asked_for_human' | 'cannot_help' | 'booking_request' | 'complaint' | 'opt_out';

/** The builtin responder's decision and the text to send. */
export type BuiltinReply =
  | {
      kind: 'answer';
      text: string;
      /** The passage answered from (the first one when the reply answers several questions). */
      usedPassage: string;
      /** Every passage the reply quotes, in reply order (none for an hours-only answer). */
      usedPassages?: readonly BuiltinPassage[];
    }
  | { kind: 'clarify'; text: string }
  | {
      kind: 'handoff';
      text: string;
      reason: HandoffReason;
      /**
       * Passages the handoff text quotes: a text asking two things, one the knowledge answers and
       * one it does not, gets that answer and a person for the other (see several-questions.ts).
       */
      usedPassages?: readonly BuiltinPassage[];
    }
  | { kind: 'greeting'; text: string };

/**
 * Lowest passage confidence the responder answers from. Tuned on the Acme Plumbing eval, where
 * questions the KB answers score 0.46–1.0 (most 0.7+) and off-topic ones 0–0.41 ("what's the
 * weather" reaches 0.41 only because the KB mentions "freezing weather"). The gap is narrow, so a
 * miss here costs a clarifying question, never an invented answer: the reply is still a quote.
 */
export const ANSWER_CONFIDENCE = 0.45;

/** Above this (and below {@link ANSWER_CONFIDENCE}) the clarifying question names the topic. */
export const TOPIC_CONFIDENCE = 0.4;

/** The title an hours answer reports as its passage. */
export const HOURS_PASSAGE_TITLE = 'Business hours';
