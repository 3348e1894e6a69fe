/**
 * Calls reported by a phone system (a PBX such as Asterisk/FreePBX, FreeSWITCH or 3CX) rather than
 * seen through a carrier's webhooks: the workspace's signing secret (created or rotated by an owner,
 * shown once, stored encrypted), and the report itself, which records the call and decides it once
 * through the same path as carrier calls. The text-back goes out through the called number's carrier.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { normalizePhone } from '../domain/phone.js';
import { badRequest } from '../errors.js';
import { checkCallEventTimestamp, isValidCallEventSignature } from '../security/call-event-signature.js';
import { receiveReportedCall } from './handle-call.js';
import { findPhoneNumberByNumber } from './phone-numbers.js';

export const callEventSecretContext = (workspaceId: string) => `call-events:${workspaceId}`;

/** Creates or replaces the workspace's call-event secret; the only time it is shown. */
export async function rotateCallEventSecret(ctx: AppContext, workspaceId: string): Promise<string> {
  const secret = `tbce_${randomBytes(32).toString('base64url')}`;
  const now = ctx.clock.now();
  const sealed = ctx.secrets.seal(secret, callEventSecretContext(workspaceId));
  await ctx.db
    .insertInto('call_event_secrets')
    .values({ workspace_id: workspaceId, secret_ciphertext: sealed, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ secret_ciphertext: sealed, updated_at: now }))
    .execute();
  ctx.logger.info({ workspaceId }, 'call-event secret rotated');
  return secret;
}

async function loadCallEventSecret(ctx: AppContext, workspaceId: string): Promise<string | null> {
  const row = await ctx.db.selectFrom('call_event_secrets').select('secret_ciphertext').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row ? ctx.secrets.open(row.secret_ciphertext, callEventSecretContext(workspaceId)) : null;
}

const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time, such as 2026-05-01T14:03:00Z' });

// PostgreSQL text cannot hold a NUL, and no phone system's call id or number has one: refused
// by name (400) rather than stored stripped as an id the phone system never issued.
const withoutNul = (s: z.ZodString) => s.refine((v) => !v.includes('\u0000'), 'contains a NUL character (\\u0000), which is not allowed');

export const callEventSchema = z
  .object({
    id: withoutNul(z.string().trim().min(1, 'must be the phone system\u2019s call id').max(200)),
    from: withoutNul(z.string().trim().min(1).max(64)),
    to: withoutNul(z.string().trim().min(1).max(64)),
    status: z.enum(['answered', 'missed', 'voicemail'], { message: 'must be "answered", "missed" or "voicemail"' }),
    at: isoDateTime,
    forwardedFrom: withoutNul(z.string().trim().min(1).max(64)).optional(),
  })
  .strict();

export type CallEventReport = z.infer<typeof callEventSchema>;

export type CallEventOutcome =
  | { kind: 'unauthorized'; reason: string }
  | { kind: 'accepted'; callId: string; decided: boolean };

/**
 * Verifies and records one report. Nothing in the body is trusted before the signature checks out:
 * only `to` is read first, to pick the workspace whose secret must have signed it (an unknown
 * number is refused exactly like a bad signature, so the endpoint tells strangers nothing).
 */
export async function receiveCallEventReport(
  ctx: AppContext,
  req: { rawBody: string; timestamp: string | undefined; signature: string | undefined },
): Promise<CallEventOutcome> {
  const fresh = checkCallEventTimestamp(req.timestamp, ctx.clock.now());
  if (!fresh.ok) return { kind: 'unauthorized', reason: fresh.reason };
  if (!req.signature) return { kind: 'unauthorized', reason: 'X-Textback-Signature is missing' };
  let untrusted: unknown;
  try {
    untrusted = JSON.parse(req.rawBody);
  } catch {
    return { kind: 'unauthorized', reason: 'the body is not JSON' };
  }
  const to = typeof (untrusted as { to?: unknown })?.to === 'string' ? normalizePhone((untrusted as { to: string }).to) : null;
  const number = to ? await findPhoneNumberByNumber(ctx, to) : undefined;
  const secret = number ? await loadCallEventSecret(ctx, number.workspace_id) : null;
  if (!number || !secret || !isValidCallEventSignature(secret, req.timestamp as string, req.rawBody, req.signature)) {
    return { kind: 'unauthorized', reason: 'signature check failed' };
  }

  // Signed by the workspace: now the body is validated like any API input (400 names the field).
  const report = callEventSchema.parse(untrusted);
  const startedAt = Date.parse(report.at);
  const now = ctx.clock.now();
  if (startedAt > now + 5 * 60_000) throw badRequest('at is in the future', 'at');
  // A report that comes too late to text about (a PBX replaying its backlog after an outage) is
  // recorded like any other: the text-back policy sees the call's start and skips it, as for every carrier.
  const result = await receiveReportedCall(ctx, number, {
    carrierCallId: report.id,
    from: report.from,
    to: number.number,
    status: report.status,
    startedAt,
    ...(report.forwardedFrom ? { forwardedFrom: report.forwardedFrom } : {}),
    at: now,
  });
  return { kind: 'accepted', ...result };
}
