import { describe, expect, it } from 'vitest';
import { buildBm25Index, headingLines, normalizedScore, searchBm25 } from './bm25.js';

const docs = [
  { id: 'fee', title: 'Pricing', text: 'Our diagnostic fee is $89, waived if we do the repair.' },
  { id: 'area', title: 'Service area', text: 'We serve Chicago, Evanston and Skokie. All 606xx zip codes.' },
  { id: 'heater', title: 'Water heaters', text: 'We repair and replace tank and tankless water heaters.' },
  { id: 'drain', title: 'Drain cleaning', text: 'We clear clogged sinks, tubs and main sewer lines. Rodding starts at $299.' },
  { id: 'hours', title: 'Hours', text: 'Monday to Friday 7 AM to 6 PM. Emergency service 24/7.' },
];

describe('searchBm25', () => {
  const index = buildBm25Index(docs);

  it('finds the document a question is about, best first', () => {
    expect(searchBm25(index, 'do you do tankless water heaters?')[0]?.id).toBe('heater');
    expect(searchBm25(index, 'is the diagnostic fee waived')[0]?.id).toBe('fee');
    expect(searchBm25(index, 'my sink is clogged')[0]?.id).toBe('drain');
  });

  it('matches through stems and synonyms', () => {
    expect(searchBm25(index, 'how much does it cost?')[0]?.id).toBe('fee'); // cost ~ fee
    expect(searchBm25(index, 'do you service my zip code 60614')[0]?.id).toBe('area'); // 60614 ~ 606xx
    expect(searchBm25(index, 'is it urgent-capable, like round the clock')[0]?.id).toBe('hours'); // ~ 24/7
  });

  it('weighs title words above body words', () => {
    const index2 = buildBm25Index([
      { id: 'body', title: 'Other', text: 'warranty info' },
      { id: 'title', title: 'Warranty', text: 'info about coverage here' },
    ]);
    expect(searchBm25(index2, 'warranty', { limit: 2 }).map((h) => h.id)).toEqual(['title', 'body']);
  });

  it('returns at most `limit` hits (default 3), with the doc fields', () => {
    const hits = searchBm25(index, 'we repair water heaters and drains in Chicago');
    expect(hits).toHaveLength(3);
    expect(hits[0]).toMatchObject({ id: expect.any(String), title: expect.any(String), text: expect.any(String) });
    expect(searchBm25(index, 'repair', { limit: 1 })).toHaveLength(1);
  });

  it('returns nothing for an empty index, an empty or stop-word query, or unknown words', () => {
    expect(searchBm25(buildBm25Index([]), 'water')).toEqual([]);
    expect(searchBm25(index, '')).toEqual([]);
    expect(searchBm25(index, 'hi, thanks!')).toEqual([]);
    expect(searchBm25(index, 'pizza delivery')).toEqual([]);
  });
});

describe('confidence', () => {
  const index = buildBm25Index(docs);

  it('is near 1 when every word of the question is in the passage', () => {
    const [hit] = searchBm25(index, 'tankless water heaters');
    expect(hit?.confidence).toBeCloseTo(1, 5);
  });

  it('is low when the key word of the question is unknown to the knowledge base', () => {
    const [hit] = searchBm25(index, 'do you repair cars');
    expect(hit?.confidence ?? 0).toBeLessThan(0.45);
  });

  it('is always within [0, 1] and 0 for an unknown id', () => {
    for (const q of ['fee', 'water heater cost', 'weather tomorrow', 'Evanston zip']) {
      for (const h of searchBm25(index, q, { limit: 5 })) {
        expect(h.confidence).toBeGreaterThanOrEqual(0);
        expect(h.confidence).toBeLessThanOrEqual(1);
      }
    }
    expect(normalizedScore(index, 'fee', 'nope')).toBe(0);
  });

  it('agrees with normalizedScore', () => {
    const [hit] = searchBm25(index, 'diagnostic fee');
    expect(normalizedScore(index, 'diagnostic fee', 'fee')).toBeCloseTo(hit?.confidence ?? -1, 10);
  });

  it('judges a question by its own words when context around it is unknown', () => {
    const [hit] = searchBm25(index, 'do you do tankless heaters? mine is a 2009 Bosch with a weird flue');
    expect(hit?.id).toBe('heater');
    expect(hit?.confidence).toBeGreaterThan(0.9);
  });
});

describe('scale', () => {
  // How fast this is lives in `npm run bench:knowledge`; here, that a large index still ranks right.
  it('builds 10k chunks and still finds the one chunk that holds a rare pair of words', () => {
    const vocabulary = Array.from({ length: 5000 }, (_, i) => `term${i.toString(36)}`);
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const big = Array.from({ length: 10_000 }, (_, i) => ({
      id: `c${i}`,
      title: `Entry ${vocabulary[Math.floor(random() * vocabulary.length)]}`,
      text: Array.from({ length: 80 }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' '),
    }));
    big[7_321] = { id: 'needle', title: 'Entry needle', text: `${big[7_321]!.text} zebrafish quokka` };
    const index = buildBm25Index(big);
    expect(index.docs).toHaveLength(10_000);
    expect(searchBm25(index, 'any zebrafish or quokka?')[0]?.id).toBe('needle');
  });

  it('ranks the chunk whose one line holds the question above one that spreads it over sentences', () => {
    const index = buildBm25Index([
      { id: 'faq', title: 'FAQ', text: 'Q: Do you bag the clippings?\nA: We mulch clippings back into the lawn. Bagging is $15 extra per visit.' },
      {
        id: 'prices',
        title: 'Price list',
        text: ['Small lawn ..... $45', 'Medium lawn ..... $60', 'Large lawn ..... $85', '* Spring cleanup - from $250', '* Mulch - $85 per cubic yard', '* Hedge trimming - $60/hour'].join('\n'),
      },
      { id: 'area', title: 'Service area', text: 'We work in Fairview and Lakeside.' },
    ]);
    expect(searchBm25(index, 'whats mulch cost', { limit: 1 })[0]?.id).toBe('prices');
  });

  it('counts an unknown adverb against a match less than an unknown noun', () => {
    const index = buildBm25Index([
      { id: 'cakes', title: 'Custom cakes', text: 'Please order birthday cakes at least 5 days ahead.' },
      { id: 'other', title: 'Parking', text: 'Free parking behind the building.' },
    ]);
    // "far" is phrasing; "candles" is a topic the knowledge lacks
    const phrasing = searchBm25(index, 'how far ahead do i order a birthday cake')[0]?.confidence ?? 0;
    const topic = searchBm25(index, 'do you sell birthday cake candles')[0]?.confidence ?? 0;
    expect(phrasing).toBeGreaterThan(topic);
  });

  it('weighs a heading or FAQ question inside a chunk like its title', () => {
    expect(headingLines('## Vaccine prices\n| Rabies | $28 |\n**Payment**\nQ: Do you bag the clippings?\nA: No.')).toEqual([
      '## Vaccine prices',
      '**Payment**',
      'Q: Do you bag the clippings?',
    ]);
    const index = buildBm25Index([
      { id: 'passing', title: 'Clinic', text: 'Our front desk can answer vaccine questions and book you in. We are friendly and close to the park.' },
      { id: 'headed', title: 'Clinic', text: '## Vaccine prices\nRabies is $28 and DHPP is $35, given by our nurses in the morning.' },
    ]);
    expect(searchBm25(index, 'vaccine', { limit: 1 })[0]?.id).toBe('headed');
  });

  it('reads a bare "price?" after a question as the price of what that question asked about', () => {
    const index = buildBm25Index([
      { id: 'rentals', title: 'Rentals', text: 'Hybrid bike: $35 per day. Road bike: $55 per day.' },
      { id: 'tires', title: 'Repairs', text: 'Tube replacement is $15. Tubeless setup is $35 per wheel, sealant included.' },
    ]);
    const hits = searchBm25(index, 'do you set up tubeless tires? price?', { limit: 2 });
    expect(hits[0]?.id).toBe('tires');
    // "price?" alone is not a question every priced chunk answers in full
    expect(hits.find((h) => h.id === 'rentals')?.confidence ?? 0).toBeLessThan(0.5);
  });
});
