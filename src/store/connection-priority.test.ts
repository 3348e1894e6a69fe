/**
 * The pool's bookkeeping (connection-priority.ts) for the dashboard's long reads: they hold at most
 * their share of the connections, wait behind jobs and webhooks for a freed one, and never keep
 * one from the calls. Pure bookkeeping: which waiter is let through, in which order.
 */
import { expect, it } from 'vitest';
import { ConnectionPriority, reportSlotsOf, type ConnectionLane } from './connection-priority.js';

/** Asks for a connection; `granted` lists who got one, in order. */
function asker(priority: ConnectionPriority) {
  const granted: string[] = [];
  const ask = (lane: ConnectionLane, name: string) => void priority.acquire(lane).then(() => granted.push(name));
  return { granted, ask };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

it('lets reports hold a quarter of the pool at most, at least one connection', () => {
  expect([1, 2, 4, 7, 10, 40].map(reportSlotsOf)).toEqual([1, 1, 1, 1, 2, 10]);
});

it('keeps reports beyond their share waiting while connections are free for the calls', async () => {
  const priority = new ConnectionPriority(4, 1);
  const { granted, ask } = asker(priority);
  ask('reports', 'report 1');
  ask('reports', 'report 2');
  ask('others', 'webhook');
  ask('jobs', 'job');
  await settle();
  expect(granted).toEqual(['report 1', 'webhook', 'job']);
  expect(priority.waiting).toEqual({ jobs: 0, others: 0, reports: 1 });

  // The first report's connection comes back: the second takes it.
  priority.release('reports');
  await settle();
  expect(granted).toEqual(['report 1', 'webhook', 'job', 'report 2']);
});

it('hands a freed connection to jobs, then webhooks, then a report within its share', async () => {
  const priority = new ConnectionPriority(2, 1);
  const { granted, ask } = asker(priority);
  ask('others', 'webhook 1');
  ask('others', 'webhook 2');
  await settle();
  ask('reports', 'report');
  ask('others', 'webhook 3');
  ask('jobs', 'job');
  await settle();
  expect(granted).toEqual(['webhook 1', 'webhook 2']);

  priority.release('others');
  await settle();
  expect(granted.at(-1)).toBe('job');
  priority.release('others');
  await settle();
  expect(granted.at(-1)).toBe('webhook 3');
  priority.release('jobs');
  await settle();
  expect(granted).toEqual(['webhook 1', 'webhook 2', 'job', 'webhook 3', 'report']);
  expect(priority.waiting).toEqual({ jobs: 0, others: 0, reports: 0 });
});

it('frees a connection a report may not take, and gives it to a report once another report is done', async () => {
  const priority = new ConnectionPriority(3, 1);
  const { granted, ask } = asker(priority);
  ask('reports', 'report 1');
  ask('others', 'webhook 1');
  ask('others', 'webhook 2');
  ask('reports', 'report 2');
  await settle();
  expect(granted).toEqual(['report 1', 'webhook 1', 'webhook 2']);
  // A webhook's connection comes back; only a report waits, and the reports' share is taken: the connection is left free.
  priority.release('others');
  await settle();
  ask('others', 'webhook 3');
  await settle();
  expect(granted.at(-1)).toBe('webhook 3');
  priority.release('reports');
  await settle();
  expect(granted.at(-1)).toBe('report 2');
});

it("refuses a report at once when the reports' line is full: a 503 to retry, nothing taken", async () => {
  const priority = new ConnectionPriority(1, 1, 2);
  const { granted, ask } = asker(priority);
  ask('reports', 'report 1');
  ask('reports', 'report 2');
  ask('reports', 'report 3');
  await settle();
  const refused = await priority.acquire('reports').catch((err: unknown) => err);
  expect(refused).toMatchObject({ status: 503, code: 'reports_busy', retryAfterSeconds: 5 });
  expect(priority.waiting.reports).toBe(2);
  // The calls are not refused, however many reports wait.
  ask('others', 'webhook');
  priority.release('reports');
  await settle();
  expect(granted).toEqual(['report 1', 'webhook']);
  priority.release('others');
  await settle();
  expect(granted).toEqual(['report 1', 'webhook', 'report 2']);
});
