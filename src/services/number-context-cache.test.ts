/**
 * What the number cache forgets, and which reads it refuses to keep: a change to one workspace
 * forgets that workspace's numbers and its reads on their way, and nothing of any other workspace.
 * (How changes reach it from the database: test/missed-call/number-context-cache.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { NumberContextCache } from './number-context-cache.js';
import type { NumberContext } from './webhook-context.js';

let seq = 0;

/** A context of number `e164` in workspace `workspaceId`, with only the fields the cache reads. */
function contextOf(workspaceId: string, e164 = `+1555010${String(1000 + seq++)}`): NumberContext {
  return {
    number: { id: `pn_${e164}`, number: e164, workspace_id: workspaceId },
    workspace: { id: workspaceId },
    account: undefined,
    listening: {},
  } as unknown as NumberContext;
}

/** A cache that serves, holding `contexts` read and kept before any change. */
async function cacheHolding(...contexts: NumberContext[]): Promise<NumberContextCache> {
  const cache = new NumberContextCache();
  cache.setFreshness(() => true);
  const seen = (await cache.serving())!;
  for (const c of contexts) cache.keep(c, seen);
  return cache;
}

const kept = (cache: NumberContextCache, c: NumberContext) => cache.byNumber(c.number.number) !== undefined && cache.byId(c.number.id) !== undefined;

describe('a change to one workspace', () => {
  it("forgets that workspace's numbers, by number and by id, and keeps every other workspace's", async () => {
    const a1 = contextOf('ws_a');
    const a2 = contextOf('ws_a');
    const b = contextOf('ws_b');
    const cache = await cacheHolding(a1, a2, b);
    cache.invalidateWorkspace('ws_a');
    expect([kept(cache, a1), kept(cache, a2), kept(cache, b)]).toEqual([false, false, true]);
    expect(cache.byId(a1.number.id)).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it("refuses to keep a read of that workspace that began before the change, and keeps another workspace's", async () => {
    const cache = await cacheHolding();
    const seen = (await cache.serving())!;
    const a = contextOf('ws_a');
    const b = contextOf('ws_b');
    cache.invalidateWorkspace('ws_a');
    cache.keep(a, seen);
    cache.keep(b, seen);
    expect([kept(cache, a), kept(cache, b)]).toEqual([false, true]);
    // A read of it that began after the change is kept.
    cache.keep(a, (await cache.serving())!);
    expect(kept(cache, a)).toBe(true);
  });

  it('counts as an invalidation for whoever waits for one', async () => {
    const cache = await cacheHolding();
    const waiting = cache.invalidatedSince(cache.invalidations);
    cache.invalidateWorkspace('ws_a');
    await expect(waiting).resolves.toBeUndefined();
  });
});

describe('an entry kept again, or dropped when the cache is full', () => {
  it('is forgotten by the workspace it now belongs to, not by the one it left', async () => {
    const before = contextOf('ws_old');
    const cache = await cacheHolding(before);
    // The same number, moved to another workspace and read again.
    const after = { ...before, number: { ...before.number, workspace_id: 'ws_new' }, workspace: { ...before.workspace, id: 'ws_new' } } as NumberContext;
    cache.keep(after, (await cache.serving())!);
    cache.invalidateWorkspace('ws_old');
    expect(kept(cache, after)).toBe(true);
    cache.invalidateWorkspace('ws_new');
    expect(kept(cache, after)).toBe(false);
  });

  it('the same number kept twice in one workspace is still forgotten with it', async () => {
    const a = contextOf('ws_a');
    const cache = await cacheHolding(a, a);
    cache.invalidateWorkspace('ws_a');
    expect(cache.size).toBe(0);
  });

  it('a number kept again after the cache dropped half of it is still forgotten with its workspace', async () => {
    const cache = new NumberContextCache(3);
    cache.setFreshness(() => true);
    const seen = (await cache.serving())!;
    const a = contextOf('ws_a');
    const b = contextOf('ws_b');
    cache.keep(a, seen);
    cache.keep(b, seen); // drops a's first entry: a's workspace has one entry left
    cache.keep(a, seen); // the entry left is dropped while a's are kept again
    expect(kept(cache, a)).toBe(true);
    cache.invalidateWorkspace('ws_a');
    expect(cache.byNumber(a.number.number)).toBeUndefined();
    expect(cache.byId(a.number.id)).toBeUndefined();
  });

  it('numbers dropped as least recently used leave nothing behind that a change could trip on', async () => {
    const cache = new NumberContextCache(4);
    cache.setFreshness(() => true);
    const seen = (await cache.serving())!;
    const contexts = ['ws_a', 'ws_b', 'ws_c'].map((ws) => contextOf(ws));
    for (const c of contexts) cache.keep(c, seen);
    // Two entries a number: the first number's were dropped for the third's.
    expect([kept(cache, contexts[0]!), kept(cache, contexts[1]!), kept(cache, contexts[2]!)]).toEqual([false, true, true]);
    for (const id of ['ws_a', 'ws_b']) cache.invalidateWorkspace(id);
    expect([kept(cache, contexts[1]!), kept(cache, contexts[2]!)]).toEqual([false, true]);
    expect(cache.size).toBe(2);
  });
});

describe('changes to several workspaces', () => {
  it("forgets each of their numbers and keeps the others'", async () => {
    const a = contextOf('ws_a');
    const b = contextOf('ws_b');
    const c = contextOf('ws_c');
    const cache = await cacheHolding(a, b, c);
    for (const id of ['ws_a', 'ws_c', 'ws_gone']) cache.invalidateWorkspace(id);
    expect([kept(cache, a), kept(cache, b), kept(cache, c)]).toEqual([false, true, false]);
  });
});

describe('forgetting everything', () => {
  it('refuses every read that began before it, whatever its workspace', async () => {
    const a = contextOf('ws_a');
    const cache = await cacheHolding(a);
    const seen = (await cache.serving())!;
    cache.invalidate();
    expect(cache.size).toBe(0);
    cache.keep(contextOf('ws_b'), seen);
    expect(cache.size).toBe(0);
  });
});

describe('more changed workspaces than it remembers one by one', () => {
  it('refuses every read on its way, as after forgetting everything, and keeps the entries of workspaces that did not change', async () => {
    const quiet = contextOf('ws_quiet');
    const cache = await cacheHolding(quiet);
    const seen = (await cache.serving())!;
    for (let i = 0; i < 1_001; i++) cache.invalidateWorkspace(`ws_${i}`);
    const other = contextOf('ws_other');
    cache.keep(other, seen);
    expect(kept(cache, other)).toBe(false);
    expect(kept(cache, quiet)).toBe(true);
    // Each later change is remembered again: a read that began after them all is kept.
    cache.keep(other, (await cache.serving())!);
    expect(kept(cache, other)).toBe(true);
  });
});

describe('a hold', () => {
  it('stops the cache serving, keeps its entries, and serves again once every hold is lifted', async () => {
    const a = contextOf('ws_a');
    const cache = await cacheHolding(a);
    cache.hold('first');
    cache.hold('second');
    expect(await cache.serving()).toBeUndefined();
    expect(kept(cache, a)).toBe(true);
    const unheld = cache.unheld();
    expect(cache.release('first')).toBe(true);
    expect(cache.release('first')).toBe(false);
    expect(await cache.serving()).toBeUndefined();
    expect(cache.release('second')).toBe(true);
    await unheld;
    expect(await cache.serving()).toBe(cache.invalidations);
  });

  it('lifts them all at once with releaseAll', async () => {
    const cache = await cacheHolding();
    cache.hold('one');
    cache.hold('two');
    cache.releaseAll();
    await cache.unheld();
    expect(await cache.serving()).toBeDefined();
  });
});
