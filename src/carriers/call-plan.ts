/**
 * What should happen next on a call, in carrier-neutral terms. The services decide a plan; each
 * carrier renders it (Twilio: TwiML). Keeping decisions out of TwiML keeps them testable and lets
 * a second carrier reuse them.
 */
export type CallPlan =
  /** Ring the business's phones; report back through the dial-result webhook. */
  | { kind: 'dial'; callId: string; targets: string[]; timeoutSeconds: number; screening: 'none' | 'press-1' }
  /** Play the greeting and record a message. */
  | { kind: 'voicemail'; callId: string; greeting: string; transcribe: boolean; maxLengthSeconds: number }
  /** Say something (or nothing) and hang up. */
  | { kind: 'hangup'; say?: string }
  /** The whisper the answering phone hears before it is connected: press 1 to accept. */
  | { kind: 'screen'; callId: string; prompt: string }
  /** Connect the screened call (the answering phone pressed 1). */
  | { kind: 'connect' };

export const VOICEMAIL_MAX_LENGTH_SECONDS = 120;
