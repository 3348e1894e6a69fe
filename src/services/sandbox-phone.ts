/**
 * The phone simulator: a virtual caller phone that calls one of the workspace's numbers with a
 * chosen outcome and texts it, driving the very same services as a carrier's webhooks
 * (receiveIncomingCall, receiveDialResult, receiveCallEnded, receiveInboundMessage).
 *
 * A sandbox number is played as it always was. Any other number (Twilio, SignalWire, Telnyx) is a
 * practice call: the owner tries the real number's greeting, forwarding, hours, text-back and agent
 * without phoning it. Its safety is decided here and in the services, not in any carrier:
 * - the virtual phone must be a fictional 555-01XX number, so even a mistake texts nobody real;
 * - the call and text reach the services marked practice (the sandbox carries them, `carrier:
 *   "sandbox"`), which makes the contact a practice contact: every text to it, and every staff
 *   notification about it, is recorded by the sandbox instead of the number's carrier
 *   (sendingClientFor), left out of the overview's figures and removed with the simulator's history.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { e164Schema } from './phone-schema.js';
import type { AppContext } from '../context.js';
import { isFictionalNumber } from '../domain/fictional-number.js';
import { normalizePhone } from '../domain/phone.js';
import { badRequest, notFound } from '../errors.js';
import type { PhoneNumbersTable } from '../store/schema.js';
import { getCall, type Call } from './calls.js';
import { SANDBOX_CARRIER } from './carrier-clients.js';
import { presentMessage, type Message } from './conversations.js';
import {
  receiveCallEnded,
  receiveDialResult,
  receiveIncomingCall,
  receiveScreenAccepted,
  receiveTranscription,
  receiveVoicemail,
} from './handle-call.js';
import { receiveInboundMessage } from './receive-inbound-message.js';

export const sandboxCallSchema = z
  .object({
    to: e164Schema,
    from: e164Schema,
    /** What happens to the call. */
    outcome: z.enum(['no-answer', 'answered', 'busy', 'caller-hangup', 'voicemail']),
    voicemailTranscript: z.string().max(2000).optional(),
    /** The business line that forwarded the call (a number in `forwarded` mode), as a carrier reports it. */
    forwardedFrom: e164Schema.optional(),
  })
  .strict();

export const sandboxTextSchema = z.object({ to: e164Schema, from: e164Schema, body: z.string().min(1).max(1600) }).strict();

/** The number the simulator plays, and whether that is practice (any number not on the sandbox). */
async function simulatedNumber(ctx: AppContext, workspaceId: string, input: { to: string; from: string }): Promise<{ number: PhoneNumbersTable; practice: boolean }> {
  const row = await ctx.db
    .selectFrom('phone_numbers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('number', '=', input.to)
    .executeTakeFirst();
  if (!row) throw notFound('Phone number');
  if (row.carrier === SANDBOX_CARRIER) return { number: row, practice: false };
  if (!isFictionalNumber(input.from)) {
    throw badRequest(
      `from: must be a fictional number from 555-0100 to 555-0199 (such as +1 512 555 0142) to practise on a ${row.carrier} number, so no real phone can ever be texted`,
      'from',
    );
  }
  return { number: row, practice: true };
}

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

/** Plays one call to a sandbox number and returns it as the calls API shows it. */
export async function simulateSandboxCall(
  ctx: AppContext,
  workspaceId: string,
  input: z.infer<typeof sandboxCallSchema>,
): Promise<Call> {
  const { number, practice } = await simulatedNumber(ctx, workspaceId, input);
  const carrierCallId = sid('SBCA');
  const base = { carrier: SANDBOX_CARRIER, carrierCallId, from: input.from, to: number.number, ...(practice ? { practice } : {}) };
  const plan = await receiveIncomingCall(ctx, number, { ...base, forwardedFrom: input.forwardedFrom ?? null, at: ctx.clock.now() });
  const callRow = await ctx.db
    .selectFrom('calls')
    .selectAll()
    .where('carrier', '=', SANDBOX_CARRIER)
    .where('carrier_call_id', '=', carrierCallId)
    .executeTakeFirstOrThrow();

  let next = plan;
  if (plan.kind === 'dial') {
    if (input.outcome === 'caller-hangup') {
      await receiveCallEnded(ctx, number, { ...base, status: 'no-answer', at: ctx.clock.now() });
      return getCall(ctx, workspaceId, callRow.id);
    }
    const answered = input.outcome === 'answered';
    if (answered && plan.screening === 'press-1') await receiveScreenAccepted(ctx, callRow, ctx.clock.now());
    next = await receiveDialResult(ctx, callRow, {
      callId: callRow.id,
      carrierCallId,
      dialStatus: answered ? 'completed' : input.outcome === 'busy' ? 'busy' : 'no-answer',
      bridged: answered,
      at: ctx.clock.now(),
    });
  }
  if (next.kind === 'voicemail' && input.outcome === 'voicemail') {
    const fresh = await ctx.db.selectFrom('calls').selectAll().where('id', '=', callRow.id).executeTakeFirstOrThrow();
    await receiveVoicemail(ctx, fresh, {
      callId: callRow.id,
      url: `${ctx.config.publicUrl}/sandbox/voicemail/${callRow.id}.wav`,
      recordingId: sid('SBRE'),
      durationSeconds: 12,
      at: ctx.clock.now(),
    });
    if (input.voicemailTranscript) {
      await receiveTranscription(ctx, fresh, { callId: callRow.id, text: input.voicemailTranscript, at: ctx.clock.now() });
    }
  }
  await receiveCallEnded(ctx, number, { ...base, status: 'completed', at: ctx.clock.now() });
  return getCall(ctx, workspaceId, callRow.id);
}

/** The virtual phone texts one of the workspace's numbers (practice on any but a sandbox number). */
export async function sendSandboxText(ctx: AppContext, workspaceId: string, input: z.infer<typeof sandboxTextSchema>): Promise<{ messageId: string | null }> {
  const { number, practice } = await simulatedNumber(ctx, workspaceId, input);
  const outcome = await receiveInboundMessage(ctx, number, {
    carrier: SANDBOX_CARRIER,
    ...(practice ? { practice } : {}),
    carrierMessageId: sid('SBSM'),
    from: input.from,
    body: input.body,
    mediaUrls: [],
    at: ctx.clock.now(),
    // There is no carrier in between, even on a practice call to a Twilio number: Textback itself
    // confirms STOP and START.
    carrierHandlesKeywords: false,
  });
  return { messageId: outcome.kind === 'stored' ? outcome.messageId : null };
}

/**
 * Everything the virtual phone sent and received, oldest first (as a phone shows a thread): the
 * sandbox carries every simulator text, practice ones included.
 */
export async function sandboxPhoneMessages(ctx: AppContext, workspaceId: string, phoneNumber: string): Promise<Message[]> {
  const e164 = normalizePhone(phoneNumber);
  if (!e164) throw badRequest('must be a phone number in E.164 form', 'phone');
  const rows = await ctx.db
    .selectFrom('messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('carrier', '=', SANDBOX_CARRIER)
    .where((eb) => eb.or([eb('from_number', '=', e164), eb('to_number', '=', e164)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map(presentMessage);
}
