/**
 * Twilio voice webhooks: the number's Voice URL and status callback, and the URLs our TwiML names
 * (dial result, screening, voicemail, transcription). Each request is verified with the owning
 * workspace's auth token before anything is read into the database; the handler decides, records,
 * enqueues and answers in milliseconds. It never calls Twilio or a model.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderCallPlan } from '../../carriers/twilio/twiml.js';
import type { AppContext } from '../../context.js';
import type { CallsTable } from '../../store/schema.js';
import {
  receiveCallEnded,
  receiveDialResult,
  receiveIncomingCall,
  receiveScreenAccepted,
  receiveTranscription,
  receiveVoicemail,
  screeningPlan,
} from '../../services/handle-call.js';
import type { CallPlan } from '../../carriers/call-plan.js';
import { callFromQuery, numberFromParam, rejectUnverified, twilioParams, verifyTwilioRequest } from './twilio-verify.js';
import { badRequest } from '../../errors.js';

const CARRIER = 'twilio';

function sendPlan(ctx: AppContext, reply: FastifyReply, plan: CallPlan) {
  return reply
    .code(200)
    .type('text/xml')
    .send(renderCallPlan(plan, { webhookBase: `${ctx.config.publicUrl}/webhooks/twilio` }));
}

/** Resolves and verifies a request for one of our calls (URL query `call`). */
async function verifiedCall(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, sidParam: 'CallSid' | 'ParentCallSid'): Promise<CallsTable | null> {
  const call = await callFromQuery(ctx, req);
  const params = twilioParams(req);
  if (!call || !(await verifyTwilioRequest(ctx, req, call.workspace_id))) {
    await rejectUnverified(req, reply);
    return null;
  }
  // A valid signature for a different call's URL must not touch this call.
  if (params[sidParam] && params[sidParam] !== call.carrier_call_id) {
    await rejectUnverified(req, reply, 'call id does not match');
    return null;
  }
  return call;
}

export function registerTwilioVoiceWebhooks(app: FastifyInstance, ctx: AppContext): void {
  app.post('/webhooks/twilio/voice', async (req, reply) => {
    const params = twilioParams(req);
    const number = await numberFromParam(ctx, params.To, CARRIER);
    if (!number || !(await verifyTwilioRequest(ctx, req, number.workspace_id))) return rejectUnverified(req, reply);
    if (!params.CallSid) throw badRequest('CallSid is required', 'CallSid');
    const plan = await receiveIncomingCall(ctx, number, {
      carrier: CARRIER,
      carrierCallId: params.CallSid,
      from: params.From ?? 'anonymous',
      to: number.number,
      forwardedFrom: params.ForwardedFrom || null,
      at: ctx.clock.now(),
    });
    return sendPlan(ctx, reply, plan);
  });

  app.post('/webhooks/twilio/voice/status', async (req, reply) => {
    const params = twilioParams(req);
    const number = await numberFromParam(ctx, params.To, CARRIER);
    if (!number || !(await verifyTwilioRequest(ctx, req, number.workspace_id))) return rejectUnverified(req, reply);
    if (params.CallSid && params.CallStatus) {
      await receiveCallEnded(ctx, number, {
        carrier: CARRIER,
        carrierCallId: params.CallSid,
        from: params.From ?? 'anonymous',
        to: number.number,
        status: params.CallStatus,
        at: ctx.clock.now(),
      });
    }
    return reply.code(204).send();
  });

  app.post('/webhooks/twilio/voice/dial', async (req, reply) => {
    const call = await verifiedCall(ctx, req, reply, 'CallSid');
    if (!call) return reply;
    const params = twilioParams(req);
    const plan = await receiveDialResult(ctx, call, {
      callId: call.id,
      carrierCallId: call.carrier_call_id,
      dialStatus: params.DialCallStatus ?? 'failed',
      bridged: params.DialBridged === undefined ? undefined : params.DialBridged.toLowerCase() === 'true',
      at: ctx.clock.now(),
    });
    return sendPlan(ctx, reply, plan);
  });

  // The answering phone's leg: its own CallSid, the caller's as ParentCallSid.
  app.post('/webhooks/twilio/voice/screen', async (req, reply) => {
    const call = await verifiedCall(ctx, req, reply, 'ParentCallSid');
    if (!call) return reply;
    return sendPlan(ctx, reply, await screeningPlan(ctx, call));
  });

  app.post('/webhooks/twilio/voice/screen/answer', async (req, reply) => {
    const call = await verifiedCall(ctx, req, reply, 'ParentCallSid');
    if (!call) return reply;
    const digits = twilioParams(req).Digits ?? '';
    if (digits.trim() !== '1') return sendPlan(ctx, reply, { kind: 'hangup' });
    return sendPlan(ctx, reply, await receiveScreenAccepted(ctx, call, ctx.clock.now()));
  });

  app.post('/webhooks/twilio/voice/voicemail', async (req, reply) => {
    const call = await verifiedCall(ctx, req, reply, 'CallSid');
    if (!call) return reply;
    const params = twilioParams(req);
    if (!params.RecordingUrl) return sendPlan(ctx, reply, { kind: 'hangup' });
    const plan = await receiveVoicemail(ctx, call, {
      callId: call.id,
      url: params.RecordingUrl,
      recordingId: params.RecordingSid ?? '',
      durationSeconds: Number(params.RecordingDuration ?? 0) || 0,
      at: ctx.clock.now(),
    });
    return sendPlan(ctx, reply, plan);
  });

  app.post('/webhooks/twilio/voice/transcription', async (req, reply) => {
    const call = await verifiedCall(ctx, req, reply, 'CallSid');
    if (!call) return reply;
    const params = twilioParams(req);
    if (params.TranscriptionText && (params.TranscriptionStatus ?? 'completed') === 'completed') {
      await receiveTranscription(ctx, call, { callId: call.id, text: params.TranscriptionText, at: ctx.clock.now() });
    }
    return reply.code(204).send();
  });
}
