import { describe, expect, it } from 'vitest';
import { extractFacts, unsupportedFactDetails, unsupportedFacts } from './unsupported-facts.js';

const PASSAGE =
  'Our diagnostic fee is $89, waived if we do the repair. Drain cleaning is $149 to $249. ' +
  'Financing for jobs over $1,000. 1-year labor warranty; tank replacements take 3 to 4 hours. ' +
  'Estimates are free. License 058-192837. 10% off for seniors.';
const HOURS = 'Mon-Fri 7:00 AM to 6:00 PM, Sat 8:00 AM to 2:00 PM, closed Sunday. Emergency service 24/7.';

describe('extractFacts', () => {
  it('finds money, percentages, times, dates, durations and numbers with their kinds', () => {
    const facts = extractFacts('It is $89 or 10% off, at 3pm on Jan 5th, takes 2 hours, call 555-0100. 40 dollars, Tuesday, tomorrow.');
    expect(facts.map((f) => [f.kind, f.text])).toEqual([
      ['money', '$89'],
      ['percent', '10%'],
      ['time', '3pm'],
      ['date', 'Jan 5th'],
      ['duration', '2 hours'],
      ['number', '555'],
      ['number', '0100'],
      ['money', '40 dollars'],
      ['date', 'Tuesday'],
      ['date', 'tomorrow'],
    ]);
  });

  it('does not read "24/7" as a date', () => {
    expect(extractFacts('24/7').map((f) => f.kind)).toEqual(['number', 'number']);
  });
});

describe('unsupportedFacts', () => {
  it('returns nothing when every fact is in a source', () => {
    expect(unsupportedFacts('The diagnostic fee is $89 and drain cleaning is $149 to $249.', [PASSAGE])).toEqual([]);
    expect(unsupportedFacts("We're open Mon-Fri 7:00 AM to 6:00 PM and 24/7 for emergencies.", [HOURS])).toEqual([]);
    expect(unsupportedFacts('Our license is 058-192837 and estimates are free.', [PASSAGE])).toEqual([]);
  });

  it('flags invented prices, discounts, times and dates', () => {
    expect(unsupportedFacts('Sure, the repair is $1 and we give 100% off!', [PASSAGE])).toEqual(['$1', '100%']);
    expect(unsupportedFacts('We can come tomorrow at 3pm.', [PASSAGE, HOURS])).toEqual(['tomorrow', '3pm']);
    expect(unsupportedFacts('See you on March 3.', [HOURS])).toEqual(['March 3']);
    expect(unsupportedFacts('Installs take 2 hours and come with a 5-year warranty.', [PASSAGE])).toEqual(['2 hours', '5-year']);
    expect(unsupportedFacts('Call us at 312-555-0199.', [PASSAGE])).toEqual(['312', '555', '0199']);
  });

  it('compares meaning, not spelling', () => {
    expect(unsupportedFacts('The fee is $89.00.', [PASSAGE])).toEqual([]);
    expect(unsupportedFacts('Financing over $1000.', [PASSAGE])).toEqual([]);
    expect(unsupportedFacts('We close at 6pm, or 18:00.', [HOURS])).toEqual([]);
    expect(unsupportedFacts('We open at 7 a.m.', [HOURS])).toEqual([]);
    expect(unsupportedFacts('Open from 7:00 weekdays.', [HOURS])).toEqual([]); // no am/pm: either reading
    expect(unsupportedFacts('Yes, we are open Wednesday.', [HOURS])).toEqual([]); // inside Mon-Fri
    expect(unsupportedFacts('Replacements take 3-4 hours.', [PASSAGE])).toEqual([]);
    expect(unsupportedFacts('Drain cleaning: $149–$249.', [PASSAGE])).toEqual([]);
    expect(unsupportedFacts('10 percent off for seniors.', [PASSAGE])).toEqual([]);
  });

  it('treats "free" as a price that needs a source', () => {
    expect(unsupportedFacts('That repair is free!', [HOURS])).toEqual(['free']);
    expect(unsupportedFacts('Estimates are free.', [PASSAGE])).toEqual([]);
    expect(unsupportedFacts('We fix it at no charge.', ['If it fails we come back at no charge.'])).toEqual([]);
  });

  it('needs both ends of a range backed', () => {
    expect(unsupportedFacts('Drain cleaning is $149 to $999.', [PASSAGE])).toEqual(['$149 to $999']);
  });

  it('flags a weekday outside the sources\' ranges and reports each fact once', () => {
    expect(unsupportedFacts('Sunday works. Sunday!', ['Mon-Sat 8 to 5'])).toEqual(['Sunday']);
  });

  it('gives kinds with the details', () => {
    expect(unsupportedFactDetails('Only $5 today', []).map((f) => f.kind)).toEqual(['money', 'date']);
  });

  it('returns nothing for a reply without facts', () => {
    expect(unsupportedFacts("Thanks! A team member will text you shortly to confirm a time.", [])).toEqual([]);
  });
});
