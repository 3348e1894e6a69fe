import { describe, expect, it } from 'vitest';
import { isHeadingLine, labelledValue, sentencesFor, tableCells } from './compose-answer.js';

const passage = (title: string, text: string) => ({ title, text, score: 1, confidence: 1 });

describe('reading an owner\'s price list', () => {
  it('reads dotted leaders and a dash before an amount as "label: value"', () => {
    expect(labelledValue('Small lawn (under 1/4 acre) ..... $45')).toBe('Small lawn (under 1/4 acre): $45');
    expect(labelledValue('Spring cleanup - from $250')).toBe('Spring cleanup: from $250');
    expect(labelledValue('Drop off is 7:30 - 8:00 AM')).toBe('Drop off is 7:30 - 8:00 AM');
  });

  it('answers a price line with its label and amount, under its heading', () => {
    const text = 'Other services\n* Spring cleanup - from $250\n* Mulch - $85 per cubic yard, installed\n* Hedge trimming - $60/hour';
    expect(sentencesFor(passage('Price list', text), 'what does mulch cost')[0]).toBe('Other services: Mulch: $85 per cubic yard, installed.');
  });
});

describe('tables pasted every way', () => {
  it('reads rows with outer bars, without them, and tab-separated', () => {
    expect(tableCells('| Haircut | $35 |')).toEqual(['Haircut', '$35']);
    expect(tableCells('Haircut | $35')).toEqual(['Haircut', '$35']);
    expect(tableCells('Haircut\t$35')).toEqual(['Haircut', '$35']);
    expect(tableCells('We are open Monday to Friday.')).toBeNull();
  });

  it('leaves out a dash cell ("not offered") and names the column of the one value left', () => {
    const text = '| Vaccine | Dogs | Cats |\n|---|---|---|\n| DHPP | $35 | - |\n| Rabies | $28 | $28 |';
    expect(sentencesFor(passage('Vaccines', text), 'what is DHPP')[0]).toBe('DHPP: Dogs $35.');
  });

  it('answers a row with its label and its column names', () => {
    const text = 'Size\tServes\tPrice\n6 inch\t8-10\t$45\nHalf sheet\t48\t$120';
    expect(sentencesFor(passage('Cakes', text), 'how much is a half sheet')[0]).toBe('Half sheet: Serves 48, Price $120.');
  });
});

describe('headings', () => {
  it('says a verbless line with the heading it was written under', () => {
    const text = "What we don't do\nTree removal, irrigation or sprinkler repair, and hardscaping (patios, retaining walls). We're happy to refer you.";
    expect(sentencesFor(passage('Services', text), 'do you do tree removal')[0]).toBe(
      "What we don't do: Tree removal, irrigation or sprinkler repair, and hardscaping (patios, retaining walls).",
    );
  });

  it('takes a short verbless line ending in a parenthesis for a heading, never quoting it', () => {
    expect(isHeadingLine('Mowing prices (per visit)', 'Small lawn ..... $45')).toBe(true);
    expect(isHeadingLine('We are open (weekdays)', 'More text')).toBe(false);
    const reply = sentencesFor(passage('Price list', 'Mowing prices (per visit)\nSmall lawn ..... $45\nLarge lawn ..... $85'), 'price for mowing a small yard');
    expect(reply.join(' ')).not.toMatch(/^Mowing prices \(per visit\)\.?$/);
    expect(reply.join(' ')).toContain('$45');
  });

  it('does not prefix an FAQ answer with its question', () => {
    const text = '**What should I bring to the first visit?**\nAny previous vaccine records and a list of medications.';
    expect(sentencesFor(passage('New clients', text), 'what should i bring')[0]).toBe('Any previous vaccine records and a list of medications.');
  });
});
