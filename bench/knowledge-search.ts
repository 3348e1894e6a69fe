/**
 * `npm run bench:knowledge`: how long the builtin's BM25 index takes to build and search at a size
 * larger than any one business's knowledge (10,000 chunks of 80 words from a 5,000-word vocabulary).
 * Speed lives here, not in the unit tests (src/agent/knowledge/bm25.test.ts checks the ranking at
 * this size). Prints the machine, build time, and search time per query (median of 5 rounds of 100).
 */
import { availableParallelism, cpus } from 'node:os';
import { buildBm25Index, searchBm25 } from '../src/agent/knowledge/bm25.js';

const vocabulary = Array.from({ length: 5000 }, (_, i) => `term${i.toString(36)}`);
let seed = 42;
const random = (): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = () => vocabulary[Math.floor(random() * vocabulary.length)];
const chunks = Array.from({ length: 10_000 }, (_, i) => ({
  id: `c${i}`,
  title: `Entry ${pick()}`,
  text: Array.from({ length: 80 }, pick).join(' '),
}));

const started = performance.now();
const index = buildBm25Index(chunks);
const buildMs = performance.now() - started;

const rounds: number[] = [];
for (let round = 0; round < 5; round++) {
  const t = performance.now();
  for (let i = 0; i < 100; i++) searchBm25(index, `${vocabulary[i]} ${vocabulary[i * 7]} ${vocabulary[i * 13]}`);
  rounds.push((performance.now() - t) / 100);
}
rounds.sort((a, b) => a - b);

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()}, Node ${process.version}`);
console.log(`build 10,000 chunks: ${buildMs.toFixed(0)} ms`);
console.log(`search: median ${rounds[2]!.toFixed(2)} ms per query (rounds: ${rounds.map((r) => r.toFixed(2)).join(', ')})`);
