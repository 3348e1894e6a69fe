/**
 * A picture a customer sent (MMS), served to the dashboard from our own origin: the browser's CSP
 * allows images from 'self' only, and Twilio media may need the account's credentials. Only URLs on
 * the carrier's own API host are fetched (the host TWILIO_API_URL stands for), with the workspace's
 * credentials, and only images are passed on, at most 5 MB.
 */
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { loadTwilioCredentials } from './carrier-accounts.js';

const MAX_BYTES = 5 * 1024 * 1024;
const TWILIO_HOSTS = new Set(['api.twilio.com']);

export async function fetchMessageMedia(
  ctx: AppContext,
  workspaceId: string,
  messageId: string,
  index: number,
): Promise<{ contentType: string; body: Buffer }> {
  const message = await ctx.db.selectFrom('messages').select(['media', 'carrier']).where('workspace_id', '=', workspaceId).where('id', '=', messageId).executeTakeFirst();
  if (!message) throw notFound('Message');
  const url = (JSON.parse(message.media) as string[])[index];
  if (!url || message.carrier !== 'twilio') throw notFound('Attachment');
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw notFound('Attachment');
  }
  const api = new URL(ctx.config.twilioApiUrl);
  // TWILIO_API_URL stands for every Twilio host: same path, host replaced.
  if (TWILIO_HOSTS.has(target.hostname)) target = new URL(target.pathname + target.search, api);
  else if (target.origin !== api.origin) throw notFound('Attachment');
  const creds = await loadTwilioCredentials(ctx, workspaceId);
  const headers: Record<string, string> = {};
  if (creds) headers.authorization = `Basic ${Buffer.from(`${creds.accountSid}:${creds.authToken}`).toString('base64')}`;
  const res = await fetch(target, { headers, redirect: 'follow', signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new AppError(502, 'media_unavailable', `The carrier did not return the attachment (HTTP ${res.status})`);
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (!contentType.startsWith('image/') || contentType === 'image/svg+xml') throw new AppError(415, 'not_an_image', 'The attachment is not a picture; open it from the carrier instead');
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length > MAX_BYTES) throw new AppError(413, 'too_large', 'The picture is larger than 5 MB');
  return { contentType, body };
}
