/**
 * Carrier webhook route modules (one shape for every carrier: /webhooks/:carrier/…).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerCarrierWebhooks } from './carrier-webhooks.js';

export const webhookRoutes: Array<(app: FastifyInstance, ctx: AppContext) => void> = [registerCarrierWebhooks];
