import { describe, expect, it } from 'vitest';
import { chunkKnowledgeEntry } from './chunk-text.js';
import { splitSentences } from './split-sentences.js';

const texts = (content: string, opts?: Parameters<typeof chunkKnowledgeEntry>[1]): string[] =>
  chunkKnowledgeEntry({ title: 'T', content }, opts).map((c) => c.text);

describe('splitSentences', () => {
  it('splits at sentence ends and line breaks', () => {
    expect(splitSentences('One. Two! Three?\nFour')).toEqual(['One.', 'Two!', 'Three?', 'Four']);
  });

  it('does not split after abbreviations, initials, dotted forms or inside decimals', () => {
    expect(splitSentences('We install A.O. Smith heaters. Open Mon. through Fri. at 8 a.m. sharp. Fee is $89.50. Done')).toEqual([
      'We install A.O. Smith heaters.',
      'Open Mon. through Fri. at 8 a.m. sharp.',
      'Fee is $89.50.',
      'Done',
    ]);
    expect(splitSentences('See Dr. Smith on Main St. today.')).toEqual(['See Dr. Smith on Main St. today.']);
  });
});

describe('chunkKnowledgeEntry', () => {
  it('returns one chunk for short content and none for empty content', () => {
    expect(chunkKnowledgeEntry({ title: 'Hours', content: 'Open 8 to 5.' })).toEqual([{ ordinal: 0, text: 'Open 8 to 5.' }]);
    expect(chunkKnowledgeEntry({ title: 'Empty', content: '  \n\n ' })).toEqual([]);
  });

  it('keeps each "Q: … A: …" pair together, one pair per chunk, even across a blank line', () => {
    const chunks = texts('Q: How much is the fee?\nA: $89.\n\nQ: Do you give quotes?\n\nA: Yes, written quotes.');
    expect(chunks).toEqual(['Q: How much is the fee?\nA: $89.', 'Q: Do you give quotes?\nA: Yes, written quotes.']);
  });

  it('recognises "Question:/Answer:" and bold markers', () => {
    const chunks = texts('**Question:** Cards?\n**Answer:** Visa and cash.\nQuestion: Checks?\nAnswer: Yes.');
    expect(chunks).toEqual(['**Question:** Cards?\n**Answer:** Visa and cash.', 'Question: Checks?\nAnswer: Yes.']);
  });

  it('pairs an unmarked question paragraph with its answer, and ends the pair at the paragraph', () => {
    const chunks = texts('Do you take cards?\nYes, all major cards.\n\nDo you work weekends?\n\nSaturdays only.\n\nWe love plumbing.');
    expect(chunks).toEqual(['Do you take cards?\nYes, all major cards.', 'Do you work weekends?\nSaturdays only.', 'We love plumbing.']);
  });

  it('keeps a markdown heading with its section, and carries an empty heading onto the next unit', () => {
    const chunks = texts('# Pricing\nQ: Fee?\nA: $89.\n\n## Area\nWe serve Chicago.\n\nAnd Evanston.');
    expect(chunks).toEqual(['# Pricing\nQ: Fee?\nA: $89.', '## Area\nWe serve Chicago.\nAnd Evanston.']);
  });

  it('packs plain paragraphs up to maxChars', () => {
    const para = 'word '.repeat(30).trim(); // 149 chars
    const chunks = texts([para, para, para, para].join('\n\n'), { maxChars: 320 });
    expect(chunks).toHaveLength(2);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(320);
  });

  it('cuts a long answer between sentences and repeats its question on every piece', () => {
    const answer = Array.from({ length: 12 }, (_, i) => `Sentence number ${i} explains one more detail.`).join(' ');
    const chunks = texts(`Q: What is included?\nA: ${answer}`, { maxChars: 200 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(200);
      expect(c.startsWith('Q: What is included?\n')).toBe(true);
      // never mid-sentence without overlap: every piece ends a sentence
      expect(c.endsWith('.')).toBe(true);
    }
    const all = chunks.map((c) => c.replace('Q: What is included?\n', '').replace(/^A: /, '')).join(' ');
    expect(all).toBe(answer);
  });

  it('never cuts mid-word, even for a sentence longer than a chunk', () => {
    const words = Array.from({ length: 80 }, (_, i) => `w${i}`);
    const chunks = texts(words.join(' '), { maxChars: 60 });
    expect(chunks.join(' ').split(' ')).toEqual(words);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(60);
  });

  it('keeps a single word longer than maxChars whole', () => {
    const url = `https://example.com/${'x'.repeat(100)}`;
    expect(texts(`See ${url} for details.`, { maxChars: 50 })).toContain(url);
  });

  it('repeats the previous chunk\'s last sentences when asked for overlap', () => {
    const s = (i: number): string => `Fact ${i} is short.`;
    const content = Array.from({ length: 10 }, (_, i) => s(i)).join(' ');
    const chunks = texts(content, { maxChars: 80, overlapChars: 20 });
    expect(chunks.length).toBeGreaterThan(1);
    for (let i = 1; i < chunks.length; i++) {
      const previousLast = (chunks[i - 1] ?? '').split(/(?<=\.) /).pop() ?? '';
      expect(chunks[i]?.startsWith(previousLast)).toBe(true);
      expect(chunks[i]?.length).toBeLessThanOrEqual(80);
    }
  });

  it('numbers chunks from 0 in document order', () => {
    const chunks = chunkKnowledgeEntry({ title: 'T', content: 'Q: a?\nA: b.\nQ: c?\nA: d.\nQ: e?\nA: f.' });
    expect(chunks.map((c) => c.ordinal)).toEqual([0, 1, 2]);
  });

  it('repeats a long table\'s header row on every chunk it is cut into', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `| Item ${i} | $${i} |`);
    const chunks = texts(['## Menu', '| Item | Price |', '|---|---|', ...rows].join('\n'), { maxChars: 200 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk).toContain('| Item | Price |\n|---|---|');
      expect(chunk.length).toBeLessThanOrEqual(200);
    }
    expect(chunks.join('\n')).toContain('| Item 39 | $39 |');
  });

  it('repeats a long list\'s lead-in or plain heading on every chunk it is cut into', () => {
    const items = Array.from({ length: 30 }, (_, i) => `- Document number ${i} for your file`);
    const chunks = texts(['Bring to your tax appointment:', ...items].join('\n'), { maxChars: 200 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.startsWith('Bring to your tax appointment:\n- ')).toBe(true);
      expect(chunk.length).toBeLessThanOrEqual(200);
    }
    expect(chunks.join('\n')).toContain('- Document number 29 for your file');
    const priced = texts(['Mowing prices (per visit)', ...Array.from({ length: 20 }, (_, i) => `Lawn size ${i} ..... $${40 + i}`)].join('\n'), { maxChars: 150 });
    for (const chunk of priced) expect(chunk.startsWith('Mowing prices (per visit)\n')).toBe(true);
  });
});
