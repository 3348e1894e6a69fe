/**
 * The dashboard's test chat: runs the configured agent on a made-up conversation, with the real
 * knowledge base, prompt and guardrails, and sends nothing and changes nothing (tools dry-run).
 */
import { z } from 'zod';
import { NEW_CONVERSATION_STATE } from '../services/conversations.js';
import type { AppContext } from '../context.js';
import { numberSchedule, parseWorkspaceSettings } from '../services/workspace-settings.js';
import type { ContactsTable, ConversationsTable, MessagesTable } from '../store/schema.js';
import { loadAgentSettings } from './agent-settings.js';
import { hoursFacts, type TurnContext } from './agent-context.js';
import { knowledgeSearcher } from './knowledge-base.js';
import { applyGuardrails, builtinTurn, modelTurn } from './run-agent-turn.js';

export const testChatSchema = z
  .object({
    messages: z
      .array(z.object({ role: z.enum(['contact', 'business']), text: z.string().trim().min(1).max(1600) }).strict())
      .min(1)
      .max(30),
  })
  .strict();

export async function testAgent(ctx: AppContext, workspaceId: string, input: z.infer<typeof testChatSchema>) {
  const now = ctx.clock.now();
  const { settings, apiKey } = await loadAgentSettings(ctx, workspaceId);
  const workspace = await ctx.db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const ws = parseWorkspaceSettings(workspace.settings);
  const contact: ContactsTable = {
    id: 'test-contact', workspace_id: workspaceId, phone: '+15550100000', name: null, stage: null, opted_out: 0,
    opted_out_at: null, textable: 1, not_textable_reason: null, line_type: null, line_type_checked_at: null, unreachable_strikes: 0,
    created_at: now, updated_at: now, practice: 0,
  };
  const conversation: ConversationsTable = {
    id: 'test-conversation', workspace_id: workspaceId, contact_id: contact.id, phone_number_id: 'test-number',
    last_message_at: now, last_inbound_at: now, last_human_at: null, last_agent_at: null, agent_locked_until: null, created_at: now, updated_at: now,
    practice: 0, ...NEW_CONVERSATION_STATE,
  };
  const history = input.messages.map((m, i) => ({
    id: `test-${i}`, body: m.text, direction: m.role === 'contact' ? 'inbound' : 'outbound', author: m.role === 'contact' ? 'contact' : 'agent',
  })) as MessagesTable[];
  const lastBusiness = history.map((m) => m.direction).lastIndexOf('outbound');
  const newMessages = history.slice(lastBusiness + 1).filter((m) => m.direction === 'inbound');
  const search = await knowledgeSearcher(ctx, workspaceId);
  const t: TurnContext = {
    workspace, contact, tags: settings.activeTags.slice(0, 1), conversation, history, newMessages,
    ...hoursFacts(numberSchedule({ timezone: workspace.timezone, settings: ws }, null), now),
    missedCall: null,
    passages: search(newMessages.map((m) => m.body).join(' '), 3),
    search: (q) => search(q, 3),
  };
  const maxChars = settings.maxSegments * 153;
  const raw = settings.model.provider === 'builtin' ? builtinTurn(t, maxChars) : await modelTurn(ctx, t, settings, apiKey, maxChars, true);
  const result = applyGuardrails(raw, t, settings);
  return {
    reply: result.reply,
    handoff: result.handoff ? { reason: result.handoff.reason, note: result.handoff.note } : null,
    toolCalls: result.toolCalls,
    passages: t.passages.map((p) => ({ title: p.title, text: p.text, confidence: p.confidence })),
    error: result.error,
  };
}
