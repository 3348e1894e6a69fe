/**
 * Twilio's webhook parameter names, read into the carrier-neutral events of ../carrier.ts.
 * Parameter tables: ../../../docs/twilio.md and shared research twilio-facts.md §1–2 (Voice request
 * parameters, <Dial action>, <Record>, transcription and Messaging webhooks).
 */
import type {
  CarrierWebhookRequest,
  ParsedCallStatus,
  ParsedDialResult,
  ParsedIncomingCall,
  ParsedIncomingText,
  ParsedRecording,
  ParsedScreenLeg,
  ParsedTextStatus,
  ParsedTranscription,
} from '../carrier.js';

/** The form parameters as strings (the last value of a repeated key). */
export function twilioParams(req: Pick<CarrierWebhookRequest, 'params'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.params ?? {})) out[k] = Array.isArray(v) ? String(v[v.length - 1]) : String(v);
  return out;
}

const nonEmpty = (v: string | undefined) => (v && v.trim() ? v : undefined);

/**
 * A call that reaches Twilio through a SIP Domain (a PBX trunking to `<domain>.sip.twilio.com`) has
 * `sip:` URIs in To and From (`sip:+15550100000@acme.sip.twilio.com`). The number called is the
 * URI's user part, or the PBX's custom header `X-Textback-To` (Twilio passes custom `X-` headers as
 * `SipHeader_X-…` parameters) when its user part is an extension rather than the public number.
 */
function sipUser(value: string | undefined): string | undefined {
  const m = value ? /^sips?:([^@;]+)@/i.exec(value.trim()) : null;
  return m ? decodeURIComponent(m[1]!) : undefined;
}

function calledNumber(p: Record<string, string>): string {
  return nonEmpty(p['SipHeader_X-Textback-To']) ?? sipUser(p.To) ?? p.To ?? '';
}

function caller(p: Record<string, string>): string {
  return sipUser(p.From) ?? p.From ?? 'anonymous';
}

export function parseIncomingCall(req: CarrierWebhookRequest): ParsedIncomingCall | null {
  const p = twilioParams(req);
  if (!p.CallSid) return null;
  const forwardedFrom = nonEmpty(p.ForwardedFrom);
  return { carrierCallId: p.CallSid, from: caller(p), to: calledNumber(p), ...(forwardedFrom ? { forwardedFrom } : {}) };
}

export function parseCallStatus(req: CarrierWebhookRequest): ParsedCallStatus | null {
  const p = twilioParams(req);
  if (!p.CallSid || !p.CallStatus) return null;
  return { carrierCallId: p.CallSid, from: caller(p), to: calledNumber(p), status: p.CallStatus };
}

export function parseDialResult(req: CarrierWebhookRequest): ParsedDialResult {
  const p = twilioParams(req);
  return {
    carrierCallId: p.CallSid ?? '',
    dialStatus: p.DialCallStatus ?? 'failed',
    // DialBridged tells a screened-out leg (completed, not bridged) from a real answer (§1.3).
    bridged: p.DialBridged === undefined ? undefined : p.DialBridged.toLowerCase() === 'true',
  };
}

/** The answering phone's leg: its own CallSid, the caller's as ParentCallSid. */
export function parseScreenLeg(req: CarrierWebhookRequest): ParsedScreenLeg {
  const p = twilioParams(req);
  return { carrierCallId: p.ParentCallSid, digits: (p.Digits ?? '').trim() };
}

export function parseRecording(req: CarrierWebhookRequest): ParsedRecording {
  const p = twilioParams(req);
  return {
    carrierCallId: p.CallSid,
    url: nonEmpty(p.RecordingUrl) ?? null,
    recordingId: p.RecordingSid ?? '',
    durationSeconds: Number(p.RecordingDuration ?? 0) || 0,
  };
}

export function parseTranscription(req: CarrierWebhookRequest): ParsedTranscription {
  const p = twilioParams(req);
  return {
    carrierCallId: p.CallSid,
    text: nonEmpty(p.TranscriptionText) ?? null,
    completed: (p.TranscriptionStatus ?? 'completed') === 'completed',
  };
}

/**
 * Twilio's Advanced Opt-Out adds `OptOutType` (STOP, START, HELP) to the inbound webhook when the
 * text matched one of the Messaging Service's keywords, including custom ones (twilio-facts §2).
 */
const OPT_OUT_TYPES: Record<string, ParsedIncomingText['carrierKeyword']> = { STOP: 'stop', START: 'start', HELP: 'help' };

export function parseIncomingText(req: CarrierWebhookRequest): ParsedIncomingText {
  const p = twilioParams(req);
  const mediaCount = Math.min(10, Number(p.NumMedia ?? 0) || 0);
  const mediaUrls = Array.from({ length: mediaCount }, (_, i) => p[`MediaUrl${i}`]).filter((u): u is string => !!u);
  const keyword = OPT_OUT_TYPES[(p.OptOutType ?? '').trim().toUpperCase()];
  return {
    carrierMessageId: p.MessageSid ?? p.SmsMessageSid ?? p.SmsSid ?? null,
    from: p.From ?? '',
    to: p.To ?? '',
    body: p.Body ?? '',
    mediaUrls,
    ...(keyword ? { carrierKeyword: keyword } : {}),
  };
}

export function parseTextStatus(req: CarrierWebhookRequest): ParsedTextStatus {
  const p = twilioParams(req);
  return {
    carrierMessageId: p.MessageSid ?? p.SmsSid ?? null,
    status: p.MessageStatus ?? p.SmsStatus ?? null,
    errorCode: p.ErrorCode ? String(p.ErrorCode) : null,
  };
}
