import { describe, expect, it } from 'vitest';
import { IdGenerator, newId } from './ids.js';
import { RandomPool } from './random-pool.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The number a run of Crockford base32 digits stands for (BigInt: the random part has 80 bits). */
function decode(digits: string): bigint {
  let value = 0n;
  for (const c of digits) value = value * 32n + BigInt(CROCKFORD.indexOf(c));
  return value;
}

/** A pool whose fills hand out the given bytes, one list per fill (then repeat the last), counting fills. */
function scriptedPool(size: number, fills: number[][]): { pool: RandomPool; fills: () => number } {
  let n = 0;
  const pool = new RandomPool(size, (buf) => {
    const bytes = fills[Math.min(n, fills.length - 1)] as number[];
    for (let i = 0; i < buf.length; i++) buf[i] = bytes[i % bytes.length] as number;
    n++;
  });
  return { pool, fills: () => n };
}

describe('newId', () => {
  it('is prefixed, fixed-length and sorts in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => newId('msg', 1_700_000_000_000));
    expect(ids[0]).toMatch(/^msg_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });

  it('sorts by time across milliseconds', () => {
    const a = newId('x', 1_800_000_000_000);
    const b = newId('x', 1_800_000_000_001);
    expect(a < b).toBe(true);
  });

  it('starts with the millisecond time in 10 base32 digits, from the epoch to the last 48-bit millisecond', () => {
    for (const t of [0, 1, 31, 32, 1_700_000_000_000, Date.UTC(2026, 11, 3, 19, 0, 0, 123), 2 ** 48 - 1]) {
      const id = new IdGenerator().next('t', t);
      expect(decode(id.slice(2, 12))).toBe(BigInt(t));
    }
    expect(new IdGenerator().next('t', 0).slice(2, 12)).toBe('0000000000');
    expect(new IdGenerator().next('t', 2 ** 48 - 1).slice(2, 12)).toBe('7ZZZZZZZZZ');
  });

  it('refuses a time that is not a millisecond count, as the BigInt encoding did', () => {
    expect(() => newId('x', 1.5)).toThrow(RangeError);
    expect(() => newId('x', Number.NaN)).toThrow(RangeError);
  });

  it('leaves the top bit of the random part clear, so increments have 2^79 of headroom', () => {
    const { pool } = scriptedPool(64, [[0xff]]);
    const id = new IdGenerator(pool).next('x', 5);
    expect(id.slice(12)).toBe('FZZZZZZZZZZZZZZZ');
    expect(decode(id.slice(12))).toBe((1n << 79n) - 1n);
  });

  it('adds one with carry within a millisecond: ...0ZZZ then ...1000, still in order', () => {
    // Random part 0 then 31 (Z) fifteen times: the next id in that millisecond carries through every digit.
    const { pool } = scriptedPool(64, [[0, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31]]);
    const gen = new IdGenerator(pool);
    const a = gen.next('x', 7);
    const b = gen.next('x', 7);
    const c = gen.next('x', 6); // a clock that stepped back still sorts after
    expect(a.slice(12)).toBe('0ZZZZZZZZZZZZZZZ');
    expect(b.slice(12)).toBe('1000000000000000');
    expect(c.slice(12)).toBe('1000000000000001');
    expect(decode(b.slice(12)) - decode(a.slice(12))).toBe(1n);
    expect([c, a, b].sort()).toEqual([a, b, c]);
    expect(b.slice(2, 12)).toBe(a.slice(2, 12));
    expect(c.slice(2, 12)).toBe(a.slice(2, 12));
  });

  it('draws fresh random bytes on a new millisecond, across the pool boundary, using each byte once', () => {
    // A 40-byte pool holds two draws of 16 bytes; the third draw refills it.
    const { pool, fills } = scriptedPool(40, [
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 0, 9, 9, 9, 9, 9, 9, 9, 9],
      [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
    ]);
    const gen = new IdGenerator(pool);
    expect(fills()).toBe(0);
    const first = gen.next('x', 100);
    expect(fills()).toBe(1);
    const second = gen.next('x', 101);
    expect(fills()).toBe(1);
    const third = gen.next('x', 102);
    expect(fills()).toBe(2);
    expect(first.slice(12)).toBe('123456789ABCDEFG');
    // Bytes 17…31, 0; the first digit loses its top bit (17 -> 1).
    expect(second.slice(12)).toBe('1JKMNPQRSTVWXYZ0');
    expect(third.slice(12)).toBe('3333333333333333');
    expect([third, first, second].sort()).toEqual([first, second, third]);
  });
});

describe('RandomPool', () => {
  it('refills only when the bytes asked for would run past its end', () => {
    const { pool, fills } = scriptedPool(10, [[1]]);
    expect(pool.take(4)).toBe(0);
    expect(pool.take(6)).toBe(4);
    expect(fills()).toBe(1);
    expect(pool.take(1)).toBe(0);
    expect(fills()).toBe(2);
    expect(() => pool.take(11)).toThrow(RangeError);
  });

  it('hands out distinct bytes from the CSPRNG', () => {
    const pool = new RandomPool(64);
    const seen = new Set(Array.from({ length: 200 }, () => pool.hex(8)));
    expect(seen.size).toBe(200);
    expect([...seen][0]).toMatch(/^[0-9a-f]{16}$/);
  });
});
