import { describe, expect, it } from 'vitest';
import { readPassage, type PassageUnit } from './passage-structure.js';

const brief = (units: readonly PassageUnit[]) =>
  units.map((u) => ({ kind: u.kind, text: u.text, headings: u.headings, question: u.question, pair: u.pair }));

describe('reading a passage as structure', () => {
  it('scopes a markdown heading until the next heading of its level, nesting deeper ones', () => {
    const units = readPassage('# Dental services\n## Root canals\nThis takes two visits.\n## Crowns\nThis takes one visit.\nWe mill it on site.');
    expect(brief(units)).toEqual([
      { kind: 'sentence', text: 'This takes two visits.', headings: ['Dental services', 'Root canals'], question: null, pair: -1 },
      { kind: 'sentence', text: 'This takes one visit.', headings: ['Dental services', 'Crowns'], question: null, pair: -1 },
      { kind: 'sentence', text: 'We mill it on site.', headings: ['Dental services', 'Crowns'], question: null, pair: -1 },
    ]);
  });

  it('says an all-capitals heading in sentence case, and leaves a short acronym alone', () => {
    expect(readPassage('LESSONS\nAdult students welcome!\nWe teach ages 6 and up.')[0]?.headings).toEqual(['Lessons']);
    expect(readPassage('## FAQ\nWe teach ages 6 and up.')[0]?.headings).toEqual(['FAQ']);
  });

  it('scopes a lead-in to its list only, and makes each item one unit however many sentences it has', () => {
    const units = readPassage('Bring to your appointment:\n- Photo ID. A passport works too.\n- Your insurance card\n\nYou can also upload documents to our portal.');
    expect(brief(units)).toEqual([
      { kind: 'item', text: 'Photo ID. A passport works too.', headings: ['Bring to your appointment'], question: null, pair: -1 },
      { kind: 'item', text: 'Your insurance card.', headings: ['Bring to your appointment'], question: null, pair: -1 },
      { kind: 'sentence', text: 'You can also upload documents to our portal.', headings: [], question: null, pair: -1 },
    ]);
    expect(units[0]?.needsHeading).toBe(true);
  });

  it('reads a table row with its header, in markdown, without outer bars, tab- and comma-separated', () => {
    const markdown = readPassage('| Service | Price |\n|---|---|\n| New patient exam and cleaning | $159 |\n| Returning patient exam and cleaning | $129 |');
    expect(markdown.map((u) => [u.kind, u.text, u.columns])).toEqual([
      ['row', 'New patient exam and cleaning: $159.', ['Service', 'Price']],
      ['row', 'Returning patient exam and cleaning: $129.', ['Service', 'Price']],
    ]);
    expect(readPassage('Job | Price\n---|---\nGutter cleaning | $149').map((u) => u.text)).toEqual(['Gutter cleaning: $149.']);
    expect(readPassage('Size\tServes\tPrice\nHalf sheet\t48\t$120').map((u) => u.text)).toEqual(['Half sheet: Serves 48, Price $120.']);
    // a price in any currency is a figure, so a first row holding one is a row, not column names
    expect(readPassage('Small unit\t£45\nLarge unit\t£90').map((u) => u.text)).toEqual(['Small unit: £45.', 'Large unit: £90.']);
    expect(readPassage('Small unit\t€45\nLarge unit\t€90').map((u) => u.text)).toEqual(['Small unit: €45.', 'Large unit: €90.']);
    // a value in words takes a colon, and a value that is a list a stronger separator
    expect(readPassage("| Package | What's included | Price |\n|---|---|---|\n| Basic tune | Brake adjustment, tire pressure | $79 |")[0]?.text).toBe(
      "Basic tune: What's included: Brake adjustment, tire pressure; Price $79.",
    );
    // a column name may hold a figure; a header cell never is one
    expect(readPassage('Length,Per lesson,Monthly (4 lessons)\n30 minutes,$35,$130\n60 minutes,$65,$250').map((u) => u.text)).toEqual([
      '30 minutes: Per lesson $35, Monthly (4 lessons) $130.',
      '60 minutes: Per lesson $65, Monthly (4 lessons) $250.',
    ]);
    const csv = readPassage('Service,Price,Time\nHaircut,$35,30 min\nBeard trim,$15,15 min\n"Cut, wash and style",$55,60 min');
    expect(csv.map((u) => u.text)).toEqual([
      'Haircut: Price $35, Time 30 min.',
      'Beard trim: Price $15, Time 15 min.',
      'Cut, wash and style: Price $55, Time 60 min.',
    ]);
  });

  it('does not take prose that uses commas for a table', () => {
    const units = readPassage('We mow, edge, and blow\nWe rake, bag, and haul\nWe prune, feed, and water');
    expect(units.map((u) => u.kind)).toEqual(['sentence', 'sentence', 'sentence']);
    expect(units.map((u) => u.text)).toEqual(['We mow, edge, and blow.', 'We rake, bag, and haul.', 'We prune, feed, and water.']);
  });

  it('pairs each question in FAQ prose with its own answer: marked, bold, unmarked and inline', () => {
    expect(brief(readPassage('Q: Do you take cards?\nA: Yes, all major cards.\nQ: Do you work weekends?\nA: Saturdays only.'))).toEqual([
      { kind: 'answer', text: 'Yes, all major cards.', headings: [], question: 'Do you take cards?', pair: 0 },
      { kind: 'answer', text: 'Saturdays only.', headings: [], question: 'Do you work weekends?', pair: 1 },
    ]);
    expect(brief(readPassage('## FAQ\n**How long does a roof take?**\nOne or two days.'))).toEqual([
      { kind: 'answer', text: 'One or two days.', headings: ['FAQ'], question: 'How long does a roof take?', pair: 0 },
    ]);
    expect(brief(readPassage('Do you take cards? Yes, all major cards. Do you work weekends? Saturdays only.\n\nWe love dogs.'))).toEqual([
      { kind: 'answer', text: 'Yes, all major cards.', headings: [], question: 'Do you take cards?', pair: 0 },
      { kind: 'answer', text: 'Saturdays only.', headings: [], question: 'Do you work weekends?', pair: 1 },
      { kind: 'sentence', text: 'We love dogs.', headings: [], question: null, pair: -1 },
    ]);
  });

  it('never leaves markdown syntax in a unit', () => {
    const units = readPassage(
      '# Prices\n**Cleaning**\n| Item | Price |\n|---|---|\n| **Deep clean** | $240 |\n\n---\n* Inside the *oven*: $35\n> Note: `cash` only\n1. __Call__ us first\n***\n## FAQ\n**Q: Do you bring supplies?**\nA: _Yes_, we bring everything.',
    );
    expect(units.map((u) => u.text)).toEqual(['Deep clean: $240.', 'Inside the oven: $35.', 'Note: cash only.', 'Call us first.', 'Yes, we bring everything.']);
    for (const u of units) expect(u.text).not.toMatch(/[#|*_>`]|---/);
  });
});
