/**
 * How many of the dashboard's long reads may wait at once, in one process: on SQLite for the report
 * thread (sqlite-read-thread.ts), on PostgreSQL for the reports' share of the pool
 * (connection-priority.ts). More are refused at once with a 503 the client can retry.
 *
 * Why a bound: a read the server accepted is read to its end even when its client has gone, and a
 * dashboard (or an API client) that asks again before the last answer came (aborting the last)
 * can ask faster than the reads are answered. Without one, the reads an inbox refetching on every
 * live event asked during a burst of calls queued up without end: 800 MB of RSS and minutes of
 * reading after the calls had ended, for clients long gone (docs/performance.md, round 24). 500
 * statements is far above what staff's open dashboards ask at once (a page is seven, the counts
 * seven) and a fraction of a second to a few seconds of reading.
 */
import { AppError } from '../errors.js';

export const MAX_WAITING_REPORT_STATEMENTS = 500;

/** Seconds a refused client is told to wait (Retry-After). */
const RETRY_AFTER_SECONDS = 5;

/** The error a refused read gets: 503, in words a person understands. */
export function reportsBusy(): AppError {
  return new AppError(503, 'reports_busy', 'The server is busy answering other dashboard reads: try again in a few seconds.', undefined, RETRY_AFTER_SECONDS);
}
