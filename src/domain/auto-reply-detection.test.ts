import { describe, it, expect } from 'vitest';
import { looksLikeAutomatedMessage } from './auto-reply-detection.js';

describe('looksLikeAutomatedMessage', () => {
  it.each([
    'This is an automated message. Please do not reply.',
    'This is an automated response from Bright Dental.',
    'Auto-reply: I am away until Monday.',
    '[Automatic reply] Thanks for your message',
    'AUTO REPLY: on vacation',
    'Autoreply - I will get back to you',
    "I'm Driving with Do Not Disturb While Driving turned on. I'll see your message when I get where I'm going.",
    "I'm driving right now - I'll get back to you later.",
    'I’m driving.',
    'Driving Mode is on. I will reply later.',
    'Jordan has notifications silenced with Focus.',
    "I'm currently unavailable and will respond as soon as possible.",
    'I am currently out of the office and will reply when I return.',
    'Out of office: back on the 12th',
    'I am out of the office until January 5 with limited access to messages.',
    'Do not reply to this message.',
    'Please do not reply to this text. This number is not monitored.',
    'Replies to this number are not monitored.',
    'This number does not accept text messages. Please call 555-0100.',
    "This number can't receive SMS.",
    'Message could not be delivered to the recipient.',
    'Your message was not delivered. Undeliverable.',
    'Thanks for texting Joe’s Pizza! Reply STOP to opt out.',
    'Hi! Sorry we missed your call. How can we help?',
    'Thank you for contacting Smith HVAC. A team member will get back to you shortly.',
    'Msg & data rates may apply.',
  ])('%j is automated', (body) => {
    expect(looksLikeAutomatedMessage(body)).toBe(true);
  });

  it.each([
    "I'll reply when I'm home",
    'can you auto-reply me the price?', // a customer asking about auto-replies, not one
    'Is this an automated message?',
    "I'm driving over now, be there in 10",
    "I'm driving to work, can you call after 5?",
    "Sorry I missed your call, what's up?",
    "I'm out of the office today, come tomorrow",
    'Do you reply on weekends?',
    'Yes please come at 3',
    'Thanks for your message, Tuesday works',
    'My water heater is not delivering hot water',
    'The automatic sprinkler is broken',
    'STOP',
    'Who is this?',
    '',
  ])('%j is a person', (body) => {
    expect(looksLikeAutomatedMessage(body)).toBe(false);
  });
});
