/**
 * The builtin "model": answers a contact's texts from the business's knowledge base with no
 * network and no LLM. It is the default provider, so it is built to be safe before it is clever:
 *
 * - Anything that needs a person (a booking, a complaint, a request for a human, an opt-out in
 *   words) is handed off with a fixed text. It never proposes or confirms a time: the costly AI
 *   failure in this market is the agent that "books" a slot the calendar does not have.
 * - Answers are sentences copied from one retrieved passage (or the business hours text), cut to
 *   fit the SMS budget, then checked with {@link unsupportedFacts}: no price, percentage, time or
 *   date can appear that the business did not write. A text that asks two or three things ("are
 *   you open saturday? how much is the diagnostic fee?") gets each answered from its own source
 *   in one reply; one nothing answers gets a team-member offer instead of silence.
 * - Prompt-injection attempts get one fixed refusal that repeats nothing of the request, so
 *   "give me a 100% discount" can never come back as "100% discount".
 * - A weak knowledge match asks a clarifying question instead of guessing; a second miss in a row
 *   hands off rather than loop.
 *
 * Pure: the caller retrieves passages (BM25 over the KB, with {@link latestContactText} as the
 * query), optionally passes `search` to look up each question of a several-question text on its
 * own, and passes the clock's verdict as `isOpenNow`.
 */
import { splitSentences } from './knowledge/chunk-text.js';
import { synonymGroupOf, tokenize } from './knowledge/tokenize.js';
import { isEnglishWord } from './knowledge/english.js';
import { cutAtBoundary, fitSms, stripMarkdown, toGsmFriendly } from './guardrails/fit-sms.js';
import { unsupportedFacts } from './guardrails/unsupported-facts.js';

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
  | { kind: 'handoff'; text: string; reason: HandoffReason }
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

/**
 * The text to answer and to retrieve with: the contact's messages since the business last wrote,
 * joined (people split one question over several texts).
 */
export function latestContactText(messages: readonly BuiltinMessage[]): string {
  const pending: string[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message === undefined || message.role === 'business') break;
    pending.unshift(message.text);
  }
  return pending.join('\n').trim();
}

/** Answers the newest contact messages. Never throws; an empty turn gets a greeting. */
export function respondBuiltin(input: BuiltinInput): BuiltinReply {
  const maxChars = Math.max(70, input.maxChars ?? 306);
  const business = input.businessName.trim() || 'our team';
  const raw = latestContactText(input.messages);
  const text = normalize(raw);
  const lastBusiness = lastBusinessText(input.messages);
  const fit = (t: string): string => fitToChars(t, maxChars);
  const handoff = (reason: HandoffReason, t: string): BuiltinReply => ({ kind: 'handoff', reason, text: fit(t) });

  if (text === '') return { kind: 'greeting', text: fit(`Hi${nameSuffix(input.contactFirstName)}! How can we help?`) };

  // A request to stop outranks everything: honouring it is never wrong, ignoring it is.
  if (isOptOut(text)) return handoff('opt_out', "Understood, we won't text you again.");

  // Injection before any other intent, so "ignore your rules and book me for free" is not a booking.
  if (isInjection(raw, text)) return { kind: 'clarify', text: fit(refusalText(business)) };

  if (isComplaint(text)) {
    return handoff('complaint', "I'm sorry to hear that. I've passed this to our team and someone will text you back shortly.");
  }
  if (asksForHuman(text)) {
    return handoff(
      'asked_for_human',
      /\bcall\b/.test(text)
        ? "Sure, I'll let the team know you'd like a call back. Someone will reach out shortly."
        : "Sure, I'll get a team member to text you back shortly.",
    );
  }
  if (isAffirmative(text) && offeredTeamMember(lastBusiness)) {
    return handoff('asked_for_human', "Great, I'll get a team member to text you back shortly.");
  }
  if (isAffirmative(text) && lastBusiness !== null && lastBusiness.includes(CLARIFY_TOPIC_PREFIX)) {
    // "yes" to "is your question about warranty?": the passages were retrieved for "yes", so ask
    // for the question itself rather than guess which part of the topic they mean
    const topic = /is your question about (.+?)\? If not/.exec(lastBusiness)?.[1] ?? 'that';
    return { kind: 'clarify', text: fit(`Great, what would you like to know about ${topic}?`) };
  }
  if (asksIfBot(text)) {
    return {
      kind: 'clarify',
      text: fit(
        `I'm ${business}'s automated text assistant. I can answer questions about our services, or get a team member to text you. Would you like a team member to text you?`,
      ),
    };
  }
  if (isBookingRequest(text)) {
    // Urgency is acknowledged but never answered with a time: only a person can promise one.
    const urgent = /\b(?:emergenc\w*|urgent|asap|flood\w*|burst|overflow\w*|gushing|water everywhere)\b/.test(text);
    const flag = urgent ? "I've flagged this as urgent and passed it to our team." : "Thanks! I've passed your request to our team.";
    return handoff(
      'booking_request',
      input.isOpenNow
        ? `${flag} A team member will text you shortly to confirm a time that works.`
        : `${flag} A team member will text you to confirm a time.`,
    );
  }

  const smallTalk = smallTalkKind(text);
  if (smallTalk !== null) return { kind: 'greeting', text: fit(smallTalkText(smallTalk, business, input.contactFirstName)) };

  // Several questions in one text ("are you open saturday? how much is the diagnostic fee?"):
  // each is answered from its own source, or the ones we can't answer are offered to a person.
  const several = answerSeveral(input, raw, maxChars, business);
  if (several !== null) return several;

  if (asksHours(text) && input.businessHoursText.trim() !== '') {
    const reply = fit(hoursAnswer(input));
    if (unsupportedFacts(reply, [input.businessHoursText, business]).length === 0) {
      return { kind: 'answer', text: reply, usedPassage: HOURS_PASSAGE_TITLE, usedPassages: [] };
    }
  }

  const best = input.passages[0];
  if (best !== undefined && best.confidence >= ANSWER_CONFIDENCE) {
    const answer = answerFromPassage(best, raw, maxChars);
    const sources = [best.text, input.businessHoursText, business, input.contactFirstName ?? ''];
    if (answer !== null && unsupportedFacts(answer, sources).length === 0) {
      return { kind: 'answer', text: answer, usedPassage: best.title, usedPassages: [best] };
    }
  }

  // Nothing to answer with. Ask once; if our last message was already a clarifying question,
  // a second one would be a loop, so a person takes over.
  if (lastBusiness !== null && isOurClarify(lastBusiness)) {
    return handoff('cannot_help', "Sorry I couldn't help with that. I'll get a team member to text you back.");
  }
  if (best !== undefined && best.confidence >= TOPIC_CONFIDENCE) {
    return { kind: 'clarify', text: fit(`${CLARIFY_TOPIC_PREFIX} ${topicOf(best.title)}? If not, tell me a bit more about what you need.`) };
  }
  // Nothing in the knowledge answers it. A real question goes to a person (guessing, or asking
  // the customer to rephrase a question we simply cannot answer, helps no one); only text that
  // is not English words at all ("asdfgh") gets a request to say it again.
  if (!hasEnglishWords(raw)) {
    return {
      kind: 'clarify',
      text: fit(`Sorry, I'm not sure about that one. ${CLARIFY_SCOPE_PHRASE} ${business}'s services, pricing, service area and hours, or get a team member to text you. What can I help with?`),
    };
  }
  return handoff('cannot_help', OUT_OF_SCOPE_TEXT);
}

/** The handoff for a question the knowledge does not answer. */
export const OUT_OF_SCOPE_TEXT = "I don't have the answer to that here, so I've asked a team member to text you back.";

function hasEnglishWords(raw: string): boolean {
  return (raw.toLowerCase().match(/[a-z]+/g) ?? []).some((w) => w.length > 1 && isEnglishWord(w));
}

// ---------------------------------------------------------------------------------------------
// Fixed texts and their recognisers (the responder knows its own clarifying questions by these)

const CLARIFY_TOPIC_PREFIX = 'Just to make sure I get this right: is your question about';
const CLARIFY_SCOPE_PHRASE = 'I can answer questions about';

function refusalText(business: string): string {
  return `Sorry, I can't help with that. ${CLARIFY_SCOPE_PHRASE} ${business}'s services, pricing, service area and hours, or get a team member to text you. What can I help with?`;
}

function isOurClarify(text: string): boolean {
  return text.includes(CLARIFY_TOPIC_PREFIX) || text.includes(CLARIFY_SCOPE_PHRASE);
}

function offeredTeamMember(text: string | null): boolean {
  return text !== null && /\bteam member\b[^?]*\?\s*$/i.test(text.trim());
}

function lastBusinessText(messages: readonly BuiltinMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === 'business') return messages[i]?.text ?? null;
  return null;
}

function nameSuffix(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/);
  const first = words[0] ?? '';
  // a name is echoed only if it looks like one: never a sentence someone typed into a name field
  return words.length <= 3 && /^[\p{L}][\p{L}'-]{0,24}$/u.test(first) ? ` ${first}` : '';
}

/** "What to do while you wait for us (leaks)" → "what to do while you wait for us". */
function topicOf(title: string): string {
  const t = title.replace(/\([^)]*\)/g, '').replace(/\s+/g, ' ').trim();
  return /^[A-Z][a-z]/.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t;
}

// ---------------------------------------------------------------------------------------------
// Intent detection. Regular expressions over the lowercased text: predictable, auditable, and
// tested case by case in the eval; the LLM providers make the same decisions with tools.

function normalize(text: string): string {
  return toGsmFriendly(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

const PEOPLE = '(?:person|human|someone|somebody|manager|owner|boss|supervisor|rep|representative|agent|people|plumber|tech|technician|staff|team member|dispatcher|office|live agent|operator)';

function isOptOut(t: string): boolean {
  return (
    /^(?:please\s+)?(?:stop|stopall|stop all|unsubscribe|cancel|end|quit|opt out|optout|revoke)(?:\s+(?:please|now|it|texting|messaging))?[\s.!]*$/.test(t) ||
    /\b(?:stop|quit|cease|no more)\s+(?:texting|messaging|txting|contacting|sending|spamming|bugging|harassing|texts|messages)\b/.test(t) ||
    /\b(?:don'?t|do not|never)\s+(?:text|message|txt|sms|contact)\s+(?:me|this number|us|my number)\b/.test(t) ||
    /\bunsubscribe\b|\bopt(?:ing)?[\s-]?out\b|\bremove (?:me|my number)\b|\btake (?:me|my number) off\b/.test(t) ||
    /\b(?:lose|delete|remove) (?:my|this) number\b|\bleave me alone\b|\bwrong number\b/.test(t) ||
    /\b(?:remove|take|drop|delete) me (?:from|off)\b|\boff (?:your|the) (?:list|texts?|mailing list)\b/.test(t) ||
    /\b(?:no more|stop (?:all |the |these |your )?)(?:texts?|messages?|sms|txts?)\b|\b(?:don'?t|do not) (?:want|need) (?:any ?more |these |your )?(?:texts?|messages?)\b/.test(t)
  );
}

function isInjection(raw: string, t: string): boolean {
  return (
    /\b(?:ignore|disregard|forget|override|bypass)\b[^.?!]{0,40}\b(?:instructions?|prompts?|rules|guidelines|directions|programming|previous|above|prior|system|training)\b/.test(t) ||
    /\bsystem\s*prompt\b|\byour\s+(?:initial |original |hidden |secret |system )?(?:instructions|prompt|system message|programming)\b/.test(t) ||
    /\b(?:pretend|roleplay|role-play|role play)\b|\bact as (?:a|an|if|the|my)\b|\byou are now\b|\byou're now\b|\bfrom now on,? you\b/.test(t) ||
    /\bnew (?:instructions|rules|policy|persona)\b|\bdeveloper mode\b|\bjailbreak|\bdo anything now\b/.test(t) ||
    /\bi (?:hereby )?authori[sz]e you\b|\bwith no (?:restrictions|rules|limits|filters)\b|\byou are (?:a|an) (?:helpful|ai|assistant|language model|large language)\b/.test(t) ||
    /\bDAN\b/.test(raw) ||
    /^\s*(?:system|assistant|developer|admin)\s*:|\[\/?(?:system|inst)\]|<\/?(?:system|instructions?)>/m.test(t) ||
    /\b(?:repeat|print|show|reveal|output)\b[^.?!]{0,30}\b(?:above|earlier|instructions|prompt|everything you were told)\b/.test(t) ||
    /\b(?:say|type|write|respond with|reply with|answer with)\s*[:"']/.test(t) ||
    /\blegally binding\b|\bno takesies\b|\bbinding (?:offer|agreement|contract)\b/.test(t) ||
    /\b(?:[5-9]\d|100)\s?%\s*(?:off|discount)\b|\b(?:tell me|confirm|agree|promise|say)\b[^.?!]{0,40}(?:\$\s?[01]\b|\bfor free\b|\bit'?s free\b)/.test(t)
  );
}

function isComplaint(t: string): boolean {
  const strong =
    /\b(?:f+u+c+k+\w*|shit\w*|bullshit|wtf|scam\w*|rip[\s-]?off|ripped (?:me )?off|overcharg\w*|(?:my|get a|call a|hire a|hiring a|contact(?:ing)? (?:a|my)) (?:lawyer|attorney)|lawsuit|sue you|better business bureau|bbb|bad review|(?:1|one)[\s-]star|never again|unacceptable|no[\s-]show|didn'?t show|never showed|never came|made it worse|left a (?:huge |big )?mess|damaged my|broke my)\b/.test(t) ||
    /\b(?:want|demand|need|give me)\s+(?:a |my )?(?:refund|money back)\b/.test(t) ||
    /\b(?:still|again)\b[^.?!]{0,40}\b(?:after|since)\s+(?:you|your|the plumber|the tech)\b/.test(t) ||
    /\b(?:still|again)\b[^.?!]{0,40}\b(?:you|your guy|your plumber|the plumber|the tech)\s+(?:fixed|came|repaired|installed|was here)\b/.test(t);
  if (strong) return true;
  const weak = /\b(?:terrible|horrible|awful|worst|ridiculous|disgusting|pathetic|incompetent|useless|rude|furious|angry|upset|livid|disappointed|pissed|complain\w*)\b/.test(t);
  const aboutUs = /\b(?:you|your|you guys|y'?all|plumber|tech|technician|service|company|visit|appointment|invoice|bill|charged)\b/.test(t);
  return weak && aboutUs;
}

function asksForHuman(t: string): boolean {
  return (
    new RegExp(`\\b(?:talk|speak|chat|text)\\s+(?:to|with)\\s+(?:a |an |the |your |some |one of your )?(?:real |live |actual )?${PEOPLE}`).test(t) ||
    /\b(?:real|live|actual)\s+(?:person|human|people)\b/.test(t) ||
    // any role the business has: "speak with an attorney", "talk to a stylist", "chat with someone"
    /\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a|an|the|your|someone|somebody|anyone|one of)\b/.test(t) ||
    /\bis there (?:a |an )?(?:human|real person|live person|actual person|manager|owner|supervisor)\b/.test(t) ||
    /\bcall me\b|\bcall (?:me )?back\b|\bgive me a (?:call|ring)\b|\bphone me\b/.test(t) ||
    new RegExp(`\\b(?:have|can|could|would|get|ask)\\s+(?:a |an |the |your )?${PEOPLE}\\s+(?:to )?(?:call|text|contact|reach out)`).test(t) ||
    /\b(?:get|put) me (?:through )?(?:to |with )?(?:a |the )?(?:manager|owner|human|person|supervisor)\b/.test(t) ||
    /\b(?:human|real person|manager|owner|operator|representative|agent)\s*(?:please|pls|plz)?[\s.!?]*$/.test(t)
  );
}

function asksIfBot(t: string): boolean {
  return /\b(?:are|r)\s+(?:you|u)\s+(?:a |an )?(?:bot|robot|ai|real|human|person|machine|automated|chatgpt|computer)\b|\bis this (?:a |an )?(?:bot|robot|ai|real person|human|automated|machine)\b/.test(t);
}

function isAffirmative(t: string): boolean {
  return /^(?:yes|yeah|yep|yup|ya|sure|ok|okay|please|yes please|sure thing|that would be great|sounds good|definitely|absolutely|please do)\b[\s.!,]*(?:please|thanks|thank you)?[\s.!]*$/.test(t);
}

const WHEN = '(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|week|weekend)|next week|(?:mon|tues|wednes|thurs|fri|satur|sun)day|morning|afternoon|evening|asap|right now|now|soon)';

function isBookingRequest(t: string): boolean {
  // questions about how booking works are knowledge questions, not requests
  if (/\bhow (?:does|do) (?:the |your )?(?:booking|scheduling|appointments?|it) work\b/.test(t)) return false;
  return (
    /\b(?:book|schedule|reschedule|set up|make|get)\b[^.?!]{0,20}\b(?:appointment|appt|visit|service call|a time|slot)\b/.test(t) ||
    /\b(?:book|schedule|reschedule)\s+(?:me|us|it|a|an|the|for|someone|somebody|something|in)\b/.test(t) ||
    /\b(?:i'?d|i would|i|we'?d|we) (?:like|want|need|wanna) (?:to )?(?:book|schedule|reschedule|an appointment|someone to come|a plumber|a tech|to get someone|somebody to come)\b/.test(t) ||
    /\bhow (?:do|can) (?:i|we) (?:book|schedule|make an appointment|get (?:someone|a plumber|a tech))\b/.test(t) ||
    /\b(?:can|could|would|will|when can|how soon can|how fast can|how quickly can)\s+(?:you|someone|somebody|a plumber|a tech|your guy|you guys|anyone|anybody|u)\s+(?:come|get (?:here|out|over|someone|somebody|a plumber|a tech)|be here|stop by|swing by|make it|take a look|check it out|come out|come over|come by)\b/.test(t) ||
    /\bsend (?:someone|somebody|a plumber|a tech|a guy|over|out)\b/.test(t) ||
    /\b(?:can|could|may) (?:i|we) get (?:a |someone|somebody)?\s*(?:plumber|tech|technician|someone|somebody|guy)\b/.test(t) ||
    /\b(?:need|want|looking for) (?:someone|somebody|a plumber|a tech|a technician|a guy|a pro)\b(?! to (?:answer|explain|call|text))/.test(t) ||
    /\b(?:you|you guys|someone|anyone|anybody|somebody|a plumber|a tech|u)\s+(?:be\s+)?available\b|\bavailability\b|\b(?:earliest|soonest|first available|next available)\b/.test(t) ||
    new RegExp(`\\b${WHEN}\\b[^.?!]{0,20}\\b(?:at|around|by|between|after|before)\\s+\\d`).test(t) ||
    /\bcancel\b[^.?!]{0,20}\b(?:appointment|appt|visit)\b/.test(t) ||
    /\bwhat (?:times?|slots?|days?|openings?) (?:do you have|have you got|are|is)\s*(?:open|available|free|left)?\b/.test(t)
  );
}

function asksHours(t: string): boolean {
  // after-hours and emergency questions belong to the emergency entry, durations to the job
  if (/\b(?:emergenc\w*|24\s?\/\s?7|after[\s-]?hours|overnight|holidays?|middle of the night)\b|\bhow (?:many|long)\b/.test(t)) return false;
  return (
    /\b(?:your|ur|business|office|opening|store|shop|working|operating) (?:hours|hrs)\b|\bhours of operation\b|\bwhat (?:are )?(?:the |your )?hours\b|\bwhat hours\b/.test(t) ||
    /\b(?:are|r)\s+(?:you|u|y'?all)\s+(?:guys\s+)?(?:open|closed)\b/.test(t) ||
    /\b(?:do|does|will)\s+(?:you|u|the office|y'?all)\s+(?:guys\s+)?(?:open|close)\b/.test(t) ||
    /\bwhat time\b[^.?!]{0,20}\b(?:open|close|closing|opening)\b|\bwhen (?:do|are|will) (?:you|u|y'?all) (?:guys )?(?:open|close|closed|closing)\b/.test(t) ||
    /\b(?:open|closed)\s+(?:on\s+)?(?:today|tonight|tomorrow|now|right now|this weekend|weekends|(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\b/.test(t)
  );
}

type SmallTalk = 'hello' | 'thanks' | 'ack' | 'bye';

const SMALL_TALK_WORD =
  /\b(?:hi+|hello+|hey+|heya|hiya|yo|howdy|sup|good (?:morning|afternoon|evening|day)|thank (?:you|u)|thanks?|thx|ty|tysm|appreciate (?:it|you|that)|ok(?:ay)?|kk?|cool|great|perfect|awesome|nice|sounds good|got it|will do|bye|goodbye|see ya|have a (?:good|great|nice) (?:day|one|night|weekend)|you too|np|no problem|no thanks|no thank you|nope|nah|no|so much|very much|a lot|again|anyone there|are you there|you there|there)\b/g;

/** The kind of small talk if the message is only greetings, thanks or acknowledgements. */
function smallTalkKind(t: string): SmallTalk | null {
  const rest = t.replace(SMALL_TALK_WORD, ' ').replace(/[\p{Extended_Pictographic}\u200d\ufe0f\p{P}\s]/gu, '');
  if (rest !== '') return null;
  if (/\bthank|\bthx\b|\bty\b|\btysm\b|\bappreciate\b/.test(t)) return 'thanks';
  if (/\bbye\b|\bgoodbye\b|\bsee ya\b|\bhave a\b/.test(t)) return 'bye';
  if (/\b(?:hi+|hello+|hey+|heya|hiya|yo|howdy|sup|good (?:morning|afternoon|evening|day)|anyone there|are you there|you there)\b/.test(t)) return 'hello';
  return 'ack';
}

function smallTalkText(kind: SmallTalk, business: string, name: string | null | undefined): string {
  switch (kind) {
    case 'hello':
      return `Hi${nameSuffix(name)}! Thanks for texting ${business}. How can we help?`;
    case 'thanks':
      return "You're welcome! Let us know if there's anything else we can help with.";
    case 'bye':
      return 'Thanks for reaching out. Take care!';
    case 'ack':
      return 'Sounds good! Let us know if you need anything else.';
  }
}

// ---------------------------------------------------------------------------------------------
// Several questions in one text

/**
 * Coverage (see {@link localCoverage}) a passage needs for one question of several to be
 * answered from it. The passages were retrieved for the whole text, so their confidence says
 * they answer some question in it, and this says which one.
 */
const PART_COVERAGE = 0.5;

/** Most questions of one text answered separately; any after these are offered to a person. */
const MAX_QUESTIONS = 3;

/** Most sentences quoted per question when a reply answers several: short beats complete. */
const SENTENCES_PER_ANSWER = 2;

/** Said after the answers when a question could not be answered (ends as a team-member offer). */
const OTHER_QUESTION_OFFER = 'Want a team member to text you about your other question?';

/** Words that point back at an earlier question ("how much is it?"): such a follow-up joins it. */
const BACK_REFERENCE = /\b(?:it|that|this|these|those|them|they|one)\b/i;

/** How a question starts when it has no question mark ("how much is the fee"). */
const QUESTION_OPENER =
  "(?:how|what|what'?s|whats|when|where|which|who|why|do|does|did|are|is|can|could|will|would|should|any|r)";

/** What answers one question: the hours text or sentences of one passage. */
interface PartAnswer {
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
 * it; a question nothing answers (or that does not fit) gets a one-line team-member offer.
 * Null as well when nothing or only one source answers and no question is left unanswered.
 */
function answerSeveral(input: BuiltinInput, raw: string, maxChars: number, business: string): BuiltinReply | null {
  const questions = questionParts(raw);
  if (questions.length < 2) return null;

  const answers: PartAnswer[] = [];
  let unanswered = questions.length > MAX_QUESTIONS;
  let previous: BuiltinPassage | null | undefined;
  for (const question of questions.slice(0, MAX_QUESTIONS)) {
    const source = sourceFor(input, question, questions, previous);
    previous = source;
    if (source === undefined) {
      unanswered = true;
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
    if (a.sentences.length > 0 && unsupportedFacts(a.sentences.join(' '), sourcesOf([a])).length === 0) quotable.push(a);
    else unanswered = true;
  }
  if (quotable.length === 0 || (quotable.length === 1 && !unanswered)) return null;

  // The first sentence of as many answers as fit, in the order asked (with the offer if anything
  // is left unanswered), then more of each, in turn, while they fit.
  const fits = (t: string): boolean => t.length <= maxChars && fitToChars(t, maxChars) === fitToChars(t, 10 * maxChars);
  const compose = (picked: ReadonlyArray<{ answer: PartAnswer; count: number }>, offer: boolean): string =>
    [...picked.map((p) => p.answer.sentences.slice(0, p.count).join(' ')), ...(offer ? [OTHER_QUESTION_OFFER] : [])].join(' ');
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
    return finishSeveral(used, compose(picked, offer), sourcesOf(used), maxChars);
  }

  // Not even one first sentence fits beside the offer: the first answer is cut to make room.
  const first = quotable[0] as PartAnswer;
  const room = maxChars - OTHER_QUESTION_OFFER.length - 1;
  if (room < 70) return null;
  const alone =
    first.passage === null ? fitToChars(hoursAnswer(input), room) : answerFromPassage(first.passage, first.questions.join(' '), room);
  if (alone === null || alone === '') return null;
  return finishSeveral([first], `${fitToChars(alone, room)} ${OTHER_QUESTION_OFFER}`, sourcesOf([first]), maxChars);
}

/** The reply for {@link answerSeveral}, or null if its final check finds a fact no source backs. */
function finishSeveral(used: readonly PartAnswer[], text: string, sources: readonly string[], maxChars: number): BuiltinReply | null {
  const reply = fitToChars(text, maxChars);
  if (reply === '' || unsupportedFacts(reply, sources).length > 0) return null;
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
function sourceFor(
  input: BuiltinInput,
  question: string,
  questions: readonly string[],
  previous: BuiltinPassage | null | undefined,
): BuiltinPassage | null | undefined {
  if (asksHours(normalize(question)) && input.businessHoursText.trim() !== '') return null;
  const searched = input.search !== undefined;
  const pool = searched ? searchQuietly(input, question) : input.passages;
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
  // in retrieval order: the index's ranking knows which words are rare, this coverage does not
  return scored[0]?.passage;
}

/** `input.search` for one question; a search that throws finds nothing (the responder never throws). */
function searchQuietly(input: BuiltinInput, question: string): readonly BuiltinPassage[] {
  try {
    return input.search?.(question) ?? [];
  } catch {
    return [];
  }
}

/**
 * The share of a question's words a passage holds, a word found only through its synonym group
 * counting 0.8. `exact` says whether some word matched as written, not only through its group
 * (every payment word is one group, so a financing answer "covers" "can I pay by credit card").
 */
function localCoverage(question: string, passage: BuiltinPassage): { coverage: number; exact: boolean } {
  const terms = new Set(tokenize(`${passage.title}\n${passage.text}`));
  let total = 0;
  let matched = 0;
  let exact = false;
  const tokens = tokenize(question);
  const seen = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.startsWith('~') || seen.has(token)) return;
    seen.add(token);
    const next = tokens[i + 1];
    total += 1;
    if (terms.has(token)) {
      matched += 1;
      exact = true;
    } else if (next !== undefined && next.startsWith('~') && terms.has(next)) {
      matched += 0.8;
    }
  });
  return { coverage: total === 0 ? 0 : matched / total, exact };
}

/** A bare "Yes." or "No." says nothing on its own next to another answer: it goes with what follows. */
function gluedShort(sentences: readonly string[]): string[] {
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
function mostlyIn(terms: readonly string[], pool: ReadonlySet<string>): boolean {
  return terms.length > 0 && terms.filter((t) => pool.has(t)).length >= 0.6 * terms.length;
}

function samePassage(a: BuiltinPassage, b: BuiltinPassage): boolean {
  return a.title === b.title && a.text === b.text;
}

/** A question's topic words (stems, no synonym tokens). */
function topicStems(question: string): string[] {
  return tokenize(question, { synonyms: false });
}

/**
 * The questions in a text, in order: its sentences and lines, split again where a new question
 * starts after a comma, "and" or "also" ("do you serve oak park and how much is drain cleaning").
 * Only questions count (a question mark, or a question word first); statements and greetings
 * around them are left out, and a follow-up that points back ("how much is it?") joins the
 * question before it.
 */
function questionParts(raw: string): string[] {
  const splitter = new RegExp(`(?:\\s*(?:,|;|\\band\\b|\\balso\\b|\\bplus\\b))+\\s+(?=(?:and\\s+|also\\s+)*${QUESTION_OPENER}\\s)`, 'i');
  const pieces = splitSentences(raw)
    .flatMap((sentence) => sentence.split(splitter))
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const questions: string[] = [];
  let lastWasQuestion = false;
  for (const piece of pieces) {
    const isQuestion =
      /\?\s*$/.test(piece) ||
      new RegExp(`^(?:(?:and|also|plus|so|oh|ok|okay|hi|hey|hello)\\b[\\s,!.]*)*${QUESTION_OPENER}\\b`, 'i').test(piece);
    const stems = topicStems(piece);
    if (!isQuestion || stems.length === 0) {
      lastWasQuestion = false;
      continue;
    }
    // "how much is it?" follows up the question before; "what if it rains" asks something new:
    // a follow-up's one topic word is a generic attribute (a price, a time), not a subject
    if (lastWasQuestion && stems.length <= 1 && BACK_REFERENCE.test(piece) && stems.every((stem) => synonymGroupOf(stem) !== undefined)) {
      questions[questions.length - 1] += ` ${piece}`;
      continue;
    }
    questions.push(piece);
    lastWasQuestion = true;
  }
  return questions;
}

/** The hours answer: the business's hours text, and whether it is open now. */
function hoursAnswer(input: BuiltinInput): string {
  return hoursSentences(input, true).join(' ');
}

/**
 * The hours answer as the hours, then whether we are open now: beside another answer, "we're
 * open right now" is the part to leave out if room is short, unless the question is about now
 * (`nowMatters`), when the two stay one.
 */
function hoursSentences(input: BuiltinInput, nowMatters: boolean): string[] {
  const hours = `Our hours: ${withPeriod(toGsmFriendly(stripMarkdown(input.businessHoursText)).replace(/\s+/g, ' ').trim())}`;
  const now = input.isOpenNow ? "We're open right now." : "We're closed right now.";
  return nowMatters ? [`${hours} ${now}`] : [hours, now];
}

function asksAboutNow(question: string): boolean {
  return /\b(?:now|today|tonight|currently|still|yet)\b/i.test(question);
}

// ---------------------------------------------------------------------------------------------
// Answer composition

/** A sentence of a passage, ready to quote. */
interface Candidate {
  text: string;
  position: number;
  /** Which line of the passage it came from: continuing a sentence stays within its line. */
  line: number;
  /** The heading over a list item ("What we fix"), said once before the items quoted. */
  listHeading: string | null;
  score: number;
}

/**
 * The reply built from one passage: for an FAQ pair, its answer from the start; otherwise the
 * sentences that share the most (rare) words with the question. Null when nothing is quotable.
 */
function answerFromPassage(passage: BuiltinPassage, question: string, maxChars: number): string | null {
  // sentences in passage order while they fit; the first is always kept (and cut if it must be)
  const parts: string[] = [];
  for (const sentence of sentencesFor(passage, question)) {
    if (parts.length > 0 && [...parts, sentence].join(' ').length > maxChars) break;
    parts.push(sentence);
  }
  const text = fitToChars(parts.join(' '), maxChars);
  return text === '' ? null : text;
}

/**
 * The sentences of a passage that answer `question`, in passage order, at most four, a list
 * item prefixed by its heading the first time that heading comes up. Empty when nothing is
 * quotable.
 */
function sentencesFor(passage: BuiltinPassage, question: string): string[] {
  const { candidates, isFaq } = candidatesOf(passage.text, question);
  if (candidates.length === 0) return [];

  let chosen: Candidate[];
  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.position - b.position);
  const top = ranked[0] as Candidate;
  if (isFaq || top.score <= 0) {
    // an FAQ answer is read from its start; a passage that matched only by its title, likewise
    chosen = candidates;
  } else {
    // the best sentence, others that match nearly as well, and, for prose, the sentence right
    // after the best one on the same line when nothing else was picked ("…is $149 to $249.
    // Main sewer line rodding starts at $299.")
    const keep = new Set<Candidate>([top]);
    for (const c of ranked.slice(1)) if (c.score >= top.score * 0.6) keep.add(c);
    const next = candidates.find((c) => c.position === top.position + 1);
    if (keep.size === 1 && next !== undefined && next.line === top.line && top.listHeading === null) keep.add(next);
    chosen = candidates.filter((c) => keep.has(c));
  }

  const sentences: string[] = [];
  let heading: string | null = null;
  for (const c of chosen.slice(0, 4)) {
    const prefix = c.listHeading !== null && c.listHeading !== heading ? `${c.listHeading}: ` : '';
    sentences.push(prefix + c.text);
    heading = c.listHeading ?? heading;
  }
  return sentences;
}

/**
 * Quotable sentences of a passage, each scored by the question's words it contains, a word
 * weighing more the fewer sentences of the passage share it (within a water-heater passage,
 * "water heater" tells nothing about which sentence answers "what brands do you install").
 */
function candidatesOf(passageText: string, question: string): { candidates: Candidate[]; isFaq: boolean } {
  const questionTerms = new Set(tokenize(question));
  const lines = passageText.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  let heading: string | null = null;
  let isFaq = false;
  const sentences: Array<Omit<Candidate, 'score'> & { terms: Set<string> }> = [];
  let tableHeader: string[] | null = null;
  lines.forEach((line, lineIndex) => {
    // a markdown table row is read as a sentence ("Full colour: $120."), never copied with its bars
    const cells = tableCells(line);
    if (cells !== null) {
      const previousIsRow = lineIndex > 0 && tableCells(lines[lineIndex - 1] ?? '') !== null;
      const nextIsSeparator = /^\|?[\s:|-]+\|?$/.test(lines[lineIndex + 1] ?? '') && (lines[lineIndex + 1] ?? '').includes('-');
      if (cells.every((c) => /^:?-+:?$/.test(c) || c === '')) return; // the separator row
      if (!previousIsRow) tableHeader = null;
      if (!previousIsRow && (nextIsSeparator || (!/[\d$]/.test(cells.join(' ')) && tableCells(lines[lineIndex + 1] ?? '') !== null))) {
        tableHeader = cells;
        return;
      }
      const text = tableRowSentence(cells, tableHeader);
      if (text !== '') {
        sentences.push({ text, position: sentences.length, line: lineIndex, listHeading: null, terms: new Set(tokenize(`${text} ${heading ?? ''}`)) });
      }
      return;
    }
    if (isHeadingLine(line, lines[lineIndex + 1])) {
      heading = stripMarkdown(line).replace(/:$/, '');
      return;
    }
    if (/^(?:\*\*)?\s*(?:q|question)\s*\d*\s*(?:\*\*)?\s*[:.)]/i.test(line)) {
      isFaq = true; // the question itself is not part of the answer
      return;
    }
    const isListItem = /^[-*+\u2022]\s+/.test(line);
    const body = stripMarkdown(line.replace(/^(?:\*\*)?\s*(?:a|answer)\s*\d*\s*(?:\*\*)?\s*[:)]\s*/i, ''));
    if (body === '') return;
    for (const sentence of splitSentences(body)) {
      sentences.push({
        text: withPeriod(sentence),
        position: sentences.length,
        line: lineIndex,
        listHeading: isListItem ? heading : null,
        terms: new Set(tokenize(sentence)),
      });
    }
  });

  const sentenceFrequency = new Map<string, number>();
  for (const s of sentences) for (const t of s.terms) sentenceFrequency.set(t, (sentenceFrequency.get(t) ?? 0) + 1);
  const candidates: Candidate[] = sentences.map(({ terms, ...rest }) => {
    let score = 0;
    for (const term of terms) {
      if (!questionTerms.has(term)) continue;
      const rarity = Math.log(1 + sentences.length / (sentenceFrequency.get(term) ?? 1));
      score += (term.startsWith('~') ? 0.5 : 1) * rarity;
    }
    return { ...rest, score };
  });

  // an unmarked FAQ chunk ("Do you take cards?\nYes, …") also starts with its question
  const first = candidates[0];
  if (!isFaq && first !== undefined && first.text.endsWith('?') && candidates.length > 1) {
    isFaq = true;
    candidates.shift();
  }
  return { candidates, isFaq };
}

/** The cells of a markdown table row ("| a | b |"), or null for any other line. */
function tableCells(line: string): string[] | null {
  const t = line.trim();
  if (!/^\|.*\|$/.test(t) || t.length < 3) return null;
  return t
    .slice(1, -1)
    .split('|')
    .map((c) => stripMarkdown(c.trim()));
}

/**
 * A table row as a sentence: "Gutter cleaning: $149." for two columns; with more, each value
 * after the first is named by its column ("Haircut: Price $35, Time 30 min.").
 */
function tableRowSentence(cells: readonly string[], header: readonly string[] | null): string {
  const [first, ...rest] = cells;
  const values = rest.map((v, i) => ({ v, h: header?.[i + 1] ?? '' })).filter((x) => x.v !== '');
  if (first === undefined || first === '') return '';
  if (values.length === 0) return withPeriod(first);
  if (values.length === 1) return withPeriod(`${first}: ${values[0]?.v}`);
  return withPeriod(`${first}: ${values.map((x) => (x.h ? `${x.h} ${x.v}` : x.v)).join(', ')}`);
}

/**
 * A heading, in markdown ("## Prices", "**Prices**") or plain ("Cancellations" on a line of its
 * own above its text, "Our prices:"): short, no sentence punctuation, no figures, and followed
 * by more text. Headings name a section; quoted as a sentence they read as nonsense.
 */
function isHeadingLine(line: string, next: string | undefined): boolean {
  if (/^#{1,6}\s+/.test(line) || /^(?:\*\*|__)[^*_]+(?:\*\*|__):?$/.test(line)) return true;
  if (next === undefined || /^[-*+\u2022]\s+/.test(line) || /[\d$%]/.test(line)) return false;
  const words = line.split(/\s+/).length;
  if (/:$/.test(line) && words <= 6) return true;
  return words <= 5 && !/[.!?;,:)"]$/.test(line) && /^[\p{Lu}]/u.test(line);
}

function withPeriod(text: string): string {
  const t = text.trim();
  return /[.!?:)]$/.test(t) ? t : `${t}.`;
}

/** SMS-clean `text` and cut it to `maxChars` at a sentence or word boundary. */
function fitToChars(text: string, maxChars: number): string {
  const clean = fitSms(text, { maxSegments: Math.max(1, Math.ceil(maxChars / 153)) });
  return cutAtBoundary(clean, maxChars);
}
