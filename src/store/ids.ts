/**
 * Application-made ids: a type prefix and a ULID-like body (48-bit millisecond time + 80 bits,
 * Crockford base32). Time-ordered, so lists sort by id as by creation; unique without a database
 * sequence; the same text on SQLite and PostgreSQL.
 *
 * Monotonic within a process: two ids made in the same millisecond (or with a clock that stands
 * still, as in tests) still sort in the order they were made, because the second one's random part
 * is the first one's plus one.
 *
 * Made on every insert, so kept cheap: the random part is held as its 16 base32 digits (5 bits each,
 * one per pooled random byte) and incremented digit by digit, instead of a BigInt built from a hex
 * string and encoded by shifts; the time part is encoded once per millisecond.
 */
import { RandomPool, randomPool } from './random-pool.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 16; // 80 bits

/** Makes ids; one per process (`newId`), others only in tests that need their own random source. */
export class IdGenerator {
  private lastTime = -1;
  private lastTimeText = '';
  private readonly digits = new Uint8Array(RANDOM_CHARS);

  constructor(private readonly random: RandomPool = randomPool) {}

  next(prefix: string, now: number): string {
    // The old BigInt encoding threw on a fractional time; a negative one has no 48-bit encoding.
    if (!Number.isSafeInteger(now) || now < 0) throw new RangeError(`id time must be a millisecond count, got ${now}`);
    let time = now;
    if (!(time <= this.lastTime && this.increment())) {
      this.draw();
    } else {
      time = this.lastTime;
    }
    if (time !== this.lastTime) {
      this.lastTime = time;
      this.lastTimeText = encodeTime(time);
    }
    let random = '';
    for (let i = 0; i < RANDOM_CHARS; i++) random += ALPHABET[this.digits[i] as number];
    return `${prefix}_${this.lastTimeText}${random}`;
  }

  /** Adds one to the random part; false (and unchanged) when it is at its maximum. */
  private increment(): boolean {
    const d = this.digits;
    let i = RANDOM_CHARS - 1;
    while (i >= 0 && d[i] === 31) i--;
    if (i < 0) return false;
    d[i] = (d[i] as number) + 1;
    for (let j = i + 1; j < RANDOM_CHARS; j++) d[j] = 0;
    return true;
  }

  private draw(): void {
    const bytes = this.random.bytes();
    const at = this.random.take(RANDOM_CHARS);
    for (let i = 0; i < RANDOM_CHARS; i++) this.digits[i] = (bytes[at + i] as number) & 31;
    // The top bit stays clear, leaving headroom so increments within one millisecond never
    // overflow in practice.
    this.digits[0] = (this.digits[0] as number) & 15;
  }
}

/** The 48-bit millisecond time as 10 base32 digits (exact: a double holds 48-bit integers). */
function encodeTime(time: number): string {
  let out = '';
  let rest = time;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

const ids = new IdGenerator();

/** A new id such as `call_01JD…`; `now` is injectable so ordering follows the injected clock. */
export function newId(prefix: string, now: number = Date.now()): string {
  return ids.next(prefix, now);
}
