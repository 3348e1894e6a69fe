/**
 * Opt-out intent in a customer's own words, beyond the phrases the compliance layer lists
 * (src/domain/opt-out.ts, which runs on every inbound text before the agent and is asked here
 * too): a request to stop being contacted is a cessation ("stop", "quit", "cease"), a refusal
 * ("don't want", "no need", "no longer", "never") or a removal ("remove", "take off") that governs
 * being contacted — a word whose dictionary form (wink-nlp lemma) is texting, messaging,
 * contacting or a reminder — within a few words, in one sentence. So "I want to stop getting
 * these texts", "no need to text me anymore" and "I don't want to be contacted by your clinic"
 * are opt-outs, while "stop the leak", "my dog won't stop scratching", "can I stop anytime?" and
 * "I never got a reminder text" are not: nothing about contact follows the cessation, it is
 * negated itself, or it is not a refusal. A negative imperative ("please don't send me any more
 * texts", "do not text me again", "never message this number") refuses contact as well: the
 * sentence opens with the negation, so a description ("I don't get your texts") is not one.
 */
import { classifyInboundText } from '../../domain/opt-out.js';
import { taggedSentences, type TaggedWord } from '../knowledge/english.js';

/** Dictionary forms that mean us contacting them (calls excluded: "stop calling the office" is business). */
const CONTACT = new Set(['text', 'txt', 'texting', 'message', 'msg', 'messaging', 'contact', 'sms', 'reminder', 'email', 'spam', 'promo', 'promotion']);
/** Verbs that end something. */
const CESSATION = new Set(['stop', 'quit', 'cease']);
/** Verbs that, negated, refuse something ("don't want", "no longer need"). */
const WISH = new Set(['want', 'need', 'wish', 'like']);
/** Negations as wink-nlp lemmatises them ("n't" → "not"). */
const NEGATION = new Set(['not', 'never', 'no', 'nt', 'dont']);
/** How far (in words) before the contact word its governing cue may stand. */
const WINDOW = 5;

/** Whether the text asks not to be contacted any more. */
export function asksNotToBeContacted(raw: string): boolean {
  if (classifyInboundText(raw)?.kind === 'opt_out') return true;
  return taggedSentences(raw).some(sentenceOptsOut);
}

function sentenceOptsOut(words: readonly TaggedWord[]): boolean {
  return words.some((word, i) => CONTACT.has(word.lemma) && (governedByRefusal(words, i) || refusedByImperative(words, i)));
}

/** Words that may open an imperative before its verb ("ok, please just don't …"). */
const IMPERATIVE_OPENERS = new Set(['please', 'pls', 'plz', 'just', 'so', 'and', 'ok', 'okay', 'then']);

/**
 * Whether the contact word at `at` sits in a negative imperative: the sentence opens (after
 * interjections and "please") with "do not" / "don't" / "never", then either the contact word
 * itself as the verb ("don't text me") or a verb of delivery whose object is our contacting them
 * ("don't send me any more texts"), within {@link WINDOW} words.
 */
function refusedByImperative(words: readonly TaggedWord[], at: number): boolean {
  let i = 0;
  while (i < words.length && (IMPERATIVE_OPENERS.has(words[i]!.lemma) || words[i]!.pos === 'INTJ' || words[i]!.pos === 'PUNCT')) i++;
  if (words[i]?.lemma === 'do' && words[i + 1]?.lemma === 'not') i += 2;
  else if (words[i]?.lemma === 'never' || words[i]?.lemma === 'dont') i += 1;
  else return false;
  if (at === i) return true;
  return DELIVERY.has(words[i]?.lemma ?? '') && at > i && at - i <= WINDOW && isContactOfUs(words, at);
}

/** Verbs whose negative imperative refuses the thing delivered ("don't send me texts"), unlike "don't forget to text me". */
const DELIVERY = new Set(['send', 'forward', 'bother']);

/** Whether a cessation or a refusal stands within {@link WINDOW} words before the contact word at `at`. */
function governedByRefusal(words: readonly TaggedWord[], at: number): boolean {
  for (let i = at - 1; i >= Math.max(0, at - WINDOW); i--) {
    const w = words[i] as TaggedWord;
    if (w.pos === 'PUNCT') return false;
    const before = words[i - 1];
    // "stop getting texts", "quit sending me messages" — not "won't stop texting" (a description)
    if (CESSATION.has(w.lemma)) return before === undefined || !NEGATION.has(before.lemma);
    // "don't want texts", "do not need to be contacted", "no need to text me", "no longer want" —
    // but "I don't want to text back and forth, call me" prefers a call: it refuses nothing of ours
    if (WISH.has(w.lemma) && before !== undefined && (NEGATION.has(before.lemma) || before.lemma === 'longer')) return isContactOfUs(words, at);
  }
  return false;
}

/**
 * Whether the contact word at `at` is us contacting them: messages as a thing ("these texts",
 * "reminders"), them as its object ("text me", "contact my number") or them receiving it ("be
 * contacted", "getting messages").
 */
function isContactOfUs(words: readonly TaggedWord[], at: number): boolean {
  const word = words[at] as TaggedWord;
  const next = words[at + 1]?.lemma ?? '';
  const previous = words[at - 1]?.lemma ?? '';
  if (word.value !== word.lemma && word.value.endsWith('s')) return true;
  if (['me', 'us', 'my', 'this', 'our'].includes(next)) return true;
  return ['be', 'get', 'receive', 'these', 'those', 'your', 'any', 'more', 'the', 'all', 'such'].includes(previous);
}
