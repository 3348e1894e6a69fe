/**
 * Spotting texts written by a machine: phone "driving" and Focus replies, out-of-office and
 * "do not reply" senders, carrier bounce notices, and other businesses' own text-back bots. If the
 * AI agent answered these, two bots could text each other forever (and bill per segment), so a
 * message that looks automated gets no automatic reply; a person still sees it in the inbox.
 *
 * The patterns look for the *form* of an auto-reply ("This is an automated message", a label like
 * "Auto-reply:"), not for topic words, so that customers writing about automation, driving or
 * replying are not silenced. A miss costs one bot reply (loops are also rate-limited elsewhere); a
 * false alarm costs a customer a slower, human answer.
 */

function normalise(body: string): string {
  return body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const PATTERNS: RegExp[] = [
  // "This is an automated message/reply/response/text" (not "is this an automated message?")
  /\bthis is an? (?:automated|automatic|auto[- ]?generated|auto) (?:message|reply|response|text|sms|notification)\b/,
  /\b(?:this|an) (?:automated|automatic) (?:message|reply|response|text) (?:from|sent|by)\b/,
  // A label: "Auto-reply:", "[Automatic reply]", "(auto response)", or the message opening with it.
  /^[[(]?\s*(?:auto[- ]?reply|auto[- ]?response|automatic reply|automated (?:reply|response|message))\b/,
  /[[(]\s*(?:auto[- ]?reply|auto[- ]?response|automatic reply|automated (?:reply|response|message))\s*[\])]/,
  /\b(?:auto[- ]?reply|auto[- ]?response|automatic reply)\s*:/,
  // Phones: iOS "I'm Driving with Do Not Disturb While Driving turned on…", Android "I'm driving
  // right now - I'll get back to you later", iOS Focus "… has notifications silenced".
  /\b(?:i'm|i am|im) driving\b(?! (?:to|over|home|there|back|down|up|out|by|in|around|through|into|past|your|a|the|my)\b)/,
  /\bdriving mode\b|\bdo not disturb while driving\b|\bdriving focus\b/,
  /\bnotifications silenced\b|\bhas notifications (?:off|silenced)\b/,
  // Away messages: "I'm currently unavailable and will respond …", "I am out of the office until …"
  /\b(?:currently|presently) (?:unavailable|away|not available|out of (?:the )?office)\b.*\b(?:will|'ll) (?:respond|reply|get back|return|be back)\b/,
  /\bout of (?:the )?office\b.*\b(?:until|returning|return on|back on|limited access|will respond|will reply|will get back)\b/,
  /^out of (?:the )?office\b/,
  // No-reply senders
  /\b(?:please )?do not reply(?: directly)? to this (?:message|text|number|sms|email)\b/,
  /\b(?:this|the) (?:number|inbox|mailbox|line) is not monitored\b|\breplies (?:to this (?:number|message) )?are not (?:monitored|read)\b/,
  /\bno[- ]reply\b/,
  // Can't take texts / bounces
  /\bthis (?:number|line|phone) (?:does not|doesn't|cannot|can't|can not|is unable to|is not able to|is not set up to) (?:accept|receive|support|send or receive|get) (?:text|sms)/,
  /\b(?:text|sms) messages? (?:are|is) not (?:supported|accepted|monitored)\b/,
  /\b(?:message|text|sms) (?:could not|couldn't|cannot|can't|was not|wasn't|failed to) (?:be )?deliver/,
  /\bundeliverable\b|\bdelivery (?:failed|failure)\b|\bmessage not delivered\b/,
  // Another business's bots: their own opt-out footer or text-back
  /\b(?:reply|text) stop to (?:opt[- ]?out|unsubscribe|end|cancel|stop)\b/,
  /\bmsg ?(?:&|and) ?data rates may apply\b/,
  /\bsorry we missed your call\b/,
  /\bthanks? (?:you )?for (?:your (?:message|text)|texting|contacting|reaching out)\b.*\b(?:we|we'll|someone|a team member) (?:will )?(?:get back|respond|reply|be in touch|contact you)\b.*\b(?:as soon as possible|asap|shortly|soon|within|during business hours)\b/,
];

/**
 * True when an inbound text looks machine-written (auto-reply, away message, bounce, another
 * bot), so the agent should not answer it automatically.
 *
 * Judgement call: "auto-reply" counts only as a label ("Auto-reply: …", "[Auto-Reply]", at the
 * start, or "this is an automated reply"), so "can you auto-reply me the price?" is a customer and
 * returns false; so does "Is this an automated message?".
 */
export function looksLikeAutomatedMessage(body: string): boolean {
  if (typeof body !== 'string') return false;
  const t = normalise(body);
  if (t === '') return false;
  return PATTERNS.some((re) => re.test(t));
}
