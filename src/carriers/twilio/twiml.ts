/**
 * Renders a carrier-neutral CallPlan as Twilio TwiML with the official builder.
 */
import twilio from 'twilio';
import type { CallPlan } from '../call-plan.js';
import { isSipUri } from '../../domain/phone.js';

export interface TwimlUrls {
  /** Base for the URLs the TwiML names (dial result, screening, voicemail). */
  webhookBase: string;
  /**
   * The <Say> voice; null leaves it to the platform's default. SignalWire's cXML mirrors TwiML, so
   * its adapter renders with this builder too, without Twilio's Polly voice name.
   */
  voice?: 'Polly.Joanna' | null;
}

export function renderCallPlan(plan: CallPlan, urls: TwimlUrls): string {
  const vr = new twilio.twiml.VoiceResponse();
  const base = urls.webhookBase;
  const voice = urls.voice === undefined ? 'Polly.Joanna' : urls.voice;
  const VOICE = voice ? { voice } : {};
  switch (plan.kind) {
    case 'dial': {
      const q = `call=${encodeURIComponent(plan.callId)}`;
      // answerOnBridge keeps the caller's leg unanswered until a person is bridged, so the parent
      // call's own status also tells a missed call apart (twilio-facts §1.2).
      const dial = vr.dial({
        action: `${base}/voice/dial?${q}`,
        method: 'POST',
        timeout: plan.timeoutSeconds,
        answerOnBridge: true,
      });
      const screenUrl = plan.screening === 'press-1' ? `${base}/voice/screen?${q}` : undefined;
      for (const target of plan.targets) {
        if (isSipUri(target)) dial.sip(screenUrl ? { url: screenUrl } : {}, target);
        else dial.number(screenUrl ? { url: screenUrl } : {}, target);
      }
      break;
    }
    case 'voicemail': {
      const q = `call=${encodeURIComponent(plan.callId)}`;
      vr.say(VOICE, plan.greeting);
      vr.record({
        action: `${base}/voice/voicemail?${q}`,
        method: 'POST',
        maxLength: plan.maxLengthSeconds,
        playBeep: true,
        timeout: 5,
        ...(plan.transcribe ? { transcribe: true, transcribeCallback: `${base}/voice/transcription?${q}` } : {}),
      });
      vr.hangup();
      break;
    }
    case 'hangup':
      if (plan.say) vr.say(VOICE, plan.say);
      vr.hangup();
      break;
    case 'screen': {
      const q = `call=${encodeURIComponent(plan.callId)}`;
      const gather = vr.gather({ numDigits: 1, timeout: 6, action: `${base}/voice/screen/answer?${q}`, method: 'POST' });
      gather.say(VOICE, plan.prompt);
      // No key pressed (a personal voicemail, say): hang up this leg, the caller is not bridged.
      vr.hangup();
      break;
    }
    case 'connect':
      // An empty response ends the whisper and Twilio bridges the two legs.
      break;
  }
  return vr.toString();
}

/** An empty TwiML document (messaging webhooks: no reply in the HTTP response). */
export function emptyTwiml(): string {
  return new twilio.twiml.MessagingResponse().toString();
}
