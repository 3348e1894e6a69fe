/**
 * What a text asks for, before any knowledge is searched: an opt-out, an injection attempt, a
 * complaint, a person, a booking, the hours, small talk. Regular expressions over the lowercased
 * text: predictable, auditable, and tested case by case in the eval; the LLM providers make the
 * same decisions with tools.
 */
import { toGsmFriendly } from '../guardrails/fit-sms.js';


export function normalize(text: string): string {
  return toGsmFriendly(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

export const PEOPLE = '(?:person|human|someone|somebody|manager|owner|boss|supervisor|rep|representative|agent|people|plumber|tech|technician|staff|team member|dispatcher|office|live agent|operator)';

export function isOptOut(t: string): boolean {
  return (
    /^(?:please\s+)?(?:stop|stopall|stop all|unsubscribe|cancel|end|quit|opt out|optout|revoke)(?:\s+(?:please|now|it|texting|messaging))?[\s.!]*$/.test(t) ||
    /\b(?:stop|quit|cease|no more)\s+(?:texting|messaging|txting|contacting|sending|spamming|bugging|harassing|texts|messages)\b/.test(t) ||
    /\b(?:don'?t|do not|never)\s+(?:text|message|txt|sms|contact)\s+(?:me|this number|us|my number)\b/.test(t) ||
    /\bunsubscribe\b|\bopt(?:ing)?[\s-]?out\b|\bremove (?:me|my number)\b|\btake (?:me|my number) off\b/.test(t) ||
    /\b(?:lose|delete|remove) (?:my|this) number\b|\bleave me alone\b|\bwrong number\b/.test(t) ||
    // "no thanks, stop" / "not interested. please stop": STOP as the last word of a text
    /(?:^|[,.!;]\s*|\bplease\s+|\bjust\s+)(?:stop|unsubscribe)(?:\s+(?:it|now|please|texting|messaging))?[\s.!]*$/.test(t) ||
    /\bopt (?:me|us|my number) out\b|\bunsub\b/.test(t) ||
    /\b(?:remove|take|drop|delete) me (?:from|off)\b|\boff (?:your|the) (?:list|texts?|mailing list)\b/.test(t) ||
    /\b(?:no more|stop (?:all |the |these |your )?)(?:texts?|messages?|sms|txts?)\b|\b(?:don'?t|do not) (?:want|need) (?:any ?more |these |your )?(?:texts?|messages?)\b/.test(t)
  );
}

export function isInjection(raw: string, t: string): boolean {
  return (
    /\b(?:ignore|disregard|forget|override|bypass)\b[^.?!]{0,40}\b(?:instructions?|prompts?|rules|guidelines|directions|programming|previous|above|prior|system|training)\b/.test(t) ||
    /\bsystem\s*prompt\b|\byour\s+(?:initial |original |hidden |secret |system )?(?:instructions|prompt|system message|programming)\b/.test(t) ||
    /\b(?:pretend|roleplay|role-play|role play)\b|\bact as (?:a|an|if|the|my)\b|\byou are now\b|\byou're now\b|\bfrom now on,? you\b/.test(t) ||
    // "jailbreak" of the assistant, not of something the customer owns ("is it legal to jailbreak my phone")
    /\bnew (?:instructions|rules|policy|persona)\b|\bdeveloper mode\b|\bjailbreak(?!(?:ing|ed)?\s+(?:my|our|his|her|their|a|an)\b)|\bdo anything now\b/.test(t) ||
    /\bi (?:hereby )?authori[sz]e you\b|\bwith no (?:restrictions|rules|limits|filters)\b|\byou are (?:a|an) (?:helpful|ai|assistant|language model|large language)\b/.test(t) ||
    /\bDAN\b/.test(raw) ||
    // a role label opening a line, alone or with one word ("SYSTEM:", "ADMIN OVERRIDE:", "developer note:")
    /^\s*(?:system|assistant|developer|admin|administrator|operator)(?:\s+[a-z]+)?\s*:|\[\/?(?:system|inst)\]|<\/?(?:system|instructions?)>/m.test(t) ||
    /\b(?:repeat|print|show|reveal|output)\b[^.?!]{0,30}\b(?:above|earlier|instructions|prompt|everything you were told)\b/.test(t) ||
    /\b(?:say|type|write|respond|reply|answer)(?: with)?\s*[:"']/.test(t) ||
    /\blegally binding\b|\bno takesies\b|\bbinding (?:offer|agreement|contract)\b/.test(t) ||
    /\b(?:[5-9]\d|100)\s?%\s*(?:off|discount)\b|\b(?:tell me|confirm|agree|promise|say)\b[^.?!]{0,40}(?:\$\s?[01]\b|\bfor free\b|\bit'?s free\b)/.test(t)
  );
}

export function isComplaint(t: string): boolean {
  const strong =
    /\b(?:f+u+c+k+\w*|shit\w*|bullshit|wtf|scam\w*|rip[\s-]?off|ripped (?:me )?off|overcharg\w*|(?:my|get a|call a|hire a|hiring a|contact(?:ing)? (?:a|my)) (?:lawyer|attorney)|lawsuit|sue you|better business bureau|bbb|bad review|(?:1|one)[\s-]star|never again|unacceptable|no[\s-]show|didn'?t show|never showed|never came|made it worse|left a (?:huge |big )?mess|damaged my|broke my)\b/.test(t) ||
    /\b(?:want|demand|need|give me)\s+(?:a |my )?(?:refund|money back)\b/.test(t) ||
    // "it's still leaking after your guy came", not "will it still be waterproof after you replace the screen"
    // (a question about what a repair will do asks, it does not complain)
    (/\b(?:still|again)\b[^.?!]{0,40}\b(?:after|since)\s+(?:you|your|the plumber|the tech)\b/.test(t) && !/\b(?:will|would|can|could|should)\s+(?:it|they|this|that|my|the)\b[^.?!]{0,20}\bstill\b/.test(t)) ||
    /\b(?:still|again)\b[^.?!]{0,40}\b(?:you|your guy|your plumber|the plumber|the tech)\s+(?:fixed|came|repaired|installed|was here)\b/.test(t);
  if (strong) return true;
  const weak = /\b(?:terrible|horrible|awful|worst|ridiculous|disgusting|pathetic|incompetent|useless|rude|furious|angry|upset|livid|disappointed|pissed|complain\w*)\b/.test(t);
  const aboutUs = /\b(?:you|your|you guys|y'?all|plumber|tech|technician|service|company|visit|appointment|invoice|bill|charged)\b/.test(t);
  return weak && aboutUs;
}

export function asksForHuman(t: string): boolean {
  return (
    new RegExp(`\\b(?:talk|speak|chat|text)\\s+(?:to|with)\\s+(?:a |an |the |your |some |one of your )?(?:real |live |actual )?${PEOPLE}`).test(t) ||
    /\b(?:real|live|actual)\s+(?:person|human|people)\b/.test(t) ||
    /\bsome(?:one|body) (?:i|we) (?:can|could) (?:talk|speak|chat) (?:to|with)\b/.test(t) ||
    // any role asked to get in touch: "can a stylist text me", "have an attorney call me"
    /\b(?:have|get|ask|can|could|would|will) (?:a|an|the|your) [a-z]+ (?:to )?(?:call|text|contact|phone|ring) (?:me|us)\b/.test(t) ||
    // any role the business has: "speak with an attorney", "talk to a stylist", "chat with someone"
    /\b(?:can|could|may) (?:i|we) (?:please )?(?:talk|speak|chat)\s+(?:to|with)\s+(?:a|an|the|your|my|our|someone|somebody|anyone|one of)\b|\b(?:i'?d like|i would like|i want|i need|i wanna|we'?d like|we want|we need) to (?:talk|speak|chat)\s+(?:to|with)\s+(?:a|an|the|your|someone|somebody|anyone|one of)\b/.test(t) ||
    /\bis there (?:a |an )?(?:human|real person|live person|actual person|manager|owner|supervisor)\b/.test(t) ||
    /\bcall me\b|\bcall (?:me )?back\b|\bgive me a (?:call|ring)\b|\bphone me\b/.test(t) ||
    // any person getting in touch: "I'd like someone to get back to me", "need a person to reach me"
    new RegExp(`\\b${PEOPLE}\\s+(?:to\\s+)?(?:get back to|reach out to|reach|contact|call|text|phone)\\s+(?:me|us)\\b`).test(t) ||
    new RegExp(`\\b(?:have|can|could|would|get|ask)\\s+(?:a |an |the |your )?${PEOPLE}\\s+(?:to )?(?:call|text|contact|reach out)`).test(t) ||
    /\b(?:get|put) me (?:through )?(?:to |with )?(?:a |the )?(?:manager|owner|human|person|supervisor)\b/.test(t) ||
    /\b(?:human|real person|manager|owner|operator|representative|agent)\s*(?:please|pls|plz)?[\s.!?]*$/.test(t)
  );
}

export function asksIfBot(t: string): boolean {
  return /\b(?:are|r)\s+(?:you|u)\s+(?:a |an )?(?:bot|robot|ai|real|human|person|machine|automated|chatgpt|computer)\b|\bis this (?:a |an )?(?:bot|robot|ai|real person|human|automated|machine)\b/.test(t);
}

export function isAffirmative(t: string): boolean {
  return /^(?:yes|yeah|yep|yup|ya|sure|ok|okay|please|yes please|sure thing|that would be great|sounds good|definitely|absolutely|please do)\b[\s.!,]*(?:please|thanks|thank you)?[\s.!]*$/.test(t);
}

export const WHEN = '(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|week|weekend)|next week|(?:mon|tues|wednes|thurs|fri|satur|sun)day|morning|afternoon|evening|asap|right now|now|soon)';

export function isBookingRequest(t: string): boolean {
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
    /\bwhat (?:times?|slots?|days?|openings?) (?:do you have|have you got|are|is)\s*(?:open|available|free|left)?\b/.test(t) ||
    asksToDoSomethingOnADate(t)
  );
}

/** A day or date ahead: "saturday", "next tuesday", "the 14th", "in april", "6/12". */
const FUTURE_DATE =
  /\b(?:today|tonight|tomorrow|(?:this|next) (?:week|weekend|month)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|febr)uary|march|april|may|june|july|august|(?:septem|octo|novem|decem)ber|the \d{1,2}(?:st|nd|rd|th)|\d{1,2}\/\d{1,2})\b/;

/**
 * A first-person request to do something on a day ("I'd like to order a cake for saturday", "can
 * I bring my dog in next tuesday", "I want to sign up starting in april"): whatever the trade calls
 * it, something to be put on the calendar, which only a person can confirm. Asking to know,
 * check or pay something is not one.
 */
function asksToDoSomethingOnADate(t: string): boolean {
  const request = new RegExp(`\\b(?:(?:i'?d|i would|we'?d|we would) (?:like|love) to|(?:i|we) (?:want|wanna|need) to|(?:i|we) wanna)\\s+${NOT_AN_ENQUIRY}`);
  return request.test(t) && FUTURE_DATE.test(t);
}

/** Verbs that ask about something rather than for something. */
const NOT_AN_ENQUIRY = "(?!(?:know|ask|check|see|find|pay|get an? (?:idea|quote|price)|confirm|text|call)\\b)[a-z]+";

/**
 * "Can I bring my dog in next tuesday", "could we come saturday", "can you do a deep clean this
 * friday": a question that may be a
 * booking or may be answered by the knowledge ("can I use my laptop on saturday" — no laptops at
 * weekend tables). The responder treats it as a booking only when the knowledge does not answer it.
 */
export function asksPermissionOnADate(t: string): boolean {
  // "can you do a deep clean this friday" asks the same of the business
  return (
    (new RegExp(`\\b(?:can|could|may) (?:i|we)\\s+${NOT_AN_ENQUIRY}`).test(t) ||
      new RegExp(`\\b(?:can|could|will|would) (?:you|u|y'?all)(?: guys)?\\s+(?!(?:tell|explain|remind|send)\\b)${NOT_AN_ENQUIRY}`).test(t)) &&
    FUTURE_DATE.test(t)
  );
}

export function asksHours(t: string): boolean {
  // after-hours and emergency questions belong to the emergency entry, durations to the job
  if (/\b(?:emergenc\w*|24\s?\/\s?7|after[\s-]?hours|overnight|holidays?|middle of the night)\b|\bhow (?:many|long)\b/.test(t)) return false;
  return (
    /\b(?:your|ur|business|office|opening|store|shop|working|operating) (?:hours|hrs)\b|\bhours of operation\b|\bwhat (?:are )?(?:the |your )?hours\b|\bwhat hours\b/.test(t) ||
    // "what are your saturday hours", "your weekend hrs"
    /\b(?:your|ur|the) (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekend|weekday|holiday|summer|winter) (?:hours|hrs)\b/.test(t) ||
    /\b(?:are|r)\s+(?:you|u|y'?all)\s+(?:guys\s+)?(?:open|closed)\b/.test(t) ||
    /\b(?:do|does|will)\s+(?:you|u|the office|y'?all)\s+(?:guys\s+)?(?:open|close)\b/.test(t) ||
    /\bwhat time\b[^.?!]{0,20}\b(?:open|close|closing|opening)\b|\bwhen (?:do|are|will) (?:you|u|y'?all) (?:guys )?(?:open|close|closed|closing)\b/.test(t) ||
    /\b(?:open|closed)\s+(?:on\s+)?(?:today|tonight|tomorrow|now|right now|this weekend|weekends|(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\b/.test(t)
  );
}

export type SmallTalk = 'hello' | 'thanks' | 'ack' | 'bye';

export const SMALL_TALK_WORD =
  /\b(?:hi+|hello+|hey+|heya|hiya|yo|howdy|sup|good (?:morning|afternoon|evening|day)|how (?:are|r) (?:you|u|y'?all)(?: doing)?(?: today)?|how'?s it going|hope (?:you'?re|you are|u r|all is) (?:well|good|doing well)|thank (?:you|u)|thanks?|thx|ty|tysm|appreciate (?:it|you|that)|ok(?:ay)?|kk?|cool|great|perfect|awesome|nice|sounds good|got it|will do|bye|goodbye|see ya|have a (?:good|great|nice) (?:day|one|night|weekend)|you too|np|no problem|no thanks|no thank you|nope|nah|no|so much|very much|a lot|again|anyone there|are you there|you there|there)\b/g;

/** The kind of small talk if the message is only greetings, thanks or acknowledgements. */
export function smallTalkKind(t: string): SmallTalk | null {
  const rest = t.replace(SMALL_TALK_WORD, ' ').replace(/[\p{Extended_Pictographic}\u200d\ufe0f\p{P}\s]/gu, '');
  if (rest !== '') return null;
  if (/\bthank|\bthx\b|\bty\b|\btysm\b|\bappreciate\b/.test(t)) return 'thanks';
  if (/\bbye\b|\bgoodbye\b|\bsee ya\b|\bhave a\b/.test(t)) return 'bye';
  if (/\b(?:hi+|hello+|hey+|heya|hiya|yo|howdy|sup|good (?:morning|afternoon|evening|day)|how (?:are|r) (?:you|u)|how'?s it going|hope (?:you'?re|you are|u r|all is)|anyone there|are you there|you there)\b/.test(t)) return 'hello';
  return 'ack';
}

export function smallTalkText(kind: SmallTalk, business: string, name: string | null | undefined): string {
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

export function nameSuffix(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/);
  const first = words[0] ?? '';
  // a name is echoed only if it looks like one: never a sentence someone typed into a name field
  return words.length <= 3 && /^[\p{L}][\p{L}'-]{0,24}$/u.test(first) ? ` ${first}` : '';
}

/** Words a passage about opening times uses (the only passages that may answer an hours question when hours were never set). */
export const OPENING_TIMES = /\b(?:open|opens|closed|closes|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|mon|tue|wed|thu|fri|sat|sun|weekdays?|weekends?|\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.))\b/i;
