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
  /** The phone simulator played this call on one of the workspace's numbers: a practice call. */
  practice?: boolean;
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
  /** As on IncomingCallEvent: the phone simulator played this call. */
  practice?: boolean;
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

/** A call a phone system (PBX) reported after the fact: it already knows how the call ended. */
export interface ReportedCallEvent {
  /** The phone system's own call id (stored as the call's carrier call id). */
  carrierCallId: string;
  from: string;
  to: string;
  status: 'answered' | 'missed' | 'voicemail';
  /** When the call happened, as the phone system says. */
  startedAt: number;
  forwardedFrom?: string;
  /** When we heard of it. */
  at: number;
}

/** The `carrier` value of calls reported through POST /api/v1/call-events. */
export const REPORTED_CALL_CARRIER = 'pbx';
