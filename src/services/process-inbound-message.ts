/**
 * Work on an ordinary inbound text after it is stored (consent keywords were handled already):
 * read the text with its conversation, contact and workspace, and hand it to each inbound-text
 * handler the runtime registered (the AI agent decides there whether to answer). Workflows react
 * to the same text through its message.received event.
 */
import type { AppContext } from '../context.js';
import type { InboundMessagePayload } from '../jobs/definitions/inbound-message.js';
import type { TypedJob } from '../jobs/job-definition.js';

export async function processInboundMessage(ctx: AppContext, job: TypedJob<InboundMessagePayload>): Promise<void> {
  const message = await ctx.db.selectFrom('messages').selectAll().where('id', '=', job.payload.messageId).executeTakeFirst();
  if (!message) return;
  const [conversation, contact, workspace] = await Promise.all([
    ctx.db.selectFrom('conversations').selectAll().where('id', '=', message.conversation_id).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('contacts').selectAll().where('id', '=', message.contact_id).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('workspaces').selectAll().where('id', '=', message.workspace_id).executeTakeFirstOrThrow(),
  ]);
  const text = { message, conversation, contact, workspace, now: ctx.clock.now() };
  for (const handle of ctx.inboundTextHandlers) await handle(ctx, text);
}
