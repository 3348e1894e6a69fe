/**
 * Call events, normalized from any carrier's webhooks, and the call-row primitives they share.
 */
export interface IncomingCallEvent {
  carrier: string;
  carrierCallId: string;
  /** The caller as the carrier gave it (may be "anonymous"). */
  from: string;
  to: string;
  /** The line that forwarded the call here, as the carrier gave it (Twilio `ForwardedFrom`), if any. */
  forwardedFrom?: string | null;
  at: number;
}

export interface DialEndedEvent {
  callId: string;
  carrierCallId: string;
  dialStatus: string;
  bridged: boolean | undefined;
  at: number;
}

export interface CallEndedEvent {
  carrier: string;
  carrierCallId: string;
  from: string;
  to: string;
  status: string;
  at: number;
}

export interface VoicemailRecordedEvent {
  callId: string;
  url: string;
  recordingId: string;
  durationSeconds: number;
  at: number;
}

export interface VoicemailTranscribedEvent {
  callId: string;
  text: string;
  at: number;
}
