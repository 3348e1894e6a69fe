/**
 * The agent's handoff reasons in words a team member reads in the inbox and in the alert text.
 */
const WORDS: Record<string, string> = {
  asked_for_human: 'The customer asked for a person',
  cannot_help: "The AI couldn't answer from what it knows",
  booking_request: 'The customer wants to book',
  complaint: 'The customer is unhappy',
  opt_out: 'The customer asked to stop texts',
  other: 'The AI asked for a person',
  model_error: 'The AI model failed to answer',
  daily_cap: 'The AI reached its daily limit for this customer',
  guardrail: 'The AI held its reply back',
};

/** "The customer wants to book: Wants someone Tuesday morning" (the note, when there is one, after a colon). */
export function handoffReasonInWords(reason: string, note?: string | null): string {
  const base = WORDS[reason] ?? `The AI handed off (${reason.replace(/_/g, ' ')})`;
  const extra = note?.trim();
  return (extra && !extra.startsWith('The builtin assistant handed off') ? `${base}: ${extra}` : base).slice(0, 300);
}
