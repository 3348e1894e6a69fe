import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { requestAbandoned } from '../store/abandoned-reads.js';
import { SharedReads } from './shared-reads.js';

/** A computation the test ends when it chooses, recording the check its reads would carry. */
function controllable<T>() {
  const started: { allGone: () => boolean; resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const compute = (allGone: () => boolean) =>
    new Promise<T>((resolve, reject) => {
      started.push({ allGone, resolve, reject });
    });
  return { started, compute };
}

const here = () => false;
const gone = () => true;

describe('SharedReads', () => {
  it('computes once for the requests that ask while it runs, and anew after it settled', async () => {
    const shared = new SharedReads<string>('test');
    const c = controllable<string>();
    const first = shared.read('ws1|14', here, c.compute);
    const second = shared.read('ws1|14', here, c.compute);
    const otherReport = shared.read('ws1|90', here, c.compute);
    expect(c.started).toHaveLength(2);
    c.started[0]!.resolve('figures');
    c.started[1]!.resolve('other');
    expect(await first).toBe('figures');
    expect(await second).toBe('figures');
    expect(await otherReport).toBe('other');
    expect({ computed: shared.computed, shared: shared.shared }).toEqual({ computed: 2, shared: 1 });

    const later = shared.read('ws1|14', here, c.compute);
    expect(c.started).toHaveLength(3);
    c.started[2]!.resolve('newer');
    expect(await later).toBe('newer');
  });

  it('gives every sharer the failure, and starts afresh after it', async () => {
    const shared = new SharedReads<string>('test');
    const c = controllable<string>();
    const first = shared.read('k', here, c.compute);
    const second = shared.read('k', here, c.compute);
    c.started[0]!.reject(new AppError(503, 'reports_busy', 'busy'));
    await expect(first).rejects.toMatchObject({ code: 'reports_busy' });
    await expect(second).rejects.toMatchObject({ code: 'reports_busy' });
    void shared.read('k', here, c.compute);
    expect(c.started).toHaveLength(2);
  });

  it('counts the reads as abandoned only once every request sharing them has gone', () => {
    const shared = new SharedReads<string>('test');
    const c = controllable<string>();
    let firstGone = false;
    let secondGone = false;
    void shared.read('k', () => firstGone, c.compute).catch(() => undefined);
    void shared.read('k', () => secondGone, c.compute).catch(() => undefined);
    const allGone = c.started[0]!.allGone;
    expect(allGone()).toBe(false);
    firstGone = true;
    expect(allGone()).toBe(false);
    secondGone = true;
    expect(allGone()).toBe(true);
  });

  it('reads again for a request that joined a computation its askers had all left', async () => {
    const shared = new SharedReads<string>('test');
    const c = controllable<string>();
    const first = shared.read('k', gone, c.compute);
    // Its reads were dropped (every asker gone) just as a live request joined.
    let retries = 0;
    const joiner = shared.read('k', here, (allGone) => {
      retries++;
      return Promise.resolve(allGone() ? 'wrongly abandoned' : 'for the joiner');
    });
    c.started[0]!.reject(requestAbandoned());
    await expect(first).rejects.toMatchObject({ code: 'request_abandoned' });
    expect(await joiner).toBe('for the joiner');
    expect(retries).toBe(1);
    expect({ computed: shared.computed, shared: shared.shared }).toEqual({ computed: 2, shared: 0 });
  });

  it('after forget, requests start afresh while the earlier computation still answers its own', async () => {
    const shared = new SharedReads<string>('test');
    const c = controllable<string>();
    const before = shared.read('ws1|14', here, c.compute);
    const elsewhere = shared.read('ws2|14', here, c.compute);
    shared.forget((key) => key.startsWith('ws1|'));
    const after = shared.read('ws1|14', here, c.compute);
    const elsewhereJoined = shared.read('ws2|14', here, c.compute);
    expect(c.started).toHaveLength(3);
    c.started[0]!.resolve('before the write');
    expect(await before).toBe('before the write');
    // The forgotten computation's end leaves the newer one shared.
    const joinsAfter = shared.read('ws1|14', here, c.compute);
    expect(c.started).toHaveLength(3);
    c.started[1]!.resolve('ws2');
    c.started[2]!.resolve('after the write');
    expect(await after).toBe('after the write');
    expect(await joinsAfter).toBe('after the write');
    expect(await elsewhere).toBe('ws2');
    expect(await elsewhereJoined).toBe('ws2');
  });
});
