/**
 * How a job handler tells the worker what happened, beyond returning normally (done).
 */

/** Retrying cannot help (bad data, a permanent carrier error): the job goes straight to dead. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** Not a failure: run again at `runAt` without using up an attempt (waiting for a call to end, quiet hours). */
export class DeferJob extends Error {
  override name = 'DeferJob';
  constructor(readonly runAt: number, readonly why: string) {
    super(`deferred: ${why}`);
  }
}

/** A transient failure with a server-given wait (HTTP 429 Retry-After). */
export class RetryJobAfter extends Error {
  override name = 'RetryJobAfter';
  constructor(readonly delayMs: number, message: string) {
    super(message);
  }
}
