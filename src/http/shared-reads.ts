/**
 * One computation of a report for every request that asks for the same one while it runs.
 *
 * Dashboards left open refetch when something changes, and every open dashboard of a business sees
 * the same change at the same moment: three people on the overview of a busy business asked for the
 * same figures three times within milliseconds, and each computation read every call of the range
 * (0.3–0.6 s at 100,000 calls; docs/performance.md, round 25). A request that arrives while the
 * same report is being computed now waits for that computation and gets its answer: the figures as
 * of a moment before it asked, by less than one computation's time, as if it had come that much
 * earlier. A request arriving after it settled starts a new one; nothing is kept.
 *
 * Abandoned reads (store/abandoned-reads.ts): the shared computation's statements are dropped only
 * when every request sharing it has gone. One that joined a computation its askers had all left
 * (it failed with request_abandoned) starts its own. A write the answer must show (the sandbox
 * history cleared) calls `forget`, so requests after it start afresh instead of joining a
 * computation that began before it.
 */
import { AppError } from '../errors.js';

interface Running<T> {
  askersGone: (() => boolean)[];
  answer: Promise<T>;
}

export class SharedReads<T> {
  private readonly running = new Map<string, Running<T>>();
  /** Requests answered by a computation of their own, and by one they shared (the metrics' figures). */
  computed = 0;
  shared = 0;

  /** `report`: what is read, as the metrics name it (`overview`). */
  constructor(readonly report: string) {}

  /**
   * The answer for `key`: the running computation's if there is one, else `compute`'s. `compute`
   * gets the check its reads carry: whether every request sharing it has gone.
   */
  read(key: string, askerGone: () => boolean, compute: (allGone: () => boolean) => Promise<T>): Promise<T> {
    const joined = this.running.get(key);
    if (joined) {
      this.shared++;
      joined.askersGone.push(askerGone);
      return joined.answer.catch((err: unknown) => {
        // Its askers had all gone before this one joined: read for this one alone (counted as computed, not shared).
        if (isAbandonedError(err) && !askerGone()) {
          this.shared--;
          return this.read(key, askerGone, compute);
        }
        throw err;
      });
    }
    this.computed++;
    const askersGone = [askerGone];
    const answer = compute(() => askersGone.every((gone) => gone()));
    const running: Running<T> = {
      askersGone,
      answer: answer.finally(() => {
        if (this.running.get(key) === running) this.running.delete(key);
      }),
    };
    this.running.set(key, running);
    return running.answer;
  }

  /** Requests from now on start afresh: the computations under way began before a write their answers must show. */
  forget(matches: (key: string) => boolean): void {
    for (const key of [...this.running.keys()]) if (matches(key)) this.running.delete(key);
  }
}

function isAbandonedError(err: unknown): boolean {
  return err instanceof AppError && err.code === 'request_abandoned';
}
