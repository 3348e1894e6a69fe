/**
 * A deadline for PostgreSQL's answer to each statement (DATABASE_QUERY_TIMEOUT_SECONDS).
 *
 * Why: a connection can go silent. A failover whose old server vanished, or a NAT or load balancer
 * that forgot the flow, tells the client nothing (no FIN, no RST), and a statement sent on such a
 * connection waits until TCP gives up, about 15 minutes on Linux. At that moment every connection of
 * a busy process is such a one, so the whole process, webhooks and text-backs alike, would stand
 * still that long. Past the deadline the connection is closed: its statement fails (a webhook
 * answers 500 and the carrier's fallback rings; a job retries) and the pool opens a new one.
 *
 * How, cheaply: statements are the hot path (five per missed call), so a statement does not get a
 * timer of its own. Each connection notes the tick its statement started on (two property writes),
 * and one timer per pool advances the tick and closes the connections whose statement is older than
 * the deadline. A connection runs one statement at a time, so one note per connection is enough.
 *
 * Schema changes and advisory locks have no deadline: a migration's index build on a large table
 * takes what it takes, and a process starting while another migrates waits for its lock.
 */

import { perStatementText } from './per-statement-text.js';

/** DATABASE_QUERY_TIMEOUT_SECONDS's default. */
export const DEFAULT_QUERY_TIMEOUT_MS = 60_000;

/**
 * Opening a connection gives up after this (or the statement deadline, if shorter): a server
 * address that no longer answers (a failover before the name points at the new server) would
 * otherwise hold the connect until TCP gives up, ~2 minutes unanswered or forever once a proxy
 * accepted it, and the statement waiting for that connection with it.
 */
export const CONNECT_TIMEOUT_MS = 10_000;

const UNBOUNDED = /^\s*(create|alter|drop)\b|pg_advisory/i;

/** Whether `text` is exempt from the deadline, once per statement text (the pattern is unanchored in part). */
export const hasNoDeadline = perStatementText((text) => UNBOUNDED.test(text));

/** What a statement cut off at the deadline fails with, and every later use of its connection. */
export class SilentConnection extends Error {
  constructor(seconds: number) {
    super(`PostgreSQL did not answer within ${seconds} s; the connection is dropped (DATABASE_QUERY_TIMEOUT_SECONDS)`);
  }
}

/** One connection's statement in flight: the tick it started on, or -1. */
export interface WatchedConnection {
  startedTick: number;
  /** Called once its statement passed the deadline: close the connection. */
  expire(): void;
}

export class StatementDeadline {
  /** The current tick; a statement notes it when it starts. */
  tick = 0;
  private readonly everyMs: number;
  /** Ticks a statement may last; it is cut off between `ticks` and `ticks + 1` ticks after it started. */
  private readonly ticks: number;
  private readonly watched = new Set<WatchedConnection>();
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly ms: number) {
    // A tenth of the deadline, at most a second: the deadline holds to within 10%.
    this.everyMs = Math.max(10, Math.min(1_000, Math.floor(ms / 10)));
    this.ticks = Math.max(1, Math.round(ms / this.everyMs));
  }

  watch(connection: WatchedConnection): void {
    this.watched.add(connection);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.everyMs);
      this.timer.unref();
    }
  }

  unwatch(connection: WatchedConnection): void {
    this.watched.delete(connection);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private sweep(): void {
    this.tick++;
    for (const c of this.watched) {
      if (c.startedTick >= 0 && this.tick - c.startedTick > this.ticks) {
        c.startedTick = -1;
        c.expire();
      }
    }
  }
}
