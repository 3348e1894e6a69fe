/**
 * One agent turn: answers the contact's latest texts (a burst of them together) in one SMS, or
 * hands the conversation to a person. Runs as a job, debounced after the last inbound text.
 *
 * Guarantees:
 * - one turn per inbound message, ever (agent_turns.trigger_message_id is unique), and the reply is
 *   queued in the same transaction that records it, so a retried turn never sends twice;
 * - one turn at a time per conversation (a lease on the conversation), so replies never race;
 * - silence is never the failure mode: a model error or time-out hands off with a polite fixed text;
 * - an opt-out wins: the reply is queued through the same gate as every text, which refuses it.
 */
import { generateText, stepCountIs } from 'ai';
import type { AppContext } from '../context.js';
import { DeferJob } from '../jobs/job-errors.js';
import { addTag } from '../services/contact-mutations.js';
import { handOffToTeam } from '../services/hand-off-to-team.js';
import { recordOptOut } from '../services/consent.js';
import { queueOutboundMessage, sendBlocker } from '../services/outbound-messages.js';
import { newId } from '../store/ids.js';
import type { ContactsTable, ConversationsTable } from '../store/schema.js';
import { loadAgentSettings, type AgentSettings } from './agent-settings.js';
import { buildSystemPrompt, gatherTurnContext, historyAsChat, type TurnContext } from './agent-context.js';
import { agentTools, type HandoffReason, type ToolState } from './agent-tools.js';
import { respondBuiltin } from './builtin-responder.js';
import { fitSms } from './guardrails/fit-sms.js';
import { unsupportedFacts } from './guardrails/unsupported-facts.js';
import { createLanguageModel, describeModelError, modelName, modelNetworkOf } from './model-provider.js';
import { hybridSearch } from './knowledge-embedding.js';
import { embeddingModelName } from './knowledge/embeddings.js';
import { agentIneligibility } from './agent-eligibility.js';
import type { AgentTurnPayload } from '../jobs/definitions/agent-turn.js';
import type { TypedJob } from '../jobs/job-definition.js';

export const HANDOFF_TAG = 'human_handover';
/** The reply when the model fails or says something it must not: polite, true, and never silence. */
export const FALLBACK_HANDOFF_TEXT = "Thanks for your message! A member of our team will text you back shortly.";
const LOCK_MS = 2 * 60_000;

export interface TurnResult {
  reply: string;
  handoff: { reason: HandoffReason; note: string } | null;
  toolCalls: ToolState['calls'];
  promptTokens: number | null;
  completionTokens: number | null;
  input: unknown;
  error: string | null;
}

export async function runAgentTurn(ctx: AppContext, job: TypedJob<AgentTurnPayload>): Promise<void> {
  const { messageId } = job.payload;
  const trigger = await ctx.db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();
  if (!trigger) return;
  const conversation = await ctx.db.selectFrom('conversations').selectAll().where('id', '=', trigger.conversation_id).executeTakeFirstOrThrow();

  // A newer text in this conversation has its own (later) turn, which answers this one too.
  const newer = await ctx.db
    .selectFrom('messages')
    .select('id')
    .where('conversation_id', '=', conversation.id)
    .where('direction', '=', 'inbound')
    .where('id', '>', trigger.id)
    .executeTakeFirst();
  if (newer) return;

  const existing = await ctx.db.selectFrom('agent_turns').select(['status']).where('trigger_message_id', '=', trigger.id).executeTakeFirst();
  if (existing && existing.status !== 'running') return;

  const now = ctx.clock.now();
  const locked = await ctx.db
    .updateTable('conversations')
    .set({ agent_locked_until: now + LOCK_MS })
    .where('id', '=', conversation.id)
    .where((eb) => eb.or([eb('agent_locked_until', 'is', null), eb('agent_locked_until', '<', now)]))
    .executeTakeFirst();
  if (Number(locked.numUpdatedRows) === 0) throw new DeferJob(now + 3_000, 'another agent turn is running in this conversation');

  try {
    await runLockedTurn(ctx, conversation, trigger.id, now);
  } finally {
    await ctx.db.updateTable('conversations').set({ agent_locked_until: null }).where('id', '=', conversation.id).execute();
  }
}

async function runLockedTurn(ctx: AppContext, conversation: ConversationsTable, triggerId: string, now: number): Promise<void> {
  const { settings, apiKey } = await loadAgentSettings(ctx, conversation.workspace_id);
  const contact = await ctx.db.selectFrom('contacts').selectAll().where('id', '=', conversation.contact_id).executeTakeFirstOrThrow();
  const fresh = await ctx.db.selectFrom('conversations').selectAll().where('id', '=', conversation.id).executeTakeFirstOrThrow();
  // Things may have changed during the debounce: a person replied, the tag went, STOP arrived.
  const ineligible = await agentIneligibility(ctx, { settings, contact, conversation: fresh, now });
  if (ineligible) {
    ctx.logger.debug({ workspaceId: conversation.workspace_id, conversationId: conversation.id, reason: ineligible }, 'agent stays silent');
    return;
  }

  const turnId = newId('turn', now);
  await ctx.db
    .insertInto('agent_turns')
    .values({
      id: turnId,
      workspace_id: conversation.workspace_id,
      conversation_id: conversation.id,
      contact_id: contact.id,
      trigger_message_id: triggerId,
      status: 'running',
      provider: settings.model.provider,
      model: modelName(settings),
      input: '[]',
      passages: '[]',
      tool_calls: '[]',
      reply: null,
      reply_message_id: null,
      handoff_reason: null,
      error: null,
      prompt_tokens: null,
      completion_tokens: null,
      latency_ms: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('trigger_message_id').doNothing())
    .execute();
  const turn = await ctx.db.selectFrom('agent_turns').select(['id', 'status']).where('trigger_message_id', '=', triggerId).executeTakeFirstOrThrow();
  if (turn.status !== 'running') return;

  const t = await gatherTurnContext(ctx, fresh, contact, now);
  const maxChars = settings.maxSegments * 153;
  const started = Date.now();

  const repliesToday = await ctx.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contact_id', '=', contact.id)
    .where('author', '=', 'agent')
    .where('created_at', '>', now - 24 * 3_600_000)
    .executeTakeFirstOrThrow();

  let result: TurnResult;
  if (Number(repliesToday.n) >= settings.maxRepliesPerContactPerDay) {
    result = fixedHandoff('daily_cap', `The agent reached its limit of ${settings.maxRepliesPerContactPerDay} replies to this contact today`);
  } else if (settings.model.provider === 'builtin') {
    result = builtinTurn(t, maxChars);
  } else {
    result = await modelTurn(ctx, t, settings, apiKey, maxChars);
  }
  result = applyGuardrails(result, t, settings);
  await finishTurn(ctx, { turnId, t, settings, result, latencyMs: Date.now() - started });
}

export function builtinTurn(t: TurnContext, maxChars: number): TurnResult {
  const reply = respondBuiltin({
    businessName: t.workspace.business_name,
    businessHoursText: t.hoursText,
    isOpenNow: t.isOpenNow,
    messages: t.history.map((m) => ({ role: m.direction === 'inbound' ? 'contact' : 'business', text: m.body })),
    passages: t.passages,
    contactFirstName: t.contact.name?.split(/\s+/)[0] ?? null,
    maxChars,
    // Each question of a several-question text is looked up on its own.
    search: t.search,
  });
  // Passages found per question back the reply's facts just like the turn's own passages.
  const extra = reply.kind === 'answer' || reply.kind === 'handoff' ? (reply.usedPassages ?? []).filter((p) => !t.passages.some((q) => q.text === p.text)) : [];
  if (extra.length > 0) t.passages = [...t.passages, ...extra.map((p) => ({ entryId: '', title: p.title, text: p.text, score: p.score, confidence: p.confidence }))];
  return {
    reply: reply.text,
    handoff: reply.kind === 'handoff' ? { reason: reply.reason, note: `The builtin assistant handed off: ${reply.reason.replace(/_/g, ' ')}` } : null,
    toolCalls: [],
    promptTokens: null,
    completionTokens: null,
    input: t.newMessages.map((m) => m.body),
    error: null,
  };
}

export async function modelTurn(
  ctx: AppContext,
  t: TurnContext,
  settings: AgentSettings,
  apiKey: string | null,
  maxChars: number,
  dryRun = false,
): Promise<TurnResult> {
  const state: ToolState = { calls: [], handoff: null };
  // With an embedding model, the prompt's passages are ranked by BM25 and meaning together.
  const query = t.newMessages.map((m) => m.body).join(' ');
  if (query.trim() !== '' && embeddingModelName(settings) !== null) {
    t.passages = await hybridSearch(ctx, t.workspace.id, settings, apiKey, query, 3);
  }
  const system = buildSystemPrompt(t, settings, maxChars);
  const messages = historyAsChat(t);
  try {
    const model = createLanguageModel(settings, apiKey, modelNetworkOf(ctx));
    const out = await generateText({
      model,
      system,
      messages,
      tools: agentTools(ctx, { workspaceId: t.workspace.id, contactId: t.contact.id, hoursText: t.hoursText, isOpenNow: t.isOpenNow, dryRun }, state),
      stopWhen: stepCountIs(4),
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(settings.timeoutSeconds * 1000),
    });
    return {
      reply: out.text.trim(),
      handoff: state.handoff,
      toolCalls: state.calls,
      promptTokens: out.totalUsage.inputTokens ?? null,
      completionTokens: out.totalUsage.outputTokens ?? null,
      input: { system, messages },
      error: null,
    };
  } catch (err) {
    // The operator's log gets the real cause; the workspace (turn log, test chat) only a fixed sentence.
    const detail = err instanceof Error ? `${err.name}: ${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err);
    ctx.logger.warn({ workspaceId: t.workspace.id, conversationId: t.conversation.id, err: detail }, 'agent model failed; handing off');
    return { ...fixedHandoff('model_error', describeModelError(err)), toolCalls: state.calls, input: { system, messages } };
  }
}

function fixedHandoff(reason: HandoffReason, error: string): TurnResult {
  return { reply: FALLBACK_HANDOFF_TEXT, handoff: { reason, note: error }, toolCalls: [], promptTokens: null, completionTokens: null, input: [], error };
}

/** SMS length, no invented facts, no leaked instructions; a failing reply becomes a handoff. */
export function applyGuardrails(result: TurnResult, t: TurnContext, settings: AgentSettings): TurnResult {
  if (result.reply === FALLBACK_HANDOFF_TEXT) return result;
  // A reply that breaks a rule is replaced by the fixed text and a person takes over; the model's
  // own handoff reason, if it gave one, is kept.
  const holdBack = (why: string): TurnResult => ({
    ...result,
    reply: FALLBACK_HANDOFF_TEXT,
    handoff: result.handoff ?? { reason: 'guardrail', note: why },
    error: why,
  });
  const reply = fitSms(result.reply, { maxSegments: settings.maxSegments });
  if (!reply) return result.handoff ? { ...result, reply: FALLBACK_HANDOFF_TEXT } : holdBack('The model gave an empty reply');
  const sources = [t.hoursText, ...t.passages.map((p) => `${p.title} ${p.text}`), ...result.toolCalls.map((c) => JSON.stringify(c.output))];
  const invented = unsupportedFacts(reply, sources);
  if (invented.length > 0) return holdBack(`Reply held back: it stated ${invented.join(', ')}, found in no knowledge or tool result`);
  if (leaksInstructions(reply, settings.systemPrompt)) return holdBack('Reply held back: it repeated the system prompt');
  return { ...result, reply };
}

/** True when the reply quotes eight or more consecutive words of the system prompt. */
function leaksInstructions(reply: string, systemPrompt: string): boolean {
  const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  const prompt = words(systemPrompt).join(' ');
  const r = words(reply);
  for (let i = 0; i + 8 <= r.length; i++) if (prompt.includes(r.slice(i, i + 8).join(' '))) return true;
  return false;
}

async function finishTurn(
  ctx: AppContext,
  opts: { turnId: string; t: TurnContext; settings: AgentSettings; result: TurnResult; latencyMs: number },
): Promise<void> {
  const { t, result, settings } = opts;
  const now = ctx.clock.now();
  const number = await ctx.db.selectFrom('phone_numbers').selectAll().where('id', '=', t.conversation.phone_number_id).executeTakeFirst();
  await ctx.db.transaction().execute(async (trx) => {
    const contact = (await trx.selectFrom('contacts').selectAll().where('id', '=', t.contact.id).executeTakeFirstOrThrow()) as ContactsTable;
    let replyMessageId: string | null = null;
    let status = result.handoff ? 'handoff' : 'replied';
    let error = result.error;
    const m = { workspaceId: t.workspace.id, contactId: contact.id, now, source: 'agent' };

    if (result.handoff?.reason === 'opt_out' && contact.opted_out === 0) {
      // An opt-out in any words wins: record it; the reply becomes the one confirmation.
      await recordOptOut(trx, { workspaceId: t.workspace.id, contactId: contact.id, source: 'agent', detail: t.newMessages.map((x) => x.body).join(' / ').slice(0, 300), now });
    }
    const blocker = result.handoff?.reason === 'opt_out' ? null : sendBlocker(contact);
    if (number && !blocker && result.reply) {
      const msg = await queueOutboundMessage(trx, {
        workspaceId: t.workspace.id,
        conversationId: t.conversation.id,
        contact: result.handoff?.reason === 'opt_out' ? { ...contact, opted_out: 0 } : contact,
        phoneNumber: number,
        author: result.handoff?.reason === 'opt_out' ? 'system' : 'agent',
        body: result.reply,
        now,
        optOutConfirmation: result.handoff?.reason === 'opt_out',
      });
      replyMessageId = msg.id;
    } else if (blocker) {
      status = 'skipped';
      error = blocker;
    }

    if (result.handoff) {
      // The agent steps out of this conversation (AI off, visible, "Resume AI" brings it back); the
      // active tag stays the trigger. The handover tag lets workflows react; the team is told.
      await addTag(trx, m, HANDOFF_TAG);
      await handOffToTeam(ctx, trx, { workspace: t.workspace, conversationId: t.conversation.id, contact, number: number ?? null, reason: result.handoff.reason, note: result.handoff.note, now });
    }

    await trx
      .updateTable('agent_turns')
      .set({
        status,
        input: JSON.stringify(result.input),
        passages: JSON.stringify(t.passages.map((p) => ({ title: p.title, text: p.text, score: p.score, confidence: p.confidence }))),
        tool_calls: JSON.stringify(result.toolCalls),
        reply: result.reply || null,
        reply_message_id: replyMessageId,
        handoff_reason: result.handoff?.reason ?? null,
        error,
        prompt_tokens: result.promptTokens,
        completion_tokens: result.completionTokens,
        latency_ms: opts.latencyMs,
        updated_at: now,
      })
      .where('id', '=', opts.turnId)
      .execute();
  });
  ctx.wakeWorker();
  ctx.live.publish({ workspaceId: t.workspace.id, type: 'conversation', id: t.conversation.id });
  if (result.handoff && result.handoff.reason !== 'opt_out') ctx.live.publish({ workspaceId: t.workspace.id, type: 'alert', id: t.conversation.id });
}
