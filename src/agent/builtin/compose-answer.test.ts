import { describe, expect, it } from 'vitest';
import { isHeadingLine, labelledValue } from '../knowledge/passage-structure.js';
import { tableCells } from '../knowledge/table-rows.js';
import { answerFromPassage, sentencesFor } from './compose-answer.js';

const passage = (title: string, text: string) => ({ title, text, score: 1, confidence: 1 });

describe('reading an owner\'s price list', () => {
  it('reads dotted leaders and a dash before an amount as "label: value"', () => {
    expect(labelledValue('Small lawn (under 1/4 acre) ..... $45')).toBe('Small lawn (under 1/4 acre): $45');
    expect(labelledValue('Spring cleanup - from $250')).toBe('Spring cleanup: from $250');
    // in any currency
    expect(labelledValue('Small unit (25 sq ft) ..... £45')).toBe('Small unit (25 sq ft): £45');
    expect(labelledValue('Half-day hire – from €80')).toBe('Half-day hire: from €80');
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

describe('answering from the structure of a passage', () => {
  it('lets a heading\'s words pick the lines under it', () => {
    const text = '## Root canals\nThis takes two visits, a week apart.\n\n## Crowns\nThis takes one visit of about two hours.';
    expect(sentencesFor(passage('Treatments', text), 'how long does a crown take')).toEqual(['This takes one visit of about two hours.']);
    expect(sentencesFor(passage('Treatments', text), 'how long is a root canal')).toEqual(['This takes two visits, a week apart.']);
  });

  it('answers with the table row the question names, said with its columns', () => {
    const text = '| Service | Price |\n|---|---|\n| New patient exam and cleaning | $159 |\n| Returning patient exam and cleaning | $129 |';
    expect(sentencesFor(passage('Prices', text), "how much is a cleaning if i'm a returning patient")[0]).toBe('Returning patient exam and cleaning: $129.');
  });

  it('prefers the line that names the question\'s words itself over one that has them only from its heading', () => {
    const text = 'Spay and neuter surgery\nCat neuter: $180\nCat spay: $250\nDog neuter: $300 to $450';
    expect(sentencesFor(passage('Surgery', text), 'how much is a cat spay')).toEqual(['Cat spay: $250.']);
  });

  it('reads "label: value" lines as a list, keeping out the neighbours that lack what the question names', () => {
    const text = 'Individual returns\nSimple return (W-2 income only): $175\nAmended return: $150\nExtension filing: $40';
    expect(sentencesFor(passage('Fees', text), 'how much do you charge for a simple return? just a w2')).toEqual([
      'Individual returns: Simple return (W-2 income only): $175.',
    ]);
  });

  it('answers with the list under the lead-in the question matches, not the prose after it', () => {
    const text = 'Bring to your appointment:\n- Photo ID\n- Your insurance card\n\nYou can also upload documents to our portal.';
    const reply = sentencesFor(passage('Visits', text), 'what do i need to bring to my appointment');
    expect(reply).toEqual(['Bring to your appointment: Photo ID.', 'Your insurance card.']);
  });

  it('answers from the FAQ pair whose question matches, in prose with several pairs', () => {
    const text = 'Do you take cards? Yes, all major cards. Do you work weekends? Saturdays from 8 to noon.';
    expect(sentencesFor(passage('FAQ', text), 'are you open on the weekend')).toEqual(['Saturdays from 8 to noon.']);
  });

  it('answers each of two questions asked of one passage with its own unit', () => {
    const text = 'Workmanship warranty: 10 years on a new roof, 1 year on repairs. Shingles carry a 30-year limited warranty. The warranty transfers once if you sell your home.';
    const reply = sentencesFor(passage('Warranty', text), 'how many years is the workmanship warranty and does it transfer if we sell?').join(' ');
    expect(reply).toContain('10 years');
    expect(reply).toContain('transfers once');
  });

  it('never puts markdown syntax in a reply', () => {
    const text =
      '# Prices\n**Cleaning**\n| Item | Price |\n|---|---|\n| **Deep clean** | $240 |\n| Standard clean | $140 |\n---\n* Inside the *oven*: $35\n> Note: `cash` only\n## FAQ\n**Q: Do you bring supplies?**\nA: _Yes_, we bring everything.';
    for (const question of ['how much is a deep clean', 'price of a standard clean', 'do you clean the oven', 'can i pay cash', 'do you bring supplies', 'prices']) {
      const reply = answerFromPassage(passage('Cleaning', text), question, 306);
      expect(reply, question).not.toBeNull();
      expect(reply, question).not.toMatch(/[#|*_>`]|---/);
    }
  });
});
