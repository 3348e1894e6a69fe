/**
 * Delivery status callbacks: deduplicated on (carrier message id, status), applied only when they
 * move the message forward, with the carrier's error code and its meaning kept. A failure that
 * says the phone cannot take texts (or opted out at the carrier) updates the contact.
 */
import type { AppContext } from '../context.js';
import { FAILED_STATUSES, isStatusAdvance } from '../domain/message-status.js';
import { preparedQuery } from '../store/prepared-query.js';
import type { MessagesTable } from '../store/schema.js';
import { applyCarrierErrorToContact, applyCarrierErrorToNumber, clearStrikesOnDelivery, describeCarrierError } from './outbound-messages.js';
import { sqlBool } from '../store/sql-bool.js';

export interface MessageStatusEvent {
  carrier: string;
  carrierMessageId: string;
  status: string;
  errorCode: string | null;
  at: number;
}

/**
 * The message as it stands inside the callback's transaction, with what the callback may need to
 * decide in the same read: whether another message already holds the carrier id it names, and the
 * strikes a delivery would clear (the sending number's; the reached number's, on the contact row or
 * on a further number's row).
 */
const messageForStatus = preparedQuery((db, p: { messageId: string; carrier: string; carrierMessageId: string }) =>
  db
    .selectFrom('messages as m')
    .leftJoin('contacts as ct', 'ct.id', 'm.contact_id')
    .leftJoin('contact_phones as cp', (j) =>
      j.onRef('cp.workspace_id', '=', 'm.workspace_id').onRef('cp.contact_id', '=', 'm.contact_id').onRef('cp.phone', '=', 'm.to_number'),
    )
    .leftJoin('phone_numbers as pn', 'pn.id', 'm.phone_number_id')
    .selectAll('m')
    .select((eb) => [
      'ct.unreachable_strikes as contact_strikes',
      'cp.unreachable_strikes as other_phone_strikes',
      'pn.sender_block_strikes as sender_strikes',
      eb
        .exists(
          eb
            .selectFrom('messages as o')
            .select('o.id')
            .where('o.carrier', '=', p.carrier)
            .where('o.carrier_message_id', '=', p.carrierMessageId)
            .whereRef('o.id', '!=', 'm.id'),
        )
        .as('held_elsewhere'),
    ])
    .where('m.id', '=', p.messageId),
);

export async function receiveMessageStatus(ctx: AppContext, message: MessagesTable, ev: MessageStatusEvent): Promise<void> {
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const found = (await messageForStatus(trx, { messageId: message.id, carrier: ev.carrier, carrierMessageId: ev.carrierMessageId })).rows[0];
    if (!found) return false;
    const { contact_strikes, other_phone_strikes, sender_strikes, held_elsewhere, ...current } = found;
    // A status names a carrier message id; one that is another message's (another workspace's,
    // signed by a tenant for its own message) must neither move that message nor use up its
    // deduplication slot, which would swallow the genuine callback later.
    if (sqlBool(held_elsewhere) || (current.carrier_message_id && current.carrier_message_id !== ev.carrierMessageId)) return false;
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
    if (ev.status === 'delivered') {
      await clearStrikesOnDelivery(trx, current, { senderStrikes: sender_strikes, contactStrikes: contact_strikes, otherPhoneStrikes: other_phone_strikes });
    }
    if (failed) {
      await applyCarrierErrorToContact(trx, current, ev.errorCode, ev.at, other_phone_strikes !== null);
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
