/**
 * Which pooled PostgreSQL connections are asked whether they still answer before they are handed
 * out (store/idle-connection-check.ts): none that was used within the last 10 s (the hot path pays
 * nothing), each that idled longer (one `SELECT 1`), and, once one did not answer, none of those idle
 * at least as long (they are dropped unasked, so a failover costs one check's wait, not one per
 * connection). The clients here stand in for pg's: what they answer is what is under test.
 */
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleConnectionCheck, type CheckedClient } from '../../src/store/idle-connection-check.js';

/** A pg client that answers at once, fails, or never answers; it records what it was asked. */
function client(answers: 'at once' | 'with an error' | 'never') {
  const asked: string[] = [];
  return {
    asked,
    query(text: string): Promise<unknown> {
      asked.push(text);
      if (answers === 'at once') return Promise.resolve({ rows: [{ '?column?': 1 }] });
      if (answers === 'with an error') return Promise.reject(new Error('Connection terminated unexpectedly'));
      return new Promise(() => undefined);
    },
  };
}

/** What the pool's checkout does with a connection it just took (store/database.ts): true to hand it out. */
async function handedOut(check: IdleConnectionCheck, c: CheckedClient): Promise<boolean> {
  const verdict = check.verdict(c);
  return verdict === 'use' || (verdict === 'check' && (await check.answers(c)));
}

/** handedOut for a connection that never answers, its check's 5 s passed on the test's clock. */
async function handedOutAfterSilence(check: IdleConnectionCheck, c: CheckedClient): Promise<boolean> {
  const verdict = handedOut(check, c);
  await vi.advanceTimersByTimeAsync(5_000);
  return verdict;
}

describe('checking idle PostgreSQL connections before they are handed out', () => {
  let now: number;
  let check: IdleConnectionCheck;

  beforeEach(() => {
    // The check's deadline on a clock the test moves; the turn it then waits for is the loop's own.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    now = 1_000_000;
    check = new IdleConnectionCheck({ now: () => now, checkAfterIdleMs: 10_000, timeoutMs: 5_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands out a new connection, and one used within the last 10 s, without asking it anything', async () => {
    const fresh = client('never');
    expect(await handedOut(check, fresh)).toBe(true);
    check.released(fresh);
    now += 10_000;
    expect(await handedOut(check, fresh)).toBe(true);
    expect(fresh.asked).toEqual([]);
    expect(check.counts).toEqual({ answered: 0, silent: 0, droppedUnasked: 0 });
  });

  it('asks a connection idle longer whether it answers, and hands it out when it does', async () => {
    const kept = client('at once');
    check.released(kept);
    now += 10_001;
    expect(await handedOut(check, kept)).toBe(true);
    expect(kept.asked).toEqual(['SELECT 1']);
    expect(check.counts).toEqual({ answered: 1, silent: 0, droppedUnasked: 0 });
  });

  it('drops a connection idle longer that does not answer within the check, or answers with an error', async () => {
    const silent = client('never');
    check.released(silent);
    now += 60_000;
    const verdict = handedOut(check, silent);
    let settled = false;
    void verdict.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await verdict).toBe(false);

    const broken = client('with an error');
    check.released(broken);
    now += 60_000;
    expect(await handedOut(check, broken)).toBe(false);
    expect(broken.asked).toEqual(['SELECT 1']);
    expect(check.counts).toEqual({ answered: 0, silent: 2, droppedUnasked: 0 });
  });

  it('once one did not answer, drops unasked every connection idle at least as long, and still trusts those used since', async () => {
    const idleLongest = client('at once');
    check.released(idleLongest);
    now += 1_000;
    const idleAsLong = client('at once');
    const silent = client('never');
    check.released(idleAsLong);
    check.released(silent);
    now += 1_000;
    const usedSince = client('at once');
    check.released(usedSince);
    now += 120_000;

    expect(await handedOutAfterSilence(check, silent)).toBe(false);

    expect(await handedOut(check, idleAsLong)).toBe(false);
    expect(await handedOut(check, idleLongest)).toBe(false);
    expect(idleAsLong.asked).toEqual([]);
    expect(idleLongest.asked).toEqual([]);
    // Released after the silent one: it idled less, so it is asked, not condemned.
    expect(await handedOut(check, usedSince)).toBe(true);
    expect(usedSince.asked).toEqual(['SELECT 1']);
    expect(check.counts).toEqual({ answered: 1, silent: 1, droppedUnasked: 2 });
  });

  it('goes by the order of releases, not their clock readings: a clock that stepped back condemns no connection released after the silent one', async () => {
    const silent = client('never');
    check.released(silent);
    now += 60_000;
    expect(await handedOutAfterSilence(check, silent)).toBe(false);
    // The clock read earlier than the silent one's release when this one was released, after it.
    now -= 120_000;
    const releasedAfter = client('at once');
    check.released(releasedAfter);
    expect(await handedOut(check, releasedAfter)).toBe(true);
    expect(releasedAfter.asked).toEqual([]);
  });
});

describe('an answer that arrived while the event loop was held past the check\'s deadline', () => {
  it('counts as an answer, not as silence', async () => {
    // A socket pair on loopback: what is written to one end waits in the kernel for the other to
    // read it, whatever this process is doing meanwhile, as a PostgreSQL answer would.
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    const near = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await once(near, 'connect');
    const [far] = await accepted;
    try {
      const pgLike = { query: () => new Promise((resolve) => near.once('data', resolve)) };
      let now = 0;
      const check = new IdleConnectionCheck({ now: () => now, checkAfterIdleMs: 10_000, timeoutMs: 20 });
      check.released(pgLike);
      now += 60_000;
      const verdict = check.answers(pgLike);
      // The check's statement is sent (a microtask away), its answer comes at once...
      await Promise.resolve();
      await Promise.resolve();
      far.write('1');
      // ...and the event loop is held five times the deadline before it can read it.
      const heldUntil = Date.now() + 100;
      while (Date.now() < heldUntil);
      expect(await verdict).toBe(true);
      expect(check.counts).toEqual({ answered: 1, silent: 0, droppedUnasked: 0 });
    } finally {
      near.destroy();
      far.destroy();
      server.close();
    }
  });
});
