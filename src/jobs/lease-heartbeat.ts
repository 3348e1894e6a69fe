/**
 * A running job's lease heartbeat: while the handler runs, the worker moves the job's lease on
 * every third of its length, so a slow job is not taken over by another worker; and it records what
 * each beat found (follow-up-scope.ts `lease`), which a send checks before it may go out
 * (leaseHeld): extended, or no longer this worker's.
 *
 * When the beats come is the worker's `heartbeats` option: a real-time interval in production; a
 * test beats by hand (`heartbeatsByHand`), so it can assert what a beat finds without waiting
 * for one.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database } from '../store/schema.js';
import type { FollowUps } from './follow-up-scope.js';

/** Calls `beat` every `everyMs` until the returned function stops it. */
export type HeartbeatSchedule = (beat: () => Promise<void>, everyMs: number) => () => void;

/** Beats in real time; the timer never keeps the process alive. */
export const realTimeHeartbeats: HeartbeatSchedule = (beat, everyMs) => {
  const timer = setInterval(() => void beat(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
};

/** Beats when the test says: `beat()` runs the beat of every job running now, awaits them, and says how many ran. */
export function heartbeatsByHand(): { schedule: HeartbeatSchedule; beat: () => Promise<number> } {
  const beats = new Set<() => Promise<void>>();
  return {
    schedule: (beat) => {
      beats.add(beat);
      return () => beats.delete(beat);
    },
    beat: async () => {
      const running = [...beats];
      await Promise.all(running.map((b) => b()));
      return running.length;
    },
  };
}

/** Starts the heartbeat of the job `id` this worker holds with `token`; returns what stops it. */
export function startLeaseHeartbeat(p: {
  db: Kysely<Database>;
  clock: Clock;
  leaseMs: number;
  id: string;
  token: string;
  scope: FollowUps;
  log: Logger;
  schedule: HeartbeatSchedule;
}): () => void {
  const beat = async () => {
    const now = p.clock.now();
    try {
      const result = await p.db
        .updateTable('jobs')
        .set({ locked_until: now + p.leaseMs })
        .where('id', '=', p.id)
        .where('locked_by', '=', p.token)
        .executeTakeFirst();
      p.scope.lease = { until: Number(result.numUpdatedRows) > 0 ? now + p.leaseMs : 0, ms: p.leaseMs };
    } catch (err) {
      // A failed heartbeat changes nothing here: the lease then runs out on its own time.
      p.log.warn({ err }, 'lease heartbeat failed');
    }
  };
  return p.schedule(beat, Math.max(1_000, Math.floor(p.leaseMs / 3)));
}
