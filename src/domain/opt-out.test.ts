import { describe, it, expect } from 'vitest';
import { OPT_IN_CONFIRMATION, OPT_OUT_CONFIRMATION, classifyInboundText, helpReply } from './opt-out.js';
import { countSegments } from './sms-segments.js';

describe('classifyInboundText: keywords', () => {
  it.each([
    ['STOP', 'opt_out', 'STOP'],
    ['Stop.', 'opt_out', 'STOP'],
    [' stop ', 'opt_out', 'STOP'],
    ['STOP!!', 'opt_out', 'STOP'],
    ['stop 🙏', 'opt_out', 'STOP'],
    ['"Stop"', 'opt_out', 'STOP'],
    ['ＳＴＯＰ', 'opt_out', 'STOP'],
    ['stopall', 'opt_out', 'STOPALL'],
    ['STOP ALL', 'opt_out', 'STOPALL'],
    ['Unsubscribe', 'opt_out', 'UNSUBSCRIBE'],
    ['cancel', 'opt_out', 'CANCEL'],
    ['End.', 'opt_out', 'END'],
    ['QUIT', 'opt_out', 'QUIT'],
    ['revoke', 'opt_out', 'REVOKE'],
    ['OPTOUT', 'opt_out', 'OPTOUT'],
    ['opt out', 'opt_out', 'OPTOUT'],
    ['Opt-Out', 'opt_out', 'OPTOUT'],
    ['START', 'opt_in', 'START'],
    ['unstop', 'opt_in', 'UNSTOP'],
    ['Yes!', 'opt_in', 'YES'],
    ['HELP', 'help', 'HELP'],
    ['help?', 'help', 'HELP'],
    ['Info', 'help', 'INFO'],
    ['STOP, I never signed up for this', 'opt_out', 'STOP'],
    ['UNSUBSCRIBE - wrong person', 'opt_out', 'UNSUBSCRIBE'],
  ] as const)('%j → %s %s', (body, kind, keyword) => {
    expect(classifyInboundText(body)).toEqual({ kind, keyword, via: 'keyword' });
  });
});

// Plain-words revocations (FCC 2024: "any reasonable means").
const OPT_OUT_PHRASES = [
  'please stop texting me',
  'stop texting me',
  'Stop messaging',
  'remove me from your list',
  'Take me off your list',
  'Please take me off this texting list',
  'unsubscribe me',
  "don't text me",
  'Don’t text me, call me instead',
  'do not text me again',
  'Never text this number again!',
  'no more texts',
  'No more messages please',
  'leave me alone',
  'wrong number, stop',
  'Wrong number',
  'You have the wrong number',
  'opt me out',
  'stop sending me messages',
  'Stop sending these texts',
  'I don’t want these texts',
  'I do not want to receive any more messages',
  'please stop',
  'STOP please',
  'Stop it!',
  'I said stop',
  'stop stop stop',
  'Please remove my number',
  'delete my number',
  'I never signed up for this',
  'stop contacting me',
  'I want to unsubscribe',
  'Quit texting me!',
  'I revoke my consent',
  'stop spamming me',
  'Stop calling me',
  'can you stop texting me',
  'I want you to stop texting me',
  'Remove me',
  'No texts please',
  'I do not consent to these messages',
  'I no longer want your texts',
  'No, stop',
  'Do not contact',
  'stop please no more',
];

describe('classifyInboundText: opt-out phrases', () => {
  it('has a big enough table', () => {
    expect(OPT_OUT_PHRASES.length).toBeGreaterThanOrEqual(25);
  });
  it.each(OPT_OUT_PHRASES)('%j → opt_out', (body) => {
    const r = classifyInboundText(body);
    expect(r?.kind).toBe('opt_out');
    expect(r?.keyword.length).toBeGreaterThan(0);
  });
});

// Ordinary customer texts that merely contain the words.
const ORDINARY = [
  'can you stop by tomorrow?',
  "my faucet won't stop dripping",
  "the leak doesn't end",
  'cancel my appointment',
  'I need to cancel and reschedule for Friday',
  'yes please come at 3',
  'help, my basement is flooding',
  'Can I get more info on pricing?',
  'Can you stop at the hardware store for the part?',
  "The water won't stop running",
  "I can't stop the toilet from running",
  'The dripping finally stopped',
  'Stop sign on the corner, blue house',
  'Stop, the water is everywhere',
  "I'm at the end of the street",
  'End of day works for me',
  'Please text me the address',
  "Text me when you're on your way",
  'Can you message me the invoice?',
  "Don't call, just text me",
  'Please remove the old water heater too',
  'Take me off the Tuesday schedule and put me on Thursday',
  'Remove me from the waitlist',
  'I gave you the wrong number, use this one',
  'You sent the wrong person yesterday, the tech had no parts',
  'The thermostat keeps sending alerts, can you stop them?',
  'No more leaks since you fixed it, thanks!',
  "Don't stop the service, I'll pay tomorrow",
  'Who is this?',
  'Thanks! See you then',
  'How much to fix a running toilet?',
  'Start time 9am works',
  'Quit my job so I am free any time',
  '',
  '   ',
  '🙏',
];

describe('classifyInboundText: ordinary messages', () => {
  it('has a big enough table', () => {
    expect(ORDINARY.length).toBeGreaterThanOrEqual(25);
  });
  it.each(ORDINARY)('%j → null', (body) => {
    expect(classifyInboundText(body)).toBeNull();
  });
});

describe('confirmations and help', () => {
  it('opt-out confirmation names the business, says how to come back, and is one GSM-7 segment', () => {
    const text = OPT_OUT_CONFIRMATION('Acme Plumbing');
    expect(text).toMatch(/^Acme Plumbing: /);
    expect(text).toMatch(/START/);
    expect(countSegments(text, { smartEncoding: false })).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('opt-in confirmation says how to stop again', () => {
    const text = OPT_IN_CONFIRMATION('Acme Plumbing');
    expect(text).toMatch(/^Acme Plumbing: /);
    expect(text).toMatch(/STOP/);
    expect(countSegments(text, { smartEncoding: false })).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('help reply carries the contact line and the STOP instruction', () => {
    expect(helpReply('Acme Plumbing', 'Call us at (555) 010-0001')).toBe(
      'Acme Plumbing: Call us at (555) 010-0001. Reply STOP to opt out. Msg&data rates may apply.',
    );
    expect(helpReply('Acme Plumbing', '  ')).toBe('Acme Plumbing: Reply STOP to opt out. Msg&data rates may apply.');
    expect(helpReply('', 'Call 555-0100!')).toBe('Call 555-0100! Reply STOP to opt out. Msg&data rates may apply.');
  });
});
