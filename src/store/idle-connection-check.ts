/**
 * PostgreSQL connections kept through a lull, and checked before they are trusted again.
 *
 * Why keep them: a new connection loads the catalog and plans every statement it runs afresh (five
 * custom plans of each before the generic one), so a pool that closes what idled 10 s (pg-pool's
 * default) makes every burst after a quiet spell start cold: on a 2-core machine the database spent
 * 4.2–5.2 ms of CPU per missed call on warm connections against 6.0–7.0 on new ones
 * (docs/performance.md, rounds 26–27). The pool therefore keeps an idle connection
 * DATABASE_IDLE_TIMEOUT_SECONDS (5 minutes by default), with TCP keep-alive probes so a NAT or load
 * balancer between the process and the database does not forget the flow meanwhile.
 *
 * Why check them: a connection kept longer is a connection that may have died without a word while
 * it idled — a failover whose old server vanished, a NAT that forgot the flow despite the probes.
 * Its next statement would wait for the statement deadline (DATABASE_QUERY_TIMEOUT_SECONDS, a
 * minute by default) before failing. So a connection idle longer than CHECK_AFTER_IDLE_MS answers a
 * `SELECT 1` first, within CHECK_TIMEOUT_MS; one that does not is dropped and the checkout goes on
 * with the next. One silent connection says the others idle at least as long are likely silent too
 * (a failover silences them all; a NAT forgets the flows idle longest first), so those are dropped
 * without being asked: a failover costs one check's wait, not one per connection. The pool hands
 * out the connection released last first, so the first one checked after a lull is the one idle
 * least long.
 *
 * Busy connections are never checked: one released less than CHECK_AFTER_IDLE_MS ago was used
 * successfully that recently (the hot path runs exactly as before; the statement deadline covers it).
 */

/**
 * A connection idle longer than this is checked before its next statement. pg-pool's default idle
 * timeout, under which connections were reused unchecked before they were kept longer.
 */
export const CHECK_AFTER_IDLE_MS = 10_000;

/** How long the check may take; as the LISTEN connection's own check (pg-notifier.ts). */
export const CHECK_TIMEOUT_MS = 5_000;

/** DATABASE_IDLE_TIMEOUT_SECONDS's default: a pool connection idle this long is closed. */
export const DEFAULT_IDLE_TIMEOUT_MS = 300_000;

/**
 * TCP keep-alive: the first probe after this much silence on a connection (then the system's
 * interval, 75 s on Linux), well under the idle timeouts of common NATs and load balancers (4–6
 * minutes), so a kept connection's flow is not forgotten while it idles.
 */
export const KEEP_ALIVE_AFTER_MS = 30_000;

/** The part of a pg client the check uses. */
export interface CheckedClient {
  query(text: string): Promise<unknown>;
}

export interface IdleConnectionCheckOptions {
  /** The millisecond clock idleness is read on (tests move it). */
  now?: () => number;
  checkAfterIdleMs?: number;
  /** At most this long (the statement deadline, if shorter). */
  timeoutMs?: number;
}

export class IdleConnectionCheck {
  private readonly now: () => number;
  private readonly checkAfterIdleMs: number;
  private readonly timeoutMs: number;
  /** When each connection was last handed back to the pool. */
  private readonly releasedAt = new WeakMap<CheckedClient, number>();
  /** Connections released at or before this moment are dropped unasked: one released then failed its check. */
  private distrustReleasedUpTo = -Infinity;

  constructor(opts: IdleConnectionCheckOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.checkAfterIdleMs = opts.checkAfterIdleMs ?? CHECK_AFTER_IDLE_MS;
    this.timeoutMs = opts.timeoutMs ?? CHECK_TIMEOUT_MS;
  }

  /** The connection went back to the pool, its last statement answered. */
  released(client: CheckedClient): void {
    this.releasedAt.set(client, this.now());
  }

  /**
   * Whether a connection just taken from the pool may be used. False: drop it (release it with an
   * error) and take another; the pool opens a new one when none is idle.
   */
  async usable(client: CheckedClient): Promise<boolean> {
    const releasedAt = this.releasedAt.get(client);
    // Never released: opened just now.
    if (releasedAt === undefined) return true;
    if (releasedAt <= this.distrustReleasedUpTo) return false;
    if (this.now() - releasedAt <= this.checkAfterIdleMs) return true;
    if (await answersWithin(client, this.timeoutMs)) return true;
    this.distrustReleasedUpTo = Math.max(this.distrustReleasedUpTo, releasedAt);
    return false;
  }
}

/** Whether `client` answers a trivial statement within `ms`; an error counts as no. */
async function answersWithin(client: CheckedClient, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    const answered = client.query('SELECT 1').then(
      () => true,
      () => false,
    );
    return await Promise.race([answered, silence]);
  } finally {
    clearTimeout(timer);
  }
}
