import { describe, expect, it } from 'vitest';
import { memoizeParse } from './parse-memo.js';

describe('memoizeParse', () => {
  it('parses each distinct text once and hands every caller the same result', () => {
    let parses = 0;
    const parse = memoizeParse((json: string) => {
      parses++;
      return JSON.parse(json) as { a: number };
    });
    const first = parse('{"a":1}');
    // A text read again from the database is another string with the same characters.
    expect(parse(['{"a":', '1}'].join(''))).toBe(first);
    expect(parses).toBe(1);
    expect(parse('{"a":2}')).toEqual({ a: 2 });
    expect(parses).toBe(2);
  });

  it('freezes the result all the way down, so no caller can change it for the others', () => {
    const parse = memoizeParse((json: string) => JSON.parse(json) as { list: number[]; nested: { b: number } });
    const value = parse('{"list":[1,2],"nested":{"b":1}}');
    expect(() => value.list.push(3)).toThrow(TypeError);
    expect(() => {
      value.nested.b = 2;
    }).toThrow(TypeError);
    expect(parse('{"list":[1,2],"nested":{"b":1}}')).toEqual({ list: [1, 2], nested: { b: 1 } });
  });

  it('keeps at most its bound, forgetting the oldest text first', () => {
    let parses = 0;
    const parse = memoizeParse((json: string) => {
      parses++;
      return JSON.parse(json) as object;
    }, 2);
    parse('{"n":1}');
    parse('{"n":2}');
    parse('{"n":3}'); // forgets n:1
    parse('{"n":3}');
    parse('{"n":2}');
    expect(parses).toBe(3);
    parse('{"n":1}');
    expect(parses).toBe(4);
  });
});
