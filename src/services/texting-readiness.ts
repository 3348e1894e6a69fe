/**
 * A number's texting readiness (issue 10 item 1): asked of the carrier on import, on demand, and
 * daily by a job; stored on the number with the Messaging Service it sends through. A carrier API
 * failure never breaks the number: readiness says `unknown` with the error in words, and the job
 * tries again within the hour.
 */
import type { ReadinessCheck } from '../carriers/carrier.js';
import { findCarrier } from '../carriers/registry.js';
import type { AppContext } from '../context.js';
import { AppError, badRequest } from '../errors.js';
import { DeferJob } from '../jobs/job-errors.js';
import type { Executor } from '../jobs/job-queue.js';
import type { PhoneNumbersTable } from '../store/schema.js';
import { requireCarrierAccount } from './carrier-clients.js';
import { readinessJob, type ReadinessPayload } from '../jobs/definitions/readiness.js';
import { enqueue, type TypedJob } from '../jobs/job-definition.js';

const DAY_MS = 24 * 60 * 60_000;
const RETRY_MS = 60 * 60_000;

export interface Readiness {
  status: 'ready' | 'action_needed' | 'unknown';
  checks: ReadinessCheck[];
  checkedAt: string | null;
}

/** The readiness the API shows for a number row. */
export function presentReadiness(row: Pick<PhoneNumbersTable, 'carrier' | 'readiness'>): Readiness {
  const adapter = findCarrier(row.carrier);
  if (adapter && !adapter.numbersBelongToAccount) {
    return { status: 'ready', checks: [{ id: 'sandbox', ok: true, message: 'Sandbox numbers text the phone simulator: nothing to register.' }], checkedAt: null };
  }
  if (!row.readiness) {
    return { status: 'unknown', checks: [{ id: 'not_checked', ok: false, message: 'Not checked with the carrier yet.' }], checkedAt: null };
  }
  return JSON.parse(row.readiness) as Readiness;
}

const statusOf = (checks: ReadinessCheck[]): Readiness['status'] => (checks.every((c) => c.ok) ? 'ready' : 'action_needed');

/** Asks the carrier now and stores the answer; never throws for a carrier failure (readiness `unknown`). */
export async function refreshReadiness(ctx: AppContext, row: PhoneNumbersTable): Promise<Readiness> {
  const adapter = findCarrier(row.carrier);
  if (!adapter || !adapter.numbersBelongToAccount) return presentReadiness(row);
  const now = ctx.clock.now();
  let readiness: Readiness;
  let serviceSid = row.messaging_service_sid;
  let carrierNumberId = row.carrier_number_id;
  try {
    const account = await requireCarrierAccount(ctx, row.workspace_id, adapter);
    if (!account.checkTextingReadiness) {
      readiness = { status: 'unknown', checks: [{ id: 'unsupported', ok: false, message: `${adapter.displayName} readiness checks are not supported yet.` }], checkedAt: new Date(now).toISOString() };
    } else {
      const report = await account.checkTextingReadiness({ number: row.number, carrierNumberId: row.carrier_number_id, messagingServiceId: row.messaging_service_sid });
      serviceSid = report.messagingServiceId ?? row.messaging_service_sid;
      carrierNumberId = report.carrierNumberId ?? row.carrier_number_id;
      readiness = { status: statusOf(report.checks), checks: report.checks, checkedAt: new Date(now).toISOString() };
    }
  } catch (err) {
    const why = err instanceof AppError ? err.message : `${adapter.displayName} could not be asked: ${(err as Error).message}`;
    readiness = {
      status: 'unknown',
      checks: [{ id: 'carrier_unreachable', ok: false, message: `${why}. The number still works; Textback checks again within the hour.` }],
      checkedAt: new Date(now).toISOString(),
    };
  }
  await ctx.db
    .updateTable('phone_numbers')
    .set({ readiness: JSON.stringify(readiness), messaging_service_sid: serviceSid, carrier_number_id: carrierNumberId })
    .where('id', '=', row.id)
    .execute();
  return readiness;
}

/** Starts the number's daily readiness job (idempotent: one job per number, forever). */
export async function scheduleReadinessCheck(db: Executor, row: Pick<PhoneNumbersTable, 'id' | 'workspace_id' | 'carrier'>, now: number, runAt = now): Promise<void> {
  if (!findCarrier(row.carrier)?.numbersBelongToAccount) return;
  await enqueue(db, now, readinessJob, { phoneNumberId: row.id }, { workspaceId: row.workspace_id, uniqueKey: `readiness:${row.id}`, runAt });
}

/** The job: check, then sleep a day (or an hour after a failure) and check again while the number exists. */
export async function runReadinessJob(ctx: AppContext, job: TypedJob<ReadinessPayload>): Promise<void> {
  const row = await ctx.db.selectFrom('phone_numbers').selectAll().where('id', '=', job.payload.phoneNumberId).executeTakeFirst();
  if (!row) return;
  const readiness = await refreshReadiness(ctx, row);
  const now = ctx.clock.now();
  throw new DeferJob(now + (readiness.status === 'unknown' ? RETRY_MS : DAY_MS), 'next daily readiness check');
}

/** The owner asked Textback to make the Messaging Service hand replies to the number's webhook. */
export async function fixInboundRouting(ctx: AppContext, row: PhoneNumbersTable): Promise<Readiness> {
  const adapter = findCarrier(row.carrier);
  if (!adapter?.numbersBelongToAccount || !row.messaging_service_sid) {
    throw badRequest('This number is not in a Messaging Service: there is nothing to fix', 'messagingServiceSid');
  }
  const account = await requireCarrierAccount(ctx, row.workspace_id, adapter);
  if (!account.useNumberInboundWebhook) throw badRequest(`${adapter.displayName} has no such setting`, 'messagingServiceSid');
  await account.useNumberInboundWebhook(row.messaging_service_sid).catch((err: unknown) => {
    throw new AppError(502, 'carrier_error', `${adapter.displayName} answered: ${(err as Error).message}`);
  });
  ctx.logger.info({ workspaceId: row.workspace_id, phoneNumberId: row.id }, 'messaging service now uses the number inbound webhook');
  return refreshReadiness(ctx, { ...row });
}
