import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { countSmsSegments, cutAtBoundary, fitSms, smsEncoding, stripMarkdown, toGsmFriendly } from './fit-sms.js';

const segmentsByTwilio = (text: string): number => new SegmentedMessage(text).segmentsCount;

describe('smsEncoding and countSmsSegments', () => {
  it('picks GSM-7 for plain text and UCS-2 for emoji or non-GSM letters', () => {
    expect(smsEncoding('Hello, £5 and é are GSM {ok}')).toBe('GSM-7');
    expect(smsEncoding('Thanks 👍')).toBe('UCS-2');
    expect(smsEncoding('Привет')).toBe('UCS-2');
  });

  it('agrees with sms-segments-calculator at and around the boundaries', () => {
    const samples = [
      '',
      'a'.repeat(160),
      'a'.repeat(161),
      'a'.repeat(306),
      'a'.repeat(307),
      `${'a'.repeat(152)}{${'a'.repeat(10)}`, // an escape pair that would straddle a segment
      '€'.repeat(80),
      '€'.repeat(81),
      `${'é'.repeat(69)}👍`,
      `${'a'.repeat(66)}👍${'a'.repeat(10)}`, // a surrogate pair at the 67-unit edge
      'ü'.repeat(70),
      'Ж'.repeat(71),
      'Ж'.repeat(134),
      'Ж'.repeat(135),
    ];
    for (const text of samples) expect(countSmsSegments(text), JSON.stringify(text.slice(0, 20))).toBe(segmentsByTwilio(text));
  });
});

describe('stripMarkdown', () => {
  it('removes emphasis, headings, bullets, quotes and code, and keeps a link\'s url', () => {
    const md = '# Pricing\n**Diagnostic** fee is *$89*.\n- Visa\n* Cash\n> quoted\n`code`\n_Yes_, see [our site](https://acme.example/prices).';
    expect(stripMarkdown(md)).toBe('Pricing\nDiagnostic fee is $89.\nVisa\nCash\nquoted\ncode\nYes, see https://acme.example/prices.');
  });

  it('leaves plain text, numbered lists, emails and snake_case alone', () => {
    expect(stripMarkdown('1. Shut the valve\n2. Call us at help_desk@acme.example')).toBe(
      '1. Shut the valve\n2. Call us at help_desk@acme.example',
    );
    expect(stripMarkdown('5 * 3 = 15')).toBe('5 * 3 = 15');
    expect(stripMarkdown('ask for the file_name_v2 form')).toBe('ask for the file_name_v2 form');
  });
});

describe('toGsmFriendly', () => {
  it('folds typographic punctuation that would force UCS-2', () => {
    expect(toGsmFriendly('We’re open – “24/7”… really')).toBe('We\'re open - "24/7"... really');
    expect(smsEncoding(toGsmFriendly('It’s “fine” — ok'))).toBe('GSM-7');
  });
});

describe('cutAtBoundary', () => {
  it('cuts at the last sentence end when it keeps enough of the room', () => {
    expect(cutAtBoundary('First sentence here. Second sentence is longer than the room.', 40)).toBe('First sentence here.');
  });

  it('otherwise cuts at a word and adds "..."', () => {
    expect(cutAtBoundary('Short. Then a very long sentence that goes on and on', 40)).toBe('Short. Then a very long sentence that...');
  });

  it('does not treat a decimal point as a sentence end', () => {
    expect(cutAtBoundary('The fee is $89.50 for the visit today only', 14)).toBe('The fee is...');
  });

  it('returns text that fits unchanged', () => {
    expect(cutAtBoundary('Fits.', 10)).toBe('Fits.');
  });
});

describe('fitSms', () => {
  it('returns short text cleaned but otherwise unchanged', () => {
    expect(fitSms('**Yes**, we’re open!')).toBe("Yes, we're open!");
  });

  it('fits long GSM text into 2 segments (306 chars) at a sentence boundary', () => {
    const sentence = 'We repair and replace tank and tankless water heaters. ';
    const out = fitSms(sentence.repeat(10));
    expect(out.length).toBeLessThanOrEqual(306);
    expect(segmentsByTwilio(out)).toBeLessThanOrEqual(2);
    expect(out.endsWith('heaters.')).toBe(true);
  });

  it('respects maxSegments', () => {
    const out = fitSms('word '.repeat(200), { maxSegments: 1 });
    expect(segmentsByTwilio(out)).toBe(1);
    expect(out.endsWith('word...')).toBe(true);
    expect(out.length).toBeLessThanOrEqual(160);
  });

  it('budgets UCS-2 text at 67 per segment when it holds an emoji', () => {
    const out = fitSms(`Thanks 👍 ${'we will help you today. '.repeat(20)}`);
    expect(segmentsByTwilio(out)).toBeLessThanOrEqual(2);
    expect(out.length).toBeLessThanOrEqual(134);
    expect(out.length).toBeGreaterThan(100);
  });

  it('never exceeds the budget, whatever the text', () => {
    const pieces = ['Hi!', 'The fee is $89.', '{braces}', '€', 'émoji 😀', 'Ж', 'word', ' ', '\n', 'supercalifragilistic'];
    let seed = 7;
    for (let i = 0; i < 300; i++) {
      let text = '';
      const n = 20 + (i % 120);
      for (let j = 0; j < n; j++) {
        seed = (seed * 48271) % 2147483647;
        text += `${pieces[seed % pieces.length]} `;
      }
      const maxSegments = 1 + (i % 3);
      expect(segmentsByTwilio(fitSms(text, { maxSegments }))).toBeLessThanOrEqual(maxSegments);
    }
  });
});
