/**
 * Reading consent out of an inbound text: STOP-style keywords (which the carrier also acts on) and
 * plain-words revocations ("please stop texting me"), which the carrier does not catch but the FCC's
 * 2024 rule says must be honoured ("revocation by any reasonable means"). Also the fixed replies
 * that go with them: one opt-out confirmation without marketing, an opt-in confirmation, and HELP.
 *
 * The balance is deliberate. Keywords count only as the whole message, because "cancel my
 * appointment" and "help, my basement is flooding" are business, not consent. Phrases must name
 * the texting itself ("stop texting", "take me off your list"), because customers of plumbers and
 * roofers write "won't stop dripping" and "can you stop by". Anything subtler is left to the AI
 * agent, which classifies free text but may never send after an opt-out.
 */

/** What an inbound text means for consent. */
export type ConsentIntent = {
  kind: 'opt_out' | 'opt_in' | 'help';
  /** The canonical keyword (`STOP`, `OPTOUT`, `START`, `HELP` …) or the phrase matched, in normalised words. */
  keyword: string;
  via: 'keyword' | 'phrase';
};

// Whole-message keywords, written as the normalised words (lower case, single spaces). Opt-out is
// Twilio's list plus the FCC per-se words (which add "opt out" and "revoke"); opt-in and help are
// the carrier defaults.
const KEYWORDS = new Map<string, Pick<ConsentIntent, 'kind' | 'keyword'>>([
  ['stop', { kind: 'opt_out', keyword: 'STOP' }],
  ['stopall', { kind: 'opt_out', keyword: 'STOPALL' }],
  ['stop all', { kind: 'opt_out', keyword: 'STOPALL' }],
  ['unsubscribe', { kind: 'opt_out', keyword: 'UNSUBSCRIBE' }],
  ['cancel', { kind: 'opt_out', keyword: 'CANCEL' }],
  ['end', { kind: 'opt_out', keyword: 'END' }],
  ['quit', { kind: 'opt_out', keyword: 'QUIT' }],
  ['revoke', { kind: 'opt_out', keyword: 'REVOKE' }],
  ['optout', { kind: 'opt_out', keyword: 'OPTOUT' }],
  ['opt out', { kind: 'opt_out', keyword: 'OPTOUT' }],
  ['start', { kind: 'opt_in', keyword: 'START' }],
  ['unstop', { kind: 'opt_in', keyword: 'UNSTOP' }],
  ['yes', { kind: 'opt_in', keyword: 'YES' }],
  ['help', { kind: 'help', keyword: 'HELP' }],
  ['info', { kind: 'help', keyword: 'INFO' }],
]);

/**
 * Lower case, compatibility-folded (fullwidth letters, ligatures), apostrophes dropped so "don't"
 * and "don’t" both read "dont", and every run of anything that is not a letter or digit (punctuation,
 * emoji, line breaks) turned into one space.
 */
function normalise(body: string): string {
  return body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’‘`´ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Building blocks for the phrase patterns below (all over normalised text).
// Not "alerts" or "notifications": thermostats and leak sensors send those, and customers of
// HVAC and plumbing businesses write "stop the alerts" about their equipment.
const MSG =
  '(?:texts?|texting|txts?|txting|msgs?|messages?|messaging|sms|smss|spam|reminders?|promos?|promotions?|marketing|ads)';
const FILLER = '(?:any|all|the|these|those|your|ur|yall|more|further|of|this|that|such|them|ya|stupid|damn|random)';
const ME = '(?:me|us|this number|my number|my phone|my cell|this phone)';
const POLITE = '(?: (?:please|pls|plz|thanks|thank you|thx|now|asap|immediately|right now|already|ok|okay))*';

// A "stop …" preceded by one of these is a description ("won't stop dripping"), not a request.
const NEGATED_BEFORE = /\b(?:wont|cant|cannot|couldnt|doesnt|didnt|dont|never|wouldnt|isnt|wasnt|not|to not)\s*$/;

// "I gave you the wrong number" / "you sent the wrong person" are customers talking business.
const CORRECTION_BEFORE = /\b(?:gave|give|given|sent|send|texted|wrote|put)(?: [\p{L}\p{N}]+){0,2}\s*$/u;

interface Phrase {
  re: RegExp;
  /** Skip the match when the text before it ends like this. */
  notAfter?: RegExp;
  /** Only count in short messages (at most this many words). */
  maxWords?: number;
}

const PHRASES: Phrase[] = [
  // "please stop texting me", "stop messaging", "quit texting me", "stop contacting me"
  {
    re: new RegExp(
      `\\b(?:stop|quit|cease) (?:all )?(?:texting|txting|messaging|msging|contacting|spamming|harassing|bothering)\\b(?: ${ME})?`,
    ),
    notAfter: NEGATED_BEFORE,
  },
  // "stop calling me" (calling alone is too often about a technician: "stop calling the office")
  { re: new RegExp(`\\b(?:stop|quit|cease) calling ${ME}\\b`), notAfter: NEGATED_BEFORE },
  // "stop sending me messages", "stop sending these texts"
  { re: new RegExp(`\\b(?:stop|quit|cease) sending (?:me |us )?(?:${FILLER} )*${MSG}\\b`), notAfter: NEGATED_BEFORE },
  { re: new RegExp(`\\b(?:stop|quit) sending me${POLITE}$`), notAfter: NEGATED_BEFORE },
  // "stop the texts", "stop all messages", "stop sms"
  { re: new RegExp(`\\bstop (?:with )?(?:${FILLER} )*${MSG}\\b`), notAfter: NEGATED_BEFORE },
  // The keyword with politeness or emphasis around it: "please stop", "STOP it", "I said stop",
  // "stop stop stop". Cancel and end are excluded: "please cancel" is about an appointment.
  {
    re: /^(?:(?:please|pls|plz|just|now|no|ok|okay|yes|hey|i said|i said to|seriously|for the last time|stop) )*(?:stop|stopall|unsubscribe|quit|revoke|optout|opt out)(?: (?:it|now|please|pls|plz|thanks|thank you|thx|immediately|asap|already|all|stop|right now|this|that|ok|okay|seriously|again|for real|period|no more|dude|man|bro|lol))*$/,
  },
  // "remove me from your list", "take me off your list", "remove my number from your system"
  {
    re: /\b(?:remove|take|delete|drop|erase|get) (?:me|my number|this number|my (?:phone|cell|mobile)(?: number)?) (?:off|from|out of)(?: [\p{L}\p{N}]+){0,3} (?:list|lists|database|system|contacts|records|texts|messages|texting|sms)\b/u,
  },
  // "remove me", "take me off", "delete my number" as the whole request
  {
    re: new RegExp(
      `^(?:please |pls |can you |could you )?(?:remove|delete|erase) (?:me|my number|this number|my (?:phone|cell|mobile) number)${POLITE}$`,
    ),
  },
  { re: new RegExp(`^(?:please |pls )?take me off(?: the list| your list| this list| it)?${POLITE}$`) },
  { re: /\b(?:delete|erase|lose) (?:my|this) (?:phone |cell )?number\b/ },
  // "unsubscribe me", "I want to opt out", "opt me out", "I revoke consent", "withdraw my consent"
  {
    re: /\b(?:unsubscribe|unsubscribed|unsub|opt out|optout|opt me out|opt us out|opt my number out|revoke|revoked|revoking|withdraw (?:my )?consent)\b/,
  },
  // "don't text me", "do not text me again", "never text this number again", "dont contact me"
  {
    re: new RegExp(
      `\\b(?:dont|do not|never|stop|no longer|quit)(?: ever)? (?:text|txt|message|msg|sms|contact|spam|bother|harass|hit up)(?:ing)? ${ME}\\b`,
    ),
  },
  { re: /\b(?:dont|do not|never) (?:text|message|contact) (?:again|anymore|any more)\b/ },
  { re: new RegExp(`^(?:please )?(?:dont|do not) (?:text|txt|message|contact)${POLITE}$`) },
  // "I don't want these texts", "I do not want to receive messages", "no longer want your texts"
  {
    re: new RegExp(
      `\\b(?:dont|do not|no longer|never) (?:want|need|wish|like|care for|appreciate)(?: to (?:receive|get|be sent))?(?: ${FILLER})* ${MSG}\\b`,
    ),
  },
  { re: /\b(?:dont|do not|no longer) want to be (?:texted|contacted|messaged|spammed|bothered)\b/ },
  // "no more texts", "no more of these messages"; "no texts please" as the whole message
  { re: new RegExp(`\\bno (?:more|further)(?: [\\p{L}\\p{N}]+){0,2} ${MSG}\\b`, 'u') },
  { re: new RegExp(`^no ${MSG}${POLITE}$`) },
  // "I never signed up for this", "I do not consent"
  {
    re: /\b(?:never|didnt|did not) (?:signed up|sign up|subscribed|subscribe|opted in|opt in|agreed to|consented|gave (?:you )?(?:my )?(?:consent|permission|my number))\b/,
  },
  { re: /\b(?:i )?(?:dont|do not|no longer) consent\b/ },
  // "leave me alone" and its ruder relatives
  { re: /\b(?:leave (?:me|us) alone|fuck off|f off|piss off|bugger off)\b/ },
  { re: /^(?:please |just )?(?:go away|get lost)$/ },
  // "wrong number, stop", "you have the wrong number": the person never consented. Only in short
  // messages, and not "I gave you the wrong number", which is a customer correcting their details.
  { re: /\bwrong (?:number|person)\b/, notAfter: CORRECTION_BEFORE, maxWords: 8 },
];

// An all-caps keyword opening a longer message ("STOP, I never signed up") is meant as the keyword.
// Case-sensitive on purpose: "Stop, the water is everywhere" is a sentence.
const LEADING_CAPS_KEYWORD = /^(STOP|STOPALL|UNSUBSCRIBE|OPTOUT|REVOKE|QUIT)\s*[.,!;:\-\u2013\u2014]/;

/**
 * Classify an inbound text as an opt-out, opt-in or help request, or null for an ordinary message.
 *
 * Keywords (`via: 'keyword'`) are matched against the whole message after trimming whitespace,
 * punctuation and emoji, in any case: "Stop.", "STOP!!", "stop 🙏". Plain-words revocations
 * (`via: 'phrase'`) are recognised only for opt-out; opting back in takes an explicit keyword, so a
 * vague "ok text me" never re-subscribes anyone.
 *
 * Note `opt_in` and `help` are keywords in ordinary use too ("Yes" to "can we come at 3?"): act on
 * `opt_in` only for a contact who is opted out, and treat it as a normal reply otherwise.
 */
export function classifyInboundText(body: string): ConsentIntent | null {
  if (typeof body !== 'string') return null;
  const t = normalise(body);
  if (t === '') return null;

  const kw = KEYWORDS.get(t);
  if (kw) return { ...kw, via: 'keyword' };

  const lead = LEADING_CAPS_KEYWORD.exec(body.trim());
  if (lead?.[1]) return { kind: 'opt_out', keyword: lead[1], via: 'keyword' };

  const words = t.split(' ').length;
  for (const p of PHRASES) {
    if (p.maxWords !== undefined && words > p.maxWords) continue;
    const m = p.re.exec(t);
    if (!m) continue;
    if (p.notAfter && p.notAfter.test(t.slice(0, m.index))) continue;
    return { kind: 'opt_out', keyword: m[0].trim(), via: 'phrase' };
  }
  return null;
}

function named(businessName: string): string {
  const name = businessName.replace(/\s+/g, ' ').trim();
  return name === '' ? '' : `${name}: `;
}

/**
 * The one confirmation allowed after an opt-out (FCC 2024: a single text, no marketing). GSM-7
 * only, so it stays one segment for any business name of reasonable length.
 */
export function OPT_OUT_CONFIRMATION(businessName: string): string {
  return `${named(businessName)}You're unsubscribed and will get no more texts from us. Reply START to resubscribe.`;
}

/** The confirmation after a contact opts back in with START/UNSTOP/YES. */
export function OPT_IN_CONFIRMATION(businessName: string): string {
  return `${named(businessName)}You're resubscribed to texts from us. Reply HELP for help, STOP to opt out. Msg&data rates may apply.`;
}

/**
 * The reply to HELP/INFO (CTIA: program name and how to reach a person), e.g.
 * `helpReply('Acme Plumbing', 'Call us at (555) 010-0001')` →
 * "Acme Plumbing: Call us at (555) 010-0001. Reply STOP to opt out. Msg&data rates may apply."
 */
export function helpReply(businessName: string, contactLine: string): string {
  let line = contactLine.replace(/\s+/g, ' ').trim();
  if (line !== '' && !/[.!?]$/.test(line)) line += '.';
  return `${named(businessName)}${line === '' ? '' : `${line} `}Reply STOP to opt out. Msg&data rates may apply.`;
}
