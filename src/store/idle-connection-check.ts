/**
 * PostgreSQL connections kept through a lull, and checked before they are trusted again.
 *
 * Why keep them: a new connection loads the catalog and plans every statement it runs afresh (five
 * custom plans of each before the generic one), so a pool that closes what idled 10 s (pg-pool's
 * default) makes every burst after a quiet spell start cold: on a 2-core machine, after 15 s without
 * calls, the database spent 3.2–3.8 ms of CPU per missed call on kept connections against 4.3–4.9 on
 * new ones (4.7–5.9 against 7.1–8.1 with a web and two worker processes; docs/performance.md, round
 * 27). The pool therefore keeps an idle connection
 * DATABASE_IDLE_TIMEOUT_SECONDS (5 minutes by default), with TCP keep-alive probes (KEEP_ALIVE_AFTER_MS)
 * so a NAT or load balancer between the process and the database does not forget the flow meanwhile,
 * and so the kernel closes one whose peer stopped answering about 40 s into its silence.
 *
 * Why check them: a connection kept longer is a connection that may have died without a word while
 * it idled — a failover whose old server vanished, a NAT that forgot the flow despite the probes.
 * Its next statement would wait for the statement deadline (DATABASE_QUERY_TIMEOUT_SECONDS, a
 * minute by default) before failing; the keep-alive probes find such a connection only once it has
 * been silent ~40 s. So a connection idle longer than CHECK_AFTER_IDLE_MS answers a
 * `SELECT 1` first, within CHECK_TIMEOUT_MS; one that does not is dropped and the checkout goes on
 * with the next. One silent connection says the others idle at least as long are likely silent too
 * (a failover silences them all; a NAT forgets the flows idle longest first), so those are dropped
 * without being asked: a failover costs one check's wait, not one per connection. The pool hands
 * out the connection released last first, so the first one checked after a lull is the one idle
 * least long.
 *
 * Busy connections are never checked: one released less than CHECK_AFTER_IDLE_MS ago was used
 * successfully that recently (the statement deadline covers it). Deciding that costs a release a
 * clock read and a checkout a map lookup; the busy path sends nothing more.
 *
 * Idleness is read on a monotonic clock, and "idle at least as long" by the order of releases, so
 * a wall clock stepped back (NTP, a resumed VM) neither hides idleness nor condemns fresh connections.
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
 * TCP keep-alive: the first probe after this much silence on a connection. Node (libuv) then sends
 * the next every second, ten in all, before the kernel gives the connection up: a peer gone silent
 * is found ~40 s after the last word, and a flow that answers is touched every 30 s, well within
 * the idle timeouts of common NATs and load balancers (4–6 minutes).
 */
export const KEEP_ALIVE_AFTER_MS = 30_000;

/** The part of a pg client the check uses. */
export interface CheckedClient {
  query(text: string): Promise<unknown>;
}

/** What a connection just taken from the pool is: used at once, asked first, or dropped unasked. */
export type IdleVerdict = 'use' | 'check' | 'drop';

/** Checks so far, by outcome (textback_db_idle_connection_checks_total). */
export interface IdleCheckCounts {
  /** Asked, and answered in time. */
  answered: number;
  /** Asked, and did not answer in time (or failed): dropped. */
  silent: number;
  /** Dropped without being asked: idle at least as long as one that was silent. */
  droppedUnasked: number;
}

export interface IdleConnectionCheckOptions {
  /** The millisecond clock idleness is read on; monotonic by default (tests move it). */
  now?: () => number;
  checkAfterIdleMs?: number;
  /** At most this long (the statement deadline, if shorter). */
  timeoutMs?: number;
}

/** A connection's last release: when, on the monotonic clock, and its place in the order of releases. */
interface Release {
  at: number;
  order: number;
}

export class IdleConnectionCheck {
  readonly counts: IdleCheckCounts = { answered: 0, silent: 0, droppedUnasked: 0 };
  private readonly now: () => number;
  private readonly checkAfterIdleMs: number;
  private readonly timeoutMs: number;
  private readonly releases = new WeakMap<CheckedClient, Release>();
  private releaseCount = 0;
  /** Connections whose last release came at or before this one in order are dropped unasked. */
  private distrustUpTo = 0;

  constructor(opts: IdleConnectionCheckOptions = {}) {
    this.now = opts.now ?? (() => performance.now());
    this.checkAfterIdleMs = opts.checkAfterIdleMs ?? CHECK_AFTER_IDLE_MS;
    this.timeoutMs = opts.timeoutMs ?? CHECK_TIMEOUT_MS;
  }

  /** The connection went back to the pool, its last statement answered. */
  released(client: CheckedClient): void {
    let release = this.releases.get(client);
    if (!release) this.releases.set(client, (release = { at: 0, order: 0 }));
    release.at = this.now();
    release.order = ++this.releaseCount;
  }

  /** What to do with a connection just taken from the pool, decided without waiting. */
  verdict(client: CheckedClient): IdleVerdict {
    const release = this.releases.get(client);
    // Never released: opened just now.
    if (release === undefined) return 'use';
    if (release.order <= this.distrustUpTo) {
      this.counts.droppedUnasked++;
      return 'drop';
    }
    return this.now() - release.at <= this.checkAfterIdleMs ? 'use' : 'check';
  }

  /**
   * Asks a connection whose verdict was 'check' whether it still answers. False: drop it (release
   * it with an error) and take another; the pool opens a new one when none is idle. Never rejects.
   */
  async answers(client: CheckedClient): Promise<boolean> {
    if (await answersWithin(client, this.timeoutMs)) {
      this.counts.answered++;
      return true;
    }
    this.counts.silent++;
    this.distrustUpTo = Math.max(this.distrustUpTo, this.releases.get(client)?.order ?? 0);
    return false;
  }
}

/**
 * Whether `client` answers a trivial statement within `ms`; an error counts as no.
 *
 * The deadline gives way to an answer already received: when the event loop was held up past it
 * (a long synchronous task), Node runs expired timers before it reads the sockets, so a timer that
 * decided at once would call silent a connection whose answer was waiting to be read, and drop it
 * with every connection idle as long. Deciding on the next turn (setImmediate) lets the sockets be
 * read first.
 */
async function answersWithin(client: CheckedClient, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  let turn: NodeJS.Immediate | undefined;
  const silence = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      turn = setImmediate(() => resolve(false));
    }, ms);
  });
  try {
    const answered = Promise.resolve()
      .then(() => client.query('SELECT 1'))
      .then(
        () => true,
        () => false,
      );
    return await Promise.race([answered, silence]);
  } finally {
    clearTimeout(timer);
    clearImmediate(turn);
  }
}
