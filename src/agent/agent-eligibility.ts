/**
 * Whether the agent may answer this contact now, and if not, why: the agent is on, the contact
 * carries an active tag, can be texted, and no person wrote in the conversation within the sleep
 * window. Checked when a text arrives and again when the debounced turn runs.
 */
import type { AppContext } from '../context.js';
import { tagsOf } from '../services/contacts.js';
import type { ContactsTable, ConversationsTable } from '../store/schema.js';
import type { AgentSettings } from './agent-settings.js';

export async function agentIneligibility(
  ctx: AppContext,
  opts: { settings: AgentSettings; contact: ContactsTable; conversation: ConversationsTable; now: number },
): Promise<string | null> {
  const { settings, contact, conversation, now } = opts;
  if (!settings.enabled) return 'the agent is off';
  if (contact.opted_out === 1) return 'the contact opted out';
  if (contact.textable === 0) return 'the contact cannot take texts';
  const tags = (await tagsOf(ctx.db, [contact.id])).get(contact.id) ?? [];
  if (!tags.some((t) => settings.activeTags.includes(t))) return 'the contact has no active tag';
  if (conversation.ai_off === 1) return conversation.ai_off_reason ?? 'the AI is off in this conversation';
  if (conversation.last_human_at !== null && now - conversation.last_human_at < settings.sleepMinutesAfterHuman * 60_000) {
    return 'a person wrote in this conversation recently';
  }
  return null;
}
