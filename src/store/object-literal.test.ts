import { describe, expect, it } from 'vitest';
import { compileObjectLiteral, property } from './object-literal.js';

describe('compiled object literals', () => {
  it('builds the object from its parameters, keys in the order given', () => {
    const build = compileObjectLiteral<(a: Record<string, unknown>, b: unknown[]) => Record<string, unknown>>(['a', 'b'], [
      ['x', property('a', 'name')],
      ['y', property('b', 1)],
    ]);
    expect(build({ name: 'n' }, [0, 'one'])).toEqual({ x: 'n', y: 'one' });
    expect(Object.keys(build({}, []))).toEqual(['x', 'y']);
  });

  it('quotes keys and property names, so none can break out of the literal', () => {
    const evil = '"}; globalThis.escaped = true; ({"';
    const build = compileObjectLiteral<(v: Record<string, unknown>) => Record<string, unknown>>(['v'], [[evil, property('v', evil)]]);
    expect(build({ [evil]: 1 })).toEqual({ [evil]: 1 });
    expect((globalThis as Record<string, unknown>).escaped).toBeUndefined();
  });

  it('answers undefined when asked to', () => {
    const build = compileObjectLiteral<(j: Record<string, unknown>) => unknown>(['j'], [['id', property('j', 'p__id')]], { undefinedWhen: `${property('j', 'p__id')} == null` });
    expect(build({ p__id: null })).toBeUndefined();
    expect(build({ p__id: 'x' })).toEqual({ id: 'x' });
  });
});
