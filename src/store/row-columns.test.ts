import { describe, expect, it } from 'vitest';
import { rowFrom } from './row-columns.js';

describe('rowFrom', () => {
  const columns = ['id', 'name', 'settings'] as const;

  it('takes the columns selected under its prefix, in the listed order, and nothing else', () => {
    const joined = { c__id: 'c1', c__name: 'Ana', c__settings: '{}', p__id: 'p1', p__name: 'Line', p__settings: null, extra: 1 };
    const call = rowFrom<{ id: string; name: string; settings: string | null }>(joined, 'c', [...columns]);
    expect(call).toEqual({ id: 'c1', name: 'Ana', settings: '{}' });
    expect(Object.keys(call!)).toEqual(['id', 'name', 'settings']);
    // The same column list under another prefix is another table's row.
    expect(rowFrom<Record<string, unknown>>(joined, 'p', [...columns])).toEqual({ id: 'p1', name: 'Line', settings: null });
  });

  it('is undefined when a left join found nothing (the key column is null), keyed by id or else the first column', () => {
    expect(rowFrom<Record<string, unknown>>({ c__id: null, c__name: 'Ana' }, 'c', ['id', 'name'])).toBeUndefined();
    expect(rowFrom<Record<string, unknown>>({ c__phone: null, c__name: 'Ana' }, 'c', ['phone', 'name'])).toBeUndefined();
    expect(rowFrom<Record<string, unknown>>({ c__phone: '+15125550100', c__name: null }, 'c', ['phone', 'name'])).toEqual({ phone: '+15125550100', name: null });
  });

  it('reads names that need quoting as plain names', () => {
    const odd = ['id', 'it"s', 'a\\b'];
    expect(rowFrom<Record<string, unknown>>({ x__id: 1, 'x__it"s': 2, 'x__a\\b': 3 }, 'x', odd)).toEqual({ id: 1, 'it"s': 2, 'a\\b': 3 });
  });
});
