/**
 * Carrier webhook route modules.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerTwilioMessagingWebhooks } from './twilio-messaging.js';
import { registerTwilioVoiceWebhooks } from './twilio-voice.js';

export const webhookRoutes: Array<(app: FastifyInstance, ctx: AppContext) => void> = [
  registerTwilioVoiceWebhooks,
  registerTwilioMessagingWebhooks,
];
