/**
 * Random bytes for ids, drawn from a buffer filled a few KiB at a time. `crypto.randomBytes(10)` per
 * id was a measurable share of a missed call's CPU (each call crosses into OpenSSL and allocates a
 * Buffer); filling 4 KiB at once costs about the same as filling 10 bytes. The bytes are the same
 * CSPRNG output, only fetched in bulk — Node pools `randomUUID()` the same way. Not for secrets
 * (session tokens and the like keep their own `randomBytes`): pooled bytes stay in memory until used.
 */
import { randomFillSync } from 'node:crypto';

export const RANDOM_POOL_BYTES = 4096;

export class RandomPool {
  private readonly pool: Uint8Array;
  private offset: number;

  /** `fill` fills the whole pool; injectable so a test can see where one fill ends. */
  constructor(size = RANDOM_POOL_BYTES, private readonly fill: (pool: Uint8Array) => void = (pool) => void randomFillSync(pool)) {
    this.pool = new Uint8Array(size);
    this.offset = size; // empty: the first take fills it
  }

  /**
   * The offset in `bytes()` where `count` fresh random bytes start (refilling when fewer are left).
   * The caller reads them at once, before the next take; returning an offset saves a copy.
   */
  take(count: number): number {
    if (count > this.pool.length) throw new RangeError(`cannot take ${count} bytes from a pool of ${this.pool.length}`);
    if (this.offset + count > this.pool.length) {
      this.fill(this.pool);
      this.offset = 0;
    }
    const at = this.offset;
    this.offset += count;
    return at;
  }

  bytes(): Uint8Array {
    return this.pool;
  }

  /** `count` random bytes as lowercase hex (request ids, claim tokens). */
  hex(count: number): string {
    const at = this.take(count);
    let out = '';
    for (let i = at; i < at + count; i++) out += HEX[this.pool[i] as number];
    return out;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The process's pool. */
export const randomPool = new RandomPool();
