/**
 * Several questions in one text ("are you open saturday? how much is the diagnostic fee?"): the
 * questions are found, each answered from its own source (the hours text or one passage), and the
 * answers composed in the order asked within the SMS budget. A question nothing answers hands the
 * conversation to a team member after the answers; one that only did not fit is offered to one.
 */
import { unsupportedFacts } from '../guardrails/unsupported-facts.js';
import { answersTheQuestion } from './answer-fit.js';
import { answerFromPassage, asksAboutNow, fitToChars, hoursAnswer, hoursSentences, sentencesFor } from './compose-answer.js';
import { asksHours, normalize, OPENING_TIMES } from './intents.js';
import { localCoverage, pickPassage } from './pick-passage.js';
import { questionParts, topicStems } from './question-parts.js';
import { ANSWER_CONFIDENCE, HOURS_PASSAGE_TITLE, type BuiltinInput, type BuiltinPassage, type BuiltinReply } from './types.js';


/**
 * Coverage (see {@link localCoverage}) a passage needs for one question of several to be
 * answered from it. The passages were retrieved for the whole text, so their confidence says
 * they answer some question in it, and this says which one.
 */
export const PART_COVERAGE = 0.5;

/** Most questions of one text answered separately; any after these are offered to a person. */
export const MAX_QUESTIONS = 3;

/** Most sentences quoted per question when a reply answers several: short beats complete. */
export const SENTENCES_PER_ANSWER = 2;

/** Said after the answers when a question's answer did not fit the budget (ends as a team-member offer). */
export const OTHER_QUESTION_OFFER = 'Want a team member to text you about your other question?';

/**
 * Said after the answers when the knowledge does not answer a question: the conversation is handed
 * to a person (reason `cannot_help`) in the words every other handoff uses, so the customer has the
 * part we know now and a person follows up on the rest without being asked "want a team member?".
 */
export const OTHER_QUESTION_HANDOFF = "I've asked a team member to text you back about your other question.";

/** What answers one question: the hours text or sentences of one passage. */
export interface PartAnswer {
  /** The passage quoted, or null for the hours text. */
  passage: BuiltinPassage | null;
  /** The questions it answers (two questions about one passage share it). */
  questions: string[];
  /** The sentences to quote, best order; the first one is the answer, the rest detail. */
  sentences: string[];
}

/**
 * The reply to a text that asks several things, or null when it asks one thing (or nothing this
 * can split), so the one-question path answers as before. Each question is answered from the
 * hours text or the passage that covers it best; two questions about one passage share its
 * answer. Answers come in the order asked, each cut to its first sentences if the budget needs
 * it; a question nothing answers is handed to a person after the answers (a one-line handoff), one
 * that does not fit gets a one-line team-member offer.
 * Null as well when nothing or only one source answers and no question is left unanswered.
 */
export function answerSeveral(input: BuiltinInput, raw: string, maxChars: number, business: string): BuiltinReply | null {
  const questions = questionParts(raw);
  if (questions.length < 2) return null;

  const answers: PartAnswer[] = [];
  // a question the knowledge does not answer (a person follows up) vs. one left out for room (offered)
  let unknown = false;
  let unanswered = questions.length > MAX_QUESTIONS;
  let previous: BuiltinPassage | null | undefined;
  for (const question of questions.slice(0, MAX_QUESTIONS)) {
    const source = sourceFor(input, question, questions, previous);
    previous = source;
    if (source === undefined) {
      unanswered = true;
      unknown = true;
      continue;
    }
    const same = answers.find((a) => (a.passage === null ? source === null : source !== null && samePassage(a.passage, source)));
    if (same !== undefined) {
      same.questions.push(question);
      continue;
    }
    answers.push({ passage: source, questions: [question], sentences: [] });
  }
  if (answers.length === 0 || (answers.length === 1 && !unanswered)) return null;

  const sourcesOf = (list: readonly PartAnswer[]): string[] => [
    input.businessHoursText,
    business,
    input.contactFirstName ?? '',
    ...list.flatMap((a) => (a.passage === null ? [] : [a.passage.text])),
  ];
  for (const answer of answers) {
    const asked = answer.questions.join(' ');
    answer.sentences = answer.passage === null ? hoursSentences(input, asksAboutNow(asked)) : gluedShort(sentencesFor(answer.passage, asked));
  }
  const hoursTerms = new Set(answers.some((a) => a.passage === null) ? topicStems(input.businessHoursText) : []);
  const quotable: PartAnswer[] = [];
  for (const a of answers) {
    // a passage that only repeats the hours ("we're closed Sunday") is said once, by the hours
    if (a.passage !== null && hoursTerms.size > 0 && mostlyIn(topicStems(a.sentences[0] ?? ''), hoursTerms)) continue;
    // a passage that only shares words with a question (a price asked, no price in its first
    // sentence, the one always quoted; a judgement asked, a line that holds little of it) does not
    // answer it: a person follows up
    const answered = a.passage === null || answersTheQuestion(a.questions.join(' '), a.passage, a.sentences[0] ?? '');
    if (a.sentences.length > 0 && answered && unsupportedFacts(a.sentences.join(' '), sourcesOf([a])).length === 0) quotable.push(a);
    else {
      unanswered = true;
      unknown = true;
    }
  }
  if (quotable.length === 0 || (quotable.length === 1 && !unanswered)) return null;

  // The first sentence of as many answers as fit, in the order asked (with the offer if anything
  // is left unanswered), then more of each, in turn, while they fit.
  const fits = (t: string): boolean => t.length <= maxChars && fitToChars(t, maxChars) === fitToChars(t, 10 * maxChars);
  const closing = unknown ? OTHER_QUESTION_HANDOFF : OTHER_QUESTION_OFFER;
  const compose = (picked: ReadonlyArray<{ answer: PartAnswer; count: number }>, offer: boolean): string =>
    [...picked.map((p) => p.answer.sentences.slice(0, p.count).join(' ')), ...(offer ? [closing] : [])].join(' ');
  for (let k = quotable.length; k >= 1; k--) {
    const picked = quotable.slice(0, k).map((answer) => ({ answer, count: 1 }));
    const offer = unanswered || k < quotable.length;
    if (!fits(compose(picked, offer))) continue;
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of picked) {
        if (p.count >= Math.min(p.answer.sentences.length, SENTENCES_PER_ANSWER)) continue;
        p.count++;
        if (fits(compose(picked, offer))) grew = true;
        else p.count--;
      }
    }
    const used = picked.map((p) => p.answer);
    return finishSeveral(used, compose(picked, offer), sourcesOf(used), maxChars, unknown);
  }

  // Not even one first sentence fits beside the offer: the first answer is cut to make room.
  const first = quotable[0] as PartAnswer;
  const room = maxChars - closing.length - 1;
  if (room < 70) return null;
  const alone =
    first.passage === null ? fitToChars(hoursAnswer(input), room) : answerFromPassage(first.passage, first.questions.join(' '), room);
  if (alone === null || alone === '') return null;
  return finishSeveral([first], `${fitToChars(alone, room)} ${closing}`, sourcesOf([first]), maxChars, unknown);
}

/**
 * The reply for {@link answerSeveral}, or null if its final check finds a fact no source backs; a
 * handoff to a person (quoting what it answered) when the knowledge left a question unanswered.
 */
export function finishSeveral(
  used: readonly PartAnswer[],
  text: string,
  sources: readonly string[],
  maxChars: number,
  handOffTheRest: boolean,
): BuiltinReply | null {
  const reply = fitToChars(text, maxChars);
  if (reply === '' || unsupportedFacts(reply, sources).length > 0) return null;
  const usedPassages = used.flatMap((a) => (a.passage === null ? [] : [a.passage]));
  if (handOffTheRest) return { kind: 'handoff', reason: 'cannot_help', text: reply, usedPassages };
  const first = used[0] as PartAnswer;
  return {
    kind: 'answer',
    text: reply,
    usedPassage: first.passage === null ? HOURS_PASSAGE_TITLE : first.passage.title,
    usedPassages: used.flatMap((a) => (a.passage === null ? [] : [a.passage])),
  };
}

/**
 * What answers one question of several: null for the hours text, a passage, or undefined when
 * nothing does. With `input.search` the question is looked up on its own and its hits'
 * confidence is its own. Otherwise the passages were retrieved for the whole text, and their
 * confidence (the best of its questions, from the real index) only says they answer some
 * question in it; a passage answers this one when it holds enough of this question's words, one
 * of them as written, and no other question's more. A follow-up with one topic word ("how
 * much?") that the previous question's passage speaks to stays with that passage.
 */
export function sourceFor(
  input: BuiltinInput,
  question: string,
  questions: readonly string[],
  previous: BuiltinPassage | null | undefined,
): BuiltinPassage | null | undefined {
  const hoursQuestion = asksHours(normalize(question));
  if (hoursQuestion && input.businessHoursText.trim() !== '') return null;
  const searched = input.search !== undefined;
  let pool = searched ? searchQuietly(input, question) : input.passages;
  // hours never set: only a passage about opening times answers an hours question
  if (hoursQuestion) pool = pool.filter((p) => OPENING_TIMES.test(p.text));
  if (previous !== null && previous !== undefined && topicStems(question).length <= 1) {
    if (localCoverage(question, previous).coverage >= PART_COVERAGE) return previous;
  }
  const scored = pool
    .map((passage) => ({ passage, ...localCoverage(question, passage) }))
    .filter((x) => {
      if (x.passage.confidence < ANSWER_CONFIDENCE) return false;
      if (searched) return true;
      if (x.coverage < PART_COVERAGE || !x.exact) return false;
      // (questions the hours text answers need no passage, so they claim none)
      return questions.every(
        (other) => other === question || asksHours(normalize(other)) || localCoverage(other, x.passage).coverage <= x.coverage,
      );
    });
  // in retrieval order (the index's ranking knows which words are rare, this coverage does not);
  // a question looked up on its own takes a later hit that clearly holds more of it, as a whole
  // and in one sentence (the whole text's passages were already filtered for this question above)
  return searched ? pickPassage(question, scored.map((x) => x.passage)) : scored[0]?.passage;
}

/** `input.search` for one question; a search that throws finds nothing (the responder never throws). */
export function searchQuietly(input: BuiltinInput, question: string): readonly BuiltinPassage[] {
  try {
    return input.search?.(question) ?? [];
  } catch {
    return [];
  }
}

/** A bare "Yes." or "No." says nothing on its own next to another answer: it goes with what follows. */
export function gluedShort(sentences: readonly string[]): string[] {
  const out: string[] = [];
  let pending = '';
  for (const sentence of sentences) {
    const joined = pending === '' ? sentence : `${pending} ${sentence}`;
    if (sentence.split(/\s+/).length <= 3) pending = joined;
    else {
      out.push(joined);
      pending = '';
    }
  }
  if (pending !== '') out.push(pending);
  return out;
}

/** Whether at least 60% of `terms` are in `pool` (false for no terms). */
export function mostlyIn(terms: readonly string[], pool: ReadonlySet<string>): boolean {
  return terms.length > 0 && terms.filter((t) => pool.has(t)).length >= 0.6 * terms.length;
}

export function samePassage(a: BuiltinPassage, b: BuiltinPassage): boolean {
  return a.title === b.title && a.text === b.text;
}
