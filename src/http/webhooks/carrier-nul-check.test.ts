import { describe, expect, it } from 'vitest';
import { refuseNulOutsideFreeText } from './carrier-nul-check.js';

describe('refuseNulOutsideFreeText', () => {
  it("lets a NUL through in the customer's text, in Twilio's form params and in Telnyx's JSON", () => {
    expect(() => refuseNulOutsideFreeText({ MessageSid: 'SM1', Body: 'hi\u0000there' })).not.toThrow();
    expect(() => refuseNulOutsideFreeText({ data: { event_type: 'message.received', payload: { id: 'm1', text: 'hi\u0000there' } } })).not.toThrow();
  });

  it('refuses a NUL in an id or a number, naming the field (Telnyx JSON included)', () => {
    expect(() => refuseNulOutsideFreeText({ CallSid: 'CA\u00001' })).toThrow(/CallSid: contains a NUL/);
    expect(() => refuseNulOutsideFreeText({ data: { payload: { id: 'm\u00001', text: 'ok' } } })).toThrow(/data\.payload\.id: contains a NUL/);
    expect(() => refuseNulOutsideFreeText({ data: { payload: { from: { phone_number: '+1555\u0000' } } } })).toThrow(/data\.payload\.from\.phone_number/);
  });
});
