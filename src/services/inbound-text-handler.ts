/**
 * The port for what happens to an ordinary inbound text once it is stored: services own the
 * inbound path but know nothing of the features that answer it (the AI agent lives above them),
 * so a feature registers a handler when the runtime composes the app (runtime.ts), and
 * process-inbound-message.ts hands every stored text to each one. Workflows need no handler:
 * they react to the same text through its message.received domain event.
 */
import type { AppContext } from '../context.js';
import type { ContactsTable, ConversationsTable, MessagesTable, WorkspacesTable } from '../store/schema.js';

/** A stored inbound text with the rows a handler needs to decide, read once for all handlers. */
export interface InboundText {
  message: MessagesTable;
  conversation: ConversationsTable;
  contact: ContactsTable;
  workspace: WorkspacesTable;
  now: number;
}

/** Reacts to one inbound text (the agent schedules its reply); runs inside the "message.received" job. */
export type InboundTextHandler = (ctx: AppContext, text: InboundText) => Promise<void>;
