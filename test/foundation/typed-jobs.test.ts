/**
 * Typed jobs: a payload of the wrong shape is refused when enqueued (naming the field, nothing
 * stored), and a stored job whose payload does not fit its kind goes dead on its first claim with a
 * readable error instead of failing at random inside its handler.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendTextBackJob } from '../../src/jobs/definitions/send-text-back.js';
import { workflowStepJob } from '../../src/jobs/definitions/workflow-step.js';
import { enqueue, InvalidJobPayloadError } from '../../src/jobs/job-definition.js';
import { enqueueJob } from '../../src/jobs/job-queue.js';
import { jobDefinitions } from '../../src/jobs/registry.js';
import type { Store } from '../../src/store/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
let store: Store;

beforeAll(async () => {
  app = await startTestApp();
  store = app.runtime.ctx.store;
});

afterAll(async () => {
  await app.close();
});

beforeEach(async () => {
  await store.db.deleteFrom('jobs').execute();
});

const jobRow = (id: string) => store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('enqueue checks the payload against its kind', () => {
  it('refuses a payload of the wrong shape, naming the field, and stores nothing', async () => {
    // @ts-expect-error callId is a string: the compiler refuses this call too.
    const wrongType = enqueue(store.db, app.clock.now(), sendTextBackJob, { callId: 42 });
    await expect(wrongType).rejects.toBeInstanceOf(InvalidJobPayloadError);
    await expect(wrongType).rejects.toThrow(/job "textback\.send": payload field "callId" is invalid/);
    // @ts-expect-error stepIndex is required.
    const missing = enqueue(store.db, app.clock.now(), workflowStepJob, { runId: 'run_1' });
    await expect(missing).rejects.toMatchObject({ kind: 'workflow.step', field: 'stepIndex' });
    expect(await store.db.selectFrom('jobs').select('id').execute()).toEqual([]);
  });

  it('stores a well-formed payload with the kind and its retry policy', async () => {
    const { id } = await enqueue(store.db, app.clock.now(), workflowStepJob, { runId: 'run_1', stepIndex: 0 }, { runAt: app.clock.now() + 60_000 });
    const row = await jobRow(id!);
    expect(row).toMatchObject({ kind: 'workflow.step', max_attempts: workflowStepJob.maxAttempts, status: 'pending' });
    expect(JSON.parse(row.payload)).toEqual({ runId: 'run_1', stepIndex: 0 });
  });

  it('registers every kind once', () => {
    const names = jobDefinitions.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('textback.send');
  });
});

describe('a stored job with a malformed payload', () => {
  it('goes dead on its first claim, with an error naming the field', async () => {
    const { id } = await enqueueJob(store.db, app.clock.now(), { kind: sendTextBackJob.name, payload: { callId: 42 }, maxAttempts: 8 });
    await app.drainJobs();
    const row = await jobRow(id!);
    expect(row.status).toBe('dead');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/^job "textback\.send": payload field "callId" is invalid: .*string/);
  });

  it('goes dead when the payload is not JSON at all', async () => {
    const { id } = await enqueueJob(store.db, app.clock.now(), { kind: sendTextBackJob.name, payload: {} });
    await store.db.updateTable('jobs').set({ payload: 'not json{' }).where('id', '=', id!).execute();
    await app.drainJobs();
    const row = await jobRow(id!);
    expect(row.status).toBe('dead');
    expect(row.last_error).toBe('job "textback.send": payload is not a JSON object');
  });
});
