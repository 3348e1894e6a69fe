/**
 * Renders a carrier-neutral CallPlan as Twilio TwiML. Written as strings (twiml-xml.ts), not with
 * the SDK's VoiceResponse builder, because the builder was a measurable share of a missed call's CPU;
 * the output is the builder's, byte for byte (twiml.test.ts holds the SDK as the oracle), so element
 * and attribute names and their order are the ones the SDK writes.
 */
import type { CallPlan } from '../call-plan.js';
import { isSipUri } from '../../domain/phone.js';
import { XML_DECLARATION, escapeXmlText, xmlElement, type AttributeValue } from './twiml-xml.js';

export interface TwimlUrls {
  /** Base for the URLs the TwiML names (dial result, screening, voicemail). */
  webhookBase: string;
  /**
   * The <Say> voice; null leaves it to the platform's default. SignalWire's cXML mirrors TwiML, so
   * its adapter renders with this too, without Twilio's Polly voice name.
   */
  voice?: 'Polly.Joanna' | null;
}

const HANGUP = '<Hangup/>';

function response(content: string): string {
  return `${XML_DECLARATION}${xmlElement('Response', null, content)}`;
}

const EMPTY_TWIML = response('');

export function renderCallPlan(plan: CallPlan, urls: TwimlUrls): string {
  const base = urls.webhookBase;
  const voice = urls.voice === undefined ? 'Polly.Joanna' : urls.voice;
  const say = (text: string): string => xmlElement('Say', voice ? { voice } : null, escapeXmlText(text));
  switch (plan.kind) {
    case 'dial': {
      const q = `call=${encodeURIComponent(plan.callId)}`;
      const screen: Record<string, AttributeValue> | null = plan.screening === 'press-1' ? { url: `${base}/voice/screen?${q}` } : null;
      let targets = '';
      for (const target of plan.targets) targets += xmlElement(isSipUri(target) ? 'Sip' : 'Number', screen, escapeXmlText(target));
      // answerOnBridge keeps the caller's leg unanswered until a person is bridged, so the parent
      // call's own status also tells a missed call apart (twilio-facts §1.2).
      const dial = xmlElement('Dial', { action: `${base}/voice/dial?${q}`, method: 'POST', timeout: plan.timeoutSeconds, answerOnBridge: true }, targets);
      return response(dial);
    }
    case 'voicemail': {
      const q = `call=${encodeURIComponent(plan.callId)}`;
      const record = xmlElement('Record', {
        action: `${base}/voice/voicemail?${q}`,
        method: 'POST',
        maxLength: plan.maxLengthSeconds,
        playBeep: true,
        timeout: 5,
        ...(plan.transcribe ? { transcribe: true, transcribeCallback: `${base}/voice/transcription?${q}` } : {}),
      });
      return response(say(plan.greeting) + record + HANGUP);
    }
    case 'hangup':
      return response((plan.say ? say(plan.say) : '') + HANGUP);
    case 'screen': {
      const q = `call=${encodeURIComponent(plan.callId)}`;
      const gather = xmlElement('Gather', { numDigits: 1, timeout: 6, action: `${base}/voice/screen/answer?${q}`, method: 'POST' }, say(plan.prompt));
      // No key pressed (a personal voicemail, say): hang up this leg, the caller is not bridged.
      return response(gather + HANGUP);
    }
    case 'connect':
      // An empty response ends the whisper and Twilio bridges the two legs.
      return EMPTY_TWIML;
  }
}

/** An empty TwiML document (messaging webhooks: no reply in the HTTP response). */
export function emptyTwiml(): string {
  return EMPTY_TWIML;
}
