/**
 * Finding the workspace a Twilio webhook belongs to, and checking its signature with that
 * workspace's auth token. A request that fails gets 403 before anything is stored.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isValidTwilioSignature } from '../../carriers/twilio/twilio-signature.js';
import type { AppContext } from '../../context.js';
import { normalizePhone } from '../../domain/phone.js';
import { loadTwilioCredentials } from '../../services/carrier-accounts.js';
import { findPhoneNumberByNumber } from '../../services/phone-numbers.js';
import type { CallsTable, PhoneNumbersTable } from '../../store/schema.js';
import { forbidden } from '../../errors.js';

/** The form parameters of a Twilio webhook as strings. */
export function twilioParams(req: FastifyRequest): Record<string, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) out[k] = Array.isArray(v) ? String(v[v.length - 1]) : String(v);
  return out;
}

/** The raw parameters exactly as parsed (arrays kept), which the signature covers. */
function signedParams(req: FastifyRequest): Record<string, string> {
  return (req.body ?? {}) as Record<string, string>;
}

export async function verifyTwilioRequest(ctx: AppContext, req: FastifyRequest, workspaceId: string): Promise<boolean> {
  const creds = await loadTwilioCredentials(ctx, workspaceId);
  if (!creds) {
    req.log.warn({ workspaceId }, 'twilio webhook for a workspace without Twilio credentials');
    return false;
  }
  const signature = req.headers['x-twilio-signature'];
  return isValidTwilioSignature(
    creds.authToken,
    typeof signature === 'string' ? signature : undefined,
    ctx.config.publicUrl,
    req.url,
    signedParams(req),
  );
}

/** 403 through errors.ts; nothing is stored. (Returns never: callers may `return` it as before.) */
export async function rejectUnverified(req: FastifyRequest, _reply: FastifyReply, why = 'signature check failed'): Promise<never> {
  req.log.warn({ url: req.url.split('?')[0], why }, 'twilio webhook rejected');
  throw forbidden('Invalid or missing X-Twilio-Signature');
}

/** Our number named by a webhook parameter (To for inbound calls and texts), on this carrier. */
export async function numberFromParam(ctx: AppContext, value: string | undefined, carrier: string): Promise<PhoneNumbersTable | undefined> {
  const e164 = value ? normalizePhone(value) : null;
  if (!e164) return undefined;
  const number = await findPhoneNumberByNumber(ctx, e164);
  return number && number.carrier === carrier ? number : undefined;
}

/** The call named by the `call` query parameter of a URL our TwiML gave Twilio. */
export async function callFromQuery(ctx: AppContext, req: FastifyRequest): Promise<CallsTable | undefined> {
  const id = (req.query as Record<string, unknown>)?.call;
  if (typeof id !== 'string' || !id) return undefined;
  return ctx.db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst();
}
