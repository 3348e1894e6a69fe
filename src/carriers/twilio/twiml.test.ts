/**
 * TwiML is written as strings (twiml.ts); the twilio SDK's VoiceResponse builder, which wrote it
 * before, is the oracle: every plan kind and option, with hostile text in every place a string goes,
 * must come out byte for byte as the SDK writes it, and parse back to the text that went in.
 */
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { parseXml, type TwimlElement } from '../../../test/support/twilio-call-driver.js';
import type { CallPlan } from '../call-plan.js';
import { isSipUri } from '../../domain/phone.js';
import { emptyTwiml, renderCallPlan, type TwimlUrls } from './twiml.js';

/** The renderer as it was, with the SDK's builder: the oracle. */
function renderWithSdk(plan: CallPlan, urls: TwimlUrls): string {
  const vr = new twilio.twiml.VoiceResponse();
  const base = urls.webhookBase;
  const voice = urls.voice === undefined ? 'Polly.Joanna' : urls.voice;
  const VOICE = voice ? { voice } : {};
  switch (plan.kind) {
    case 'dial': {
      const q = `call=${encodeURIComponent(plan.callId)}`;
      const dial = vr.dial({ action: `${base}/voice/dial?${q}`, method: 'POST', timeout: plan.timeoutSeconds, answerOnBridge: true });
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
      vr.gather({ numDigits: 1, timeout: 6, action: `${base}/voice/screen/answer?${q}`, method: 'POST' }).say(VOICE, plan.prompt);
      vr.hangup();
      break;
    }
    case 'connect':
      break;
  }
  return vr.toString();
}

// Everything XML treats specially, and what people paste into a greeting.
const HOSTILE = [
  'Thanks for calling "Bob\'s Plumbing" & Sons',
  '&amp; is already an entity; &#x41; too',
  '<Hangup/> </Say><Say>injected',
  'a ]]> b <![CDATA[ c ]]> <!-- d --> <?pi e?>',
  'emoji 😀📞 and accents é ñ ü, CJK 電話',
  'lines\none\r\ntwo\rthree\ttab',
  'odd spaces \u00a0\u0085\u2028\u2029 and \ufffd',
  '',
  ' ',
];
const BASES = ['https://tb.example.com/webhooks/twilio', 'https://tb.example.com/a&b="c"<d>\'e\'/\t\n\r x'];
const TARGETS = [[], ['+15550109998'], ['+15550109998', 'sip:alice@pbx.example.com:5060;transport=tls', 'sip:a&b@pbx.example.com'], HOSTILE];

function plans(): CallPlan[] {
  const out: CallPlan[] = [{ kind: 'connect' }, { kind: 'hangup' }];
  for (const text of HOSTILE) {
    out.push({ kind: 'hangup', say: text });
    out.push({ kind: 'screen', callId: text, prompt: text });
    for (const transcribe of [false, true]) out.push({ kind: 'voicemail', callId: text, greeting: text, transcribe, maxLengthSeconds: 120 });
  }
  for (const targets of TARGETS) {
    for (const screening of ['none', 'press-1'] as const) {
      for (const callId of ['call_01JD0000000000000000000000', HOSTILE[0] as string]) out.push({ kind: 'dial', callId, targets, timeoutSeconds: 20, screening });
    }
  }
  return out;
}

function allUrls(): TwimlUrls[] {
  return BASES.flatMap((webhookBase) => [{ webhookBase }, { webhookBase, voice: 'Polly.Joanna' as const }, { webhookBase, voice: null }]);
}

/** Every text node of the document, in order: what a voice engine would say or dial. */
function texts(el: TwimlElement): string[] {
  return [...(el.text === '' ? [] : [el.text]), ...el.children.flatMap(texts)];
}

describe('TwiML rendering', () => {
  it('writes every plan kind and option exactly as the SDK builder does, hostile strings included', () => {
    let compared = 0;
    for (const urls of allUrls()) {
      for (const plan of plans()) {
        expect(renderCallPlan(plan, urls), JSON.stringify({ plan, urls })).toBe(renderWithSdk(plan, urls));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('writes the empty document the SDK writes', () => {
    expect(emptyTwiml()).toBe(new twilio.twiml.MessagingResponse().toString());
    expect(emptyTwiml()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('parses back to the very text and URLs that went in', () => {
    for (const text of HOSTILE.filter((t) => t !== '')) {
      const base = BASES[1] as string;
      const doc = parseXml(renderCallPlan({ kind: 'voicemail', callId: text, greeting: text, transcribe: true, maxLengthSeconds: 120 }, { webhookBase: base }));
      const response = doc.children[0] as TwimlElement;
      expect(response.children.map((c) => c.name)).toEqual(['Say', 'Record', 'Hangup']);
      expect(texts(response)).toEqual([text]);
      expect(response.children[1]?.attrs).toEqual({
        action: `${base}/voice/voicemail?call=${encodeURIComponent(text)}`,
        method: 'POST',
        maxLength: '120',
        playBeep: 'true',
        timeout: '5',
        transcribe: 'true',
        transcribeCallback: `${base}/voice/transcription?call=${encodeURIComponent(text)}`,
      });
    }
  });

  it('refuses characters XML 1.0 cannot carry, in text as the SDK does and in attributes where the SDK wrote an ill-formed document', () => {
    for (const bad of ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\ufffe', '\uffff', '\ud800', 'x\udc00']) {
      const inText: CallPlan = { kind: 'hangup', say: `hello ${bad}` };
      expect(() => renderWithSdk(inText, { webhookBase: BASES[0] as string })).toThrow(/Invalid character/);
      expect(() => renderCallPlan(inText, { webhookBase: BASES[0] as string })).toThrow(/Invalid character/);
      const inTarget: CallPlan = { kind: 'dial', callId: 'c', targets: [`+1555${bad}`], timeoutSeconds: 20, screening: 'none' };
      expect(() => renderCallPlan(inTarget, { webhookBase: BASES[0] as string })).toThrow(/Invalid character/);
      // The SDK does not check attribute values: it wrote the character raw, which no XML parser accepts.
      const inAttribute: CallPlan = { kind: 'dial', callId: 'c', targets: ['+15550109998'], timeoutSeconds: 20, screening: 'none' };
      expect(() => renderCallPlan(inAttribute, { webhookBase: `https://tb${bad}/webhooks/twilio` })).toThrow(/Invalid character/);
    }
  });
});
