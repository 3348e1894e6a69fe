/**
 * The log of agent turns, for review: what the model saw, which passages were retrieved, the tool
 * calls and their results, the reply, the model, tokens and latency.
 */
import type { AppContext } from '../context.js';
import { paginate, type Page, type PageRequest } from '../store/pagination.js';
import type { AgentTurnsTable } from '../store/schema.js';

export function presentAgentTurn(r: AgentTurnsTable) {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    contactId: r.contact_id,
    triggerMessageId: r.trigger_message_id,
    status: r.status,
    provider: r.provider,
    model: r.model,
    input: JSON.parse(r.input) as unknown,
    passages: JSON.parse(r.passages) as unknown,
    toolCalls: JSON.parse(r.tool_calls) as unknown,
    reply: r.reply,
    replyMessageId: r.reply_message_id,
    handoffReason: r.handoff_reason,
    error: r.error,
    usage: { promptTokens: r.prompt_tokens, completionTokens: r.completion_tokens },
    latencyMs: r.latency_ms,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listAgentTurns(
  ctx: AppContext,
  workspaceId: string,
  filter: { contactId?: string; conversationId?: string },
  page: PageRequest,
): Promise<Page<ReturnType<typeof presentAgentTurn>>> {
  let q = ctx.db.selectFrom('agent_turns').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.contactId) q = q.where('contact_id', '=', filter.contactId);
  if (filter.conversationId) q = q.where('conversation_id', '=', filter.conversationId);
  const result = await paginate(q, 'created_at', 'id', page, (r) => r.created_at);
  return { data: result.data.map(presentAgentTurn), nextCursor: result.nextCursor };
}
