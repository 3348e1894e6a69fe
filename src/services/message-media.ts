/**
 * A picture a customer sent (MMS), served to the dashboard from our own origin: the browser's CSP
 * allows images from 'self' only, and carrier media may need the account's credentials. The
 * carrier's adapter fetches it with the workspace's credentials and refuses any host that is not the
 * carrier's own (so the credentials never go anywhere else); only images are passed on, at most 5 MB.
 */
import { CarrierApiError, FOREIGN_MEDIA_HOST } from '../carriers/carrier.js';
import { findCarrier } from '../carriers/registry.js';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { requireCarrierAccount } from './carrier-clients.js';

const MAX_BYTES = 5 * 1024 * 1024;

export async function fetchMessageMedia(
  ctx: AppContext,
  workspaceId: string,
  messageId: string,
  index: number,
): Promise<{ contentType: string; body: Buffer }> {
  const message = await ctx.db.selectFrom('messages').select(['media', 'carrier']).where('workspace_id', '=', workspaceId).where('id', '=', messageId).executeTakeFirst();
  if (!message) throw notFound('Message');
  const url = (JSON.parse(message.media) as string[])[index];
  const adapter = message.carrier ? findCarrier(message.carrier) : undefined;
  if (!url || !adapter) throw notFound('Attachment');
  const account = await requireCarrierAccount(ctx, workspaceId, adapter);
  if (!account.fetchRecording) throw notFound('Attachment');
  const media = await account.fetchRecording(url).catch((err: unknown) => {
    // A URL on any other host is not one of the carrier's attachments: the credentials never go there.
    if (err instanceof CarrierApiError && err.code === FOREIGN_MEDIA_HOST) throw notFound('Attachment');
    throw new AppError(502, 'media_unavailable', `The carrier did not return the attachment (${(err as Error).message})`);
  });
  const contentType = media.contentType.split(';')[0]!.trim();
  if (!contentType.startsWith('image/') || contentType === 'image/svg+xml') throw new AppError(415, 'not_an_image', 'The attachment is not a picture; open it from the carrier instead');
  if (media.body.length > MAX_BYTES) throw new AppError(413, 'too_large', 'The picture is larger than 5 MB');
  return { contentType, body: media.body };
}
