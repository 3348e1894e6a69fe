/**
 * Twilio messaging webhooks: the number's Messaging URL (inbound texts, answered with an empty
 * TwiML response at once; replies go out through jobs) and the per-message status callback.
 */
import type { FastifyInstance } from 'fastify';
import { emptyTwiml } from '../../carriers/twilio/twiml.js';
import type { AppContext } from '../../context.js';
import { receiveInboundMessage } from '../../services/receive-inbound-message.js';
import { receiveMessageStatus } from '../../services/receive-message-status.js';
import { numberFromParam, rejectUnverified, twilioParams, verifyTwilioRequest } from './twilio-verify.js';
import { badRequest } from '../../errors.js';

export function registerTwilioMessagingWebhooks(app: FastifyInstance, ctx: AppContext): void {
  app.post('/webhooks/twilio/sms', async (req, reply) => {
    const params = twilioParams(req);
    const number = await numberFromParam(ctx, params.To, 'twilio');
    if (!number || !(await verifyTwilioRequest(ctx, req, number.workspace_id))) return rejectUnverified(req, reply);
    const sid = params.MessageSid ?? params.SmsMessageSid ?? params.SmsSid;
    if (!sid) throw badRequest('MessageSid is required', 'MessageSid');
    const mediaCount = Math.min(10, Number(params.NumMedia ?? 0) || 0);
    const mediaUrls = Array.from({ length: mediaCount }, (_, i) => params[`MediaUrl${i}`]).filter((u): u is string => !!u);
    const outcome = await receiveInboundMessage(ctx, number, {
      carrier: 'twilio',
      carrierMessageId: sid,
      from: params.From ?? '',
      body: params.Body ?? '',
      mediaUrls,
      at: ctx.clock.now(),
      carrierHandlesKeywords: true,
    });
    req.log.info({ workspaceId: number.workspace_id, outcome: outcome.kind }, 'inbound text');
    return reply.code(200).type('text/xml').send(emptyTwiml());
  });

  app.post('/webhooks/twilio/sms/status', async (req, reply) => {
    const id = (req.query as Record<string, unknown>)?.m;
    const message =
      typeof id === 'string' ? await ctx.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!message || !(await verifyTwilioRequest(ctx, req, message.workspace_id))) return rejectUnverified(req, reply);
    const params = twilioParams(req);
    const sid = params.MessageSid ?? params.SmsSid;
    const status = params.MessageStatus ?? params.SmsStatus;
    if (sid && status && (!message.carrier_message_id || message.carrier_message_id === sid)) {
      await receiveMessageStatus(ctx, message, {
        carrier: 'twilio',
        carrierMessageId: sid,
        status,
        errorCode: params.ErrorCode ? String(params.ErrorCode) : null,
        at: ctx.clock.now(),
      });
    }
    return reply.code(204).send();
  });
}
