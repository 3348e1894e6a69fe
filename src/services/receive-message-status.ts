/**
 * Delivery status callbacks: deduplicated on (carrier message id, status), applied only when they
 * move the message forward, with the carrier's error code and its meaning kept. A failure that
 * says the phone cannot take texts (or opted out at the carrier) updates the contact.
 */
import type { AppContext } from '../context.js';
import { FAILED_STATUSES, isStatusAdvance } from '../domain/message-status.js';
import type { MessagesTable } from '../store/schema.js';
import { applyCarrierErrorToContact, applyCarrierErrorToNumber, clearStrikesOnDelivery, describeCarrierError } from './outbound-messages.js';

export interface MessageStatusEvent {
  carrier: string;
  carrierMessageId: string;
  status: string;
  errorCode: string | null;
  at: number;
}

export async function receiveMessageStatus(ctx: AppContext, message: MessagesTable, ev: MessageStatusEvent): Promise<void> {
  const changed = await ctx.db.transaction().execute(async (trx) => {
    // A status names a carrier message id; one that is another message's (another workspace's,
    // signed by a tenant for its own message) must neither move that message nor use up its
    // deduplication slot, which would swallow the genuine callback later.
    const holder = await trx
      .selectFrom('messages')
      .select('id')
      .where('carrier', '=', ev.carrier)
      .where('carrier_message_id', '=', ev.carrierMessageId)
      .where('id', '!=', message.id)
      .executeTakeFirst();
    if (holder || (message.carrier_message_id && message.carrier_message_id !== ev.carrierMessageId)) return false;
    const first = await trx
      .insertInto('message_status_events')
      .values({
        carrier: ev.carrier,
        carrier_message_id: ev.carrierMessageId,
        status: ev.status,
        error_code: ev.errorCode,
        received_at: ev.at,
      })
      .onConflict((oc) => oc.columns(['carrier', 'carrier_message_id', 'status']).doNothing())
      .executeTakeFirst();
    if (Number(first.numInsertedOrUpdatedRows ?? 0) === 0) return false;

    const current = await trx.selectFrom('messages').selectAll().where('id', '=', message.id).executeTakeFirstOrThrow();
    // The callback can beat the send's own answer: adopt the carrier id it names.
    const carrierId = current.carrier_message_id ?? ev.carrierMessageId;
    if (!isStatusAdvance(current.status, ev.status)) {
      if (carrierId !== current.carrier_message_id) {
        await trx.updateTable('messages').set({ carrier_message_id: carrierId, updated_at: ev.at }).where('id', '=', message.id).execute();
      }
      return false;
    }
    const failed = FAILED_STATUSES.has(ev.status);
    const meaning = failed ? describeCarrierError(ev.carrier, ev.errorCode).meaning : null;
    await trx
      .updateTable('messages')
      .set({
        status: ev.status,
        carrier_message_id: carrierId,
        updated_at: ev.at,
        ...(failed ? { error_code: ev.errorCode, error_message: meaning } : {}),
      })
      .where('id', '=', message.id)
      .execute();
    if (ev.status === 'delivered') await clearStrikesOnDelivery(trx, current);
    if (failed) {
      await applyCarrierErrorToContact(trx, current, ev.errorCode, ev.at);
      await applyCarrierErrorToNumber(trx, current, ev.errorCode, ev.at);
      if (current.call_id && current.author === 'textback') {
        await trx
          .updateTable('calls')
          .set({
            textback_status: 'failed',
            textback_reason: `Not delivered: ${meaning}${ev.errorCode ? ` (error ${ev.errorCode})` : ''}`,
            updated_at: ev.at,
          })
          .where('id', '=', current.call_id)
          .execute();
      }
    }
    return true;
  });
  if (changed) ctx.live.publish({ workspaceId: message.workspace_id, type: 'message', id: message.id });
}
