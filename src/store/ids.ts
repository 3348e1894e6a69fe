/**
 * Application-made ids: a type prefix and a ULID-like body (48-bit millisecond time + 80 bits,
 * Crockford base32). Time-ordered, so lists sort by id as by creation; unique without a database
 * sequence; the same text on SQLite and PostgreSQL.
 *
 * Monotonic within a process: two ids made in the same millisecond (or with a clock that stands
 * still, as in tests) still sort in the order they were made, because the second one's random part
 * is the first one's plus one.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom = 0n;
const RANDOM_BITS = 80n;
const RANDOM_MAX = (1n << RANDOM_BITS) - 1n;

function encode(value: bigint, chars: number): string {
  let out = '';
  for (let i = 0; i < chars; i++) {
    out = ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

/** A new id such as `call_01JD…`; `now` is injectable so ordering follows the injected clock. */
export function newId(prefix: string, now: number = Date.now()): string {
  let time = now;
  let random: bigint;
  if (time <= lastTime && lastRandom < RANDOM_MAX) {
    time = lastTime;
    random = lastRandom + 1n;
  } else {
    // Leave headroom so increments within one millisecond never overflow in practice.
    random = BigInt(`0x${randomBytes(10).toString('hex')}`) >> 1n;
  }
  lastTime = time;
  lastRandom = random;
  return `${prefix}_${encode(BigInt(time), 10)}${encode(random, 16)}`;
}
