import { describe, expect, it } from 'vitest';
import { LruMap } from './lru-map.js';

describe('LruMap', () => {
  it('drops the entry used least recently, not the one kept first', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    expect(m.get('a')).toBe(1); // a is now the most recently used
    m.set('c', 3);
    expect(m.get('b')).toBeUndefined();
    expect(m.get('a')).toBe(1);
    expect(m.get('c')).toBe(3);
    expect(m.size).toBe(2);
  });

  it('writing a kept key again replaces it without dropping another', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    m.set('a', 10);
    expect(m.size).toBe(2);
    expect([...m.values()]).toEqual([2, 10]);
    m.set('c', 3); // b is now the least recently used
    expect(m.get('b')).toBeUndefined();
    expect(m.get('a')).toBe(10);
  });

  it('delete and clear', () => {
    const m = new LruMap<string, number>(3);
    m.set('a', 1);
    m.set('b', 2);
    m.delete('a');
    expect(m.get('a')).toBeUndefined();
    m.clear();
    expect(m.size).toBe(0);
  });

  it('tells its owner of each entry that leaves: dropped when full, replaced, deleted; not on clear', () => {
    const dropped: string[] = [];
    const m = new LruMap<string, number>(2, (key, value) => dropped.push(`${key}=${value}`));
    m.set('a', 1);
    m.set('b', 2);
    m.set('c', 3);
    m.set('b', 20);
    m.delete('c');
    m.delete('missing');
    m.clear();
    expect(dropped).toEqual(['a=1', 'b=2', 'c=3']);
  });
});
