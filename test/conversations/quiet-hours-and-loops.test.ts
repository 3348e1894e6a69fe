/**
 * Quiet hours (automated texts wait for the window in the contact's own time zone; replies to a
 * contact who just wrote do not), and the guard against loops with other auto-responders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_KNOWLEDGE } from '../../src/agent/eval/sample-business.js';
import { startTwilioFixture, type TwilioFixture, type TwilioWorkspace } from '../support/twilio-fixture.js';

let f: TwilioFixture;

beforeAll(async () => {
  f = await startTwilioFixture();
});
afterAll(async () => f?.close());

const toPhone = (phone: string) => f.sim.messages.filter((m) => m.to === phone);

describe('quiet hours', () => {
  let w: TwilioWorkspace;
  let number: any;

  beforeAll(async () => {
    w = await f.addWorkspace('Quiet Plumbing');
    await f.t.api('PATCH', '/api/v1/workspace', { token: w.apiKey, body: { quietHours: { enabled: true, start: '20:00', end: '08:00' } } });
    number = await f.addNumber(w, '+15550100201', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  });

  it('hold a missed-call text until 8 am where the caller lives, not dropped', async () => {
    // 04:00 UTC: 22:00 in Chicago (312), 23:00 in New York (212).
    f.t.clock.set(Date.UTC(2026, 0, 20, 4, 0, 0));
    await f.call(w, number, { scenario: 'no-answer', from: '+13125550101' });
    await f.call(w, number, { scenario: 'no-answer', from: '+12125550101' });
    await f.t.drainJobs();
    expect(toPhone('+13125550101')).toHaveLength(0);
    expect(toPhone('+12125550101')).toHaveLength(0);

    f.t.clock.set(Date.UTC(2026, 0, 20, 13, 0, 0)); // 08:00 in New York, 07:00 in Chicago
    await f.t.drainJobs();
    expect(toPhone('+12125550101')).toHaveLength(1);
    expect(toPhone('+13125550101')).toHaveLength(0);

    f.t.clock.set(Date.UTC(2026, 0, 20, 14, 0, 0)); // 08:00 in Chicago
    await f.t.drainJobs();
    expect(toPhone('+13125550101')).toHaveLength(1);
  });

  it('do not hold back a reply to a contact who just wrote (an opt-out in plain words at 11 pm)', async () => {
    f.t.clock.set(Date.UTC(2026, 0, 21, 5, 0, 0)); // 23:00 in Chicago
    // (HELP itself is answered by Twilio on Twilio numbers; a plain-words opt-out gets our confirmation.)
    await f.sim.sendInboundSms({ accountSid: w.accountSid, from: '+13125550102', to: number.number, body: 'Please stop texting me', smsUrl: number.webhooks.smsUrl });
    await f.t.drainJobs();
    expect(toPhone('+13125550102')).toHaveLength(1);
  });
});

describe('loop guard', () => {
  let w: TwilioWorkspace;
  let number: any;

  beforeAll(async () => {
    w = await f.addWorkspace('Loop Plumbing');
    number = await f.addNumber(w, '+15550100301', { forwardTo: ['+15550109999'] });
    for (const entry of SAMPLE_KNOWLEDGE) await f.t.api('POST', '/api/v1/knowledge', { token: w.apiKey, body: entry });
    await f.t.api('PUT', '/api/v1/agent', { token: w.apiKey, body: { enabled: true, debounceSeconds: 0 } });
    await f.t.api('PATCH', '/api/v1/workspace', { token: w.apiKey, body: { automatedRepliesPerHour: 3 } });
  });

  async function taggedContact(phone: string) {
    const res = await f.t.api('POST', '/api/v1/contacts', { token: w.apiKey, body: { phone, tags: ['smschat_ai'] } });
    expect(res.status).toBe(201);
  }
  const text = (from: string, body: string) =>
    f.sim.sendInboundSms({ accountSid: w.accountSid, from, to: number.number, body, smsUrl: number.webhooks.smsUrl });

  it('sends no automated reply to a message that looks like another system\'s auto-reply', async () => {
    await taggedContact('+15550107001');
    await text('+15550107001', "I'm driving right now and will get back to you later. (Sent by Driving Mode)");
    await text('+15550107001', 'This is an automated message. Please do not reply.');
    await f.t.drainJobs();
    expect(toPhone('+15550107001')).toHaveLength(0);
  });

  it('sends a contact no more than the hourly limit of automated replies', async () => {
    await taggedContact('+15550107002');
    for (const q of ['How much is your diagnostic fee?', 'Do you fix water heaters?', 'What areas do you serve?', 'Do you do drain cleaning?', 'Are you licensed?']) {
      await text('+15550107002', q);
      await f.t.drainJobs();
      f.t.clock.advance(60_000);
    }
    expect(toPhone('+15550107002')).toHaveLength(3);

    f.t.clock.advance(3_600_000);
    await text('+15550107002', 'Do you offer a warranty?');
    await f.t.drainJobs();
    expect(toPhone('+15550107002')).toHaveLength(4);
  });
});
