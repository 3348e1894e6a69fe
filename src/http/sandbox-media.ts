/**
 * The sandbox carrier's "recordings": a sandbox voicemail has no real audio, so its URL serves a
 * short generated tone (WAV), which lets the dashboard's voicemail player work offline.
 */
import type { FastifyInstance } from 'fastify';
import { sandboxVoicemailTone } from '../carriers/sandbox/sandbox-tone.js';
import { notFound } from '../errors.js';

const TONE = sandboxVoicemailTone();

export function registerSandboxMedia(app: FastifyInstance): void {
  app.get('/sandbox/voicemail/:file', async (req, reply) => {
    const { file } = req.params as { file: string };
    if (!/^call_[0-9A-Z]{26}\.wav$/.test(file)) throw notFound('Recording');
    return reply.type('audio/wav').header('cache-control', 'public, max-age=86400').send(TONE);
  });
}
