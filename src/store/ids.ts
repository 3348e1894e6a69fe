/**
 * Application-made ids: a type prefix and a ULID-like body (48-bit millisecond time + 80 random
 * bits, Crockford base32). Time-ordered so lists sort by id as by creation, unique without a
 * database sequence, and the same text on SQLite and PostgreSQL.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new id such as `call_01JD…`; `now` is injectable so ordering follows the injected clock. */
export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(10);
  let rand = '';
  // 80 bits → 16 base32 characters, 5 bits at a time.
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rand += ALPHABET[(acc >> bits) & 31];
    }
  }
  return `${prefix}_${time}${rand}`;
}
