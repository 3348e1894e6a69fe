/**
 * Carrier webhooks, one route shape for every carrier: /webhooks/:carrier/… delegates verifying and
 * parsing to the carrier's adapter and hands the services carrier-neutral events. The paths are the
 * ones Twilio numbers already point at (/webhooks/twilio/voice, …/sms), so existing numbers keep
 * working.
 *
 * Each request is verified with the owning workspace's credentials before anything is stored; the
 * handler decides, records, enqueues and answers in milliseconds. It never calls a carrier or a model.
 */
import { parse as parseQueryString } from 'fast-querystring';
import type { FastifyBodyParser, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallPlan } from '../../carriers/call-plan.js';
import type { CarrierAdapter, CarrierWebhookRequest, WebhookKind, WebhookResponse } from '../../carriers/carrier.js';
import { findCarrier } from '../../carriers/registry.js';
import type { AppContext } from '../../context.js';
import { normalizePhone } from '../../domain/phone.js';
import { loadCarrierCredentials, openCarrierCredentials, type SealedCarrierAccount } from '../../services/carrier-accounts.js';
import { readCallContext, readMessageContext, readNumberContext, type CallContext, type NumberContext } from '../../services/webhook-context.js';
import {
  receiveCallEnded,
  receiveDialResult,
  receiveIncomingCall,
  receiveScreenAccepted,
  receiveTranscription,
  receiveVoicemail,
  screeningPlan,
} from '../../services/handle-call.js';
import { receiveInboundMessage } from '../../services/receive-inbound-message.js';
import { receiveMessageStatus } from '../../services/receive-message-status.js';
import { ownIdFromQuery, refuseNulOutsideFreeText } from './carrier-nul-check.js';

type Params = { carrier: string };
type Req = FastifyRequest<{ Params: Params }>;

/**
 * The raw body of each webhook request, kept as the body parser reads it, for carriers that sign
 * the bytes (Telnyx, over its JSON and its TeXML forms). Until round 7 a preParsing hook copied
 * every body through a stream before the parsers read it again: ~1–2% of a missed call's CPU.
 */
const rawBodies = new WeakMap<FastifyRequest, string>();

/** Fastify's own JSON parser (prototype-poisoning checks and all), keeping the string it parses. */
function jsonKeepingRawBody(scope: FastifyInstance): FastifyBodyParser<string> {
  const parseJson = scope.getDefaultJsonParser('error', 'error');
  return (req, body, done) => {
    rawBodies.set(req, body);
    return parseJson(req, body, done);
  };
}

/** The form parser of @fastify/formbody (fast-querystring), keeping the string it parses. */
const formKeepingRawBody: FastifyBodyParser<string> = (req, body, done) => {
  rawBodies.set(req, body);
  done(null, parseQueryString(body));
};

function webhookRequest(ctx: AppContext, req: FastifyRequest): CarrierWebhookRequest {
  return {
    url: `${ctx.config.publicUrl}${req.url}`,
    headers: req.headers,
    params: (req.body ?? {}) as Record<string, unknown>,
    query: (req.query ?? {}) as Record<string, unknown>,
    rawBody: rawBodies.get(req) ?? '',
    receivedAt: ctx.clock.now(),
  };
}

function send(reply: FastifyReply, res: WebhookResponse) {
  reply.code(res.status);
  if (res.contentType) reply.type(res.contentType);
  return reply.send(res.body);
}

function sendPlan(ctx: AppContext, reply: FastifyReply, adapter: CarrierAdapter, plan: CallPlan) {
  return send(reply, adapter.renderCallPlan(plan, `${ctx.config.publicUrl}/webhooks/${adapter.name}`));
}

async function reject(req: FastifyRequest, reply: FastifyReply, why = 'signature check failed'): Promise<FastifyReply> {
  req.log.warn({ url: req.url.split('?')[0], why }, 'carrier webhook rejected');
  return reply.code(403).send({ error: { code: 'forbidden', message: 'Invalid or missing webhook signature' } });
}

/**
 * Checks the request's signature with the workspace's credentials: `account` when the caller read
 * the stored row along with its own read (webhook-context), else read here.
 */
async function verified(
  ctx: AppContext,
  req: FastifyRequest,
  adapter: CarrierAdapter,
  workspaceId: string,
  preloaded?: { account: SealedCarrierAccount | undefined },
): Promise<boolean> {
  const creds = preloaded
    ? openCarrierCredentials(ctx, workspaceId, adapter.name, preloaded.account)
    : await loadCarrierCredentials(ctx, workspaceId, adapter.name);
  if (!creds) {
    req.log.warn({ workspaceId, carrier: adapter.name }, 'carrier webhook for a workspace without credentials');
    return false;
  }
  const request = webhookRequest(ctx, req);
  if (!adapter.verifyWebhook(request, creds)) return false;
  // Signed: from here a bad field is the sender's to fix (400), not a forgery (403).
  refuseNulOutsideFreeText(request.params);
  return true;
}

/** Our number (To of an inbound call or text) on this carrier, with what its webhooks need (one read). */
async function ourNumber(ctx: AppContext, value: string | undefined, adapter: CarrierAdapter): Promise<NumberContext | undefined> {
  const e164 = value ? normalizePhone(value) : null;
  if (!e164) return undefined;
  const found = await readNumberContext(ctx, e164);
  return found && found.number.carrier === adapter.name ? found : undefined;
}

/**
 * Resolves and verifies a request for one of our calls (the `call` query parameter of a URL our call
 * instructions gave the carrier), read with its number, workspace and caller in one statement;
 * `carrierCallId` is the caller's call id the carrier named in the request (a valid signature for
 * another call's URL must not touch this call).
 */
async function verifiedCall(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  adapter: CarrierAdapter,
  carrierCallId: (r: CarrierWebhookRequest) => string | undefined,
): Promise<CallContext | null> {
  const id = ownIdFromQuery((req.query as Record<string, unknown>)?.call);
  const found = id ? await readCallContext(ctx, id, adapter.name) : undefined;
  if (!found || !(await verified(ctx, req, adapter, found.call.workspace_id, found))) {
    await reject(req, reply);
    return null;
  }
  const named = carrierCallId(webhookRequest(ctx, req));
  if (named && named !== found.call.carrier_call_id) {
    await reject(req, reply, 'call id does not match');
    return null;
  }
  return found;
}

/** Registers `path` under /webhooks/:carrier for a known carrier; unknown carriers get 404. */
function route(app: FastifyInstance, path: string, handler: (req: Req, reply: FastifyReply, adapter: CarrierAdapter) => Promise<unknown>) {
  app.post<{ Params: Params }>(`/webhooks/:carrier${path}`, async (req, reply) => {
    const adapter = findCarrier(req.params.carrier);
    if (!adapter) return reply.code(404).send({ error: { code: 'not_found', message: 'No such carrier' } });
    return handler(req, reply, adapter);
  });
}

const badRequest = (reply: FastifyReply, field: string) =>
  reply.code(400).send({ error: { code: 'invalid_request', message: `${field} is required`, field } });

export function registerCarrierWebhooks(app: FastifyInstance, ctx: AppContext): void {
  // A scope of their own, so the parsers that keep the raw body serve the webhooks only.
  void app.register(async (scope) => {
    scope.removeContentTypeParser(['application/json', 'application/x-www-form-urlencoded']);
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, jsonKeepingRawBody(scope));
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, formKeepingRawBody);
    registerWebhookRoutes(scope, ctx);
  });
}

function registerWebhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  const ack = (reply: FastifyReply, adapter: CarrierAdapter, kind: WebhookKind) => send(reply, adapter.acknowledge(kind));

  route(app, '/voice', async (req, reply, adapter) => {
    const r = webhookRequest(ctx, req);
    const ev = adapter.parseIncomingCall(r);
    const found = await ourNumber(ctx, ev?.to ?? (r.params.To as string | undefined), adapter);
    if (!found || !(await verified(ctx, req, adapter, found.number.workspace_id, found))) return reject(req, reply);
    if (!ev) return badRequest(reply, 'CallSid');
    const { number } = found;
    const plan = await receiveIncomingCall(
      ctx,
      number,
      {
        carrier: adapter.name,
        carrierCallId: ev.carrierCallId,
        from: ev.from,
        to: number.number,
        ...(ev.forwardedFrom ? { forwardedFrom: ev.forwardedFrom } : {}),
        at: ctx.clock.now(),
      },
      found,
    );
    return sendPlan(ctx, reply, adapter, plan);
  });

  route(app, '/voice/status', async (req, reply, adapter) => {
    const r = webhookRequest(ctx, req);
    const ev = adapter.parseCallStatus(r);
    const found = await ourNumber(ctx, ev?.to ?? (r.params.To as string | undefined), adapter);
    if (!found || !(await verified(ctx, req, adapter, found.number.workspace_id, found))) return reject(req, reply);
    const { number } = found;
    if (ev) {
      await receiveCallEnded(ctx, number, {
        carrier: adapter.name,
        carrierCallId: ev.carrierCallId,
        from: ev.from,
        to: number.number,
        status: ev.status,
        at: ctx.clock.now(),
      });
    }
    return ack(reply, adapter, 'call-status');
  });

  route(app, '/voice/dial', async (req, reply, adapter) => {
    const found = await verifiedCall(ctx, req, reply, adapter, (r) => adapter.parseDialResult(r).carrierCallId || undefined);
    if (!found) return reply;
    const { call } = found;
    const ev = adapter.parseDialResult(webhookRequest(ctx, req));
    const plan = await receiveDialResult(
      ctx,
      call,
      {
        callId: call.id,
        carrierCallId: call.carrier_call_id,
        dialStatus: ev.dialStatus,
        bridged: ev.bridged,
        at: ctx.clock.now(),
      },
      found,
    );
    return sendPlan(ctx, reply, adapter, plan);
  });

  // The answering phone's leg: the whisper it hears before it is connected.
  route(app, '/voice/screen', async (req, reply, adapter) => {
    const found = await verifiedCall(ctx, req, reply, adapter, (r) => adapter.parseScreenLeg(r).carrierCallId);
    if (!found) return reply;
    const { call } = found;
    return sendPlan(ctx, reply, adapter, await screeningPlan(ctx, call));
  });

  route(app, '/voice/screen/answer', async (req, reply, adapter) => {
    const found = await verifiedCall(ctx, req, reply, adapter, (r) => adapter.parseScreenLeg(r).carrierCallId);
    if (!found) return reply;
    const { call } = found;
    const { digits } = adapter.parseScreenLeg(webhookRequest(ctx, req));
    if (digits !== '1') return sendPlan(ctx, reply, adapter, { kind: 'hangup' });
    return sendPlan(ctx, reply, adapter, await receiveScreenAccepted(ctx, call, ctx.clock.now()));
  });

  route(app, '/voice/voicemail', async (req, reply, adapter) => {
    const found = await verifiedCall(ctx, req, reply, adapter, (r) => adapter.parseRecording(r).carrierCallId);
    if (!found) return reply;
    const { call } = found;
    const ev = adapter.parseRecording(webhookRequest(ctx, req));
    if (!ev.url) return sendPlan(ctx, reply, adapter, { kind: 'hangup' });
    const plan = await receiveVoicemail(ctx, call, {
      callId: call.id,
      url: ev.url,
      recordingId: ev.recordingId,
      durationSeconds: ev.durationSeconds,
      at: ctx.clock.now(),
    });
    return sendPlan(ctx, reply, adapter, plan);
  });

  route(app, '/voice/transcription', async (req, reply, adapter) => {
    const found = await verifiedCall(ctx, req, reply, adapter, (r) => adapter.parseTranscription(r).carrierCallId);
    if (!found) return reply;
    const { call } = found;
    const ev = adapter.parseTranscription(webhookRequest(ctx, req));
    if (ev.text && ev.completed) await receiveTranscription(ctx, call, { callId: call.id, text: ev.text, at: ctx.clock.now() });
    return ack(reply, adapter, 'transcription');
  });

  route(app, '/sms', async (req, reply, adapter) => {
    const ev = adapter.parseIncomingText(webhookRequest(ctx, req));
    const found = await ourNumber(ctx, ev.to, adapter);
    if (!found || !(await verified(ctx, req, adapter, found.number.workspace_id, found))) return reject(req, reply);
    const { number } = found;
    if (ev.ignore) return ack(reply, adapter, 'incoming-text');
    if (!ev.carrierMessageId) return badRequest(reply, 'MessageSid');
    const outcome = await receiveInboundMessage(ctx, number, {
      carrier: adapter.name,
      carrierMessageId: ev.carrierMessageId,
      from: ev.from,
      body: ev.body,
      mediaUrls: ev.mediaUrls,
      at: ctx.clock.now(),
      carrierHandlesKeywords: adapter.handlesKeywords,
      ...(ev.carrierKeyword ? { carrierKeyword: ev.carrierKeyword } : {}),
    });
    req.log.info({ workspaceId: number.workspace_id, outcome: outcome.kind }, 'inbound text');
    return ack(reply, adapter, 'incoming-text');
  });

  route(app, '/sms/status', async (req, reply, adapter) => {
    const id = ownIdFromQuery((req.query as Record<string, unknown>)?.m);
    const found = id ? await readMessageContext(ctx, id, adapter.name) : undefined;
    if (!found || !(await verified(ctx, req, adapter, found.message.workspace_id, found))) return reject(req, reply);
    const { message } = found;
    const ev = adapter.parseTextStatus(webhookRequest(ctx, req));
    if (ev.carrierMessageId && ev.status && (!message.carrier_message_id || message.carrier_message_id === ev.carrierMessageId)) {
      await receiveMessageStatus(ctx, message, {
        carrier: adapter.name,
        carrierMessageId: ev.carrierMessageId,
        status: ev.status,
        errorCode: ev.errorCode,
        at: ctx.clock.now(),
      });
    }
    return ack(reply, adapter, 'text-status');
  });
}
