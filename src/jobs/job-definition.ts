/**
 * A job kind as one typed definition: its name, the zod schema of its payload, its retry policy and
 * its handler. Enqueueing goes through `enqueue(db, now, definition, payload, opts)`, so the
 * payload's shape is checked by the compiler and, again, by the schema before the row is written;
 * the registry (registry.ts) parses it once more when a worker claims the job, so a stored payload
 * of the wrong shape goes dead with a readable error instead of failing somewhere in the handler.
 */
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import { DEFAULT_MAX_ATTEMPTS, enqueueJob, planJobInsert, type EnqueueOptions, type Executor, type PlannedJob } from './job-queue.js';
import type { ClaimedJob } from './job-worker.js';
import type { ClaimRead } from './read-at-claim.js';

/** A claimed job whose payload was parsed by its kind's schema. */
export type TypedJob<P> = Omit<ClaimedJob, 'payload'> & { payload: P };

export interface JobDefinition<S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> {
  /** Stored in jobs.kind: never rename one that may sit in a live queue. */
  readonly name: string;
  readonly schema: S;
  /** Attempts before the job goes dead (backoff between them: backoff.ts, the same for every kind). */
  readonly maxAttempts: number;
  /**
   * Someone is waiting on every job of this kind right now (a missed call's text-back, an inbound
   * text): it is queued urgent, and the claim takes urgent jobs before all others (job-worker.ts).
   * A kind whose urgency depends on the job (a text: a reply to a lead, or one of an import's
   * welcome texts) leaves this false: its caller says so when it queues, or the job inherits the
   * urgency of the job that queues it (EnqueueOptions.urgent).
   */
  readonly urgent: boolean;
  /**
   * PostgreSQL: what the handler reads first, for the worker's claim statement to read in the same
   * round trip (jobs/read-at-claim.ts); the handler gets its row as `job.prefetched`.
   */
  readonly readAtClaim?: ClaimRead;
  /** Method syntax on purpose: lets the registry hold every kind in one list (bivariant parameter). */
  handler(ctx: AppContext, job: TypedJob<z.output<S>>): Promise<void>;
}

export type PayloadOf<D extends JobDefinition> = z.input<D['schema']>;

export function defineJob<S extends z.ZodType<Record<string, unknown>>>(def: {
  name: string;
  schema: S;
  maxAttempts?: number;
  urgent?: boolean;
  readAtClaim?: ClaimRead;
  handler: (ctx: AppContext, job: TypedJob<z.output<S>>) => Promise<void>;
}): JobDefinition<S> {
  return { ...def, maxAttempts: def.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, urgent: def.urgent ?? false };
}

/** A payload that does not fit its job kind's schema; names the field. */
export class InvalidJobPayloadError extends Error {
  override name = 'InvalidJobPayloadError';
  constructor(
    readonly kind: string,
    readonly field: string,
    detail: string,
  ) {
    super(`job "${kind}": payload field "${field}" is invalid: ${detail}`);
  }
}

/** Parses a payload with its kind's schema; throws InvalidJobPayloadError naming the first bad field. */
export function parseJobPayload<S extends z.ZodType<Record<string, unknown>>>(def: JobDefinition<S>, payload: unknown): z.output<S> {
  const result = def.schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(payload)';
  throw new InvalidJobPayloadError(def.name, field, issue?.message ?? 'does not match the schema');
}

export type TypedEnqueueOptions = Omit<EnqueueOptions, 'kind' | 'payload' | 'maxAttempts'>;

/**
 * The untyped queue's options for a job of this kind: the payload checked against its schema, its
 * retry policy, and its urgency — the caller's word, else urgent for a kind that always is, else
 * unset, so the job inherits it (EnqueueOptions.urgent).
 */
function queueOptions<S extends z.ZodType<Record<string, unknown>>, O extends Pick<TypedEnqueueOptions, 'urgent'>>(def: JobDefinition<S>, payload: z.input<S>, opts: O) {
  return { ...opts, kind: def.name, payload: parseJobPayload(def, payload), maxAttempts: def.maxAttempts, urgent: opts.urgent ?? (def.urgent || undefined) };
}

/**
 * Enqueues a job of this kind (see enqueueJob for uniqueKey, onlyIf and follow-ups): the payload is
 * checked against the kind's schema first, and the kind's retry policy is stored with the row.
 */
export async function enqueue<S extends z.ZodType<Record<string, unknown>>>(
  db: Executor,
  now: number,
  def: JobDefinition<S>,
  payload: z.input<S>,
  opts: TypedEnqueueOptions = {},
): Promise<{ id: string | null; created: boolean }> {
  return enqueueJob(db, now, queueOptions(def, payload, opts));
}

/**
 * The row `enqueue` would insert for this kind (payload checked the same way), for a caller that
 * inserts it in a statement of its own; see planJobInsert for the bookkeeping it must finish.
 */
export async function planEnqueue<S extends z.ZodType<Record<string, unknown>>>(
  db: Executor,
  now: number,
  def: JobDefinition<S>,
  payload: z.input<S>,
  opts: Pick<TypedEnqueueOptions, 'workspaceId' | 'uniqueKey' | 'runAt' | 'urgent'> = {},
): Promise<PlannedJob> {
  return planJobInsert(db, now, queueOptions(def, payload, opts));
}
