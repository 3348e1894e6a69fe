/** The AI agent's settings, knowledge base, test replies and turn log (routes: http/api/agent.ts). */
import { z } from 'zod';
import { PROVIDERS, type presentAgentSettings } from '../../agent/agent-settings.js';
import { HANDOFF_REASONS } from '../../agent/agent-tools.js';
import type { presentAgentTurn } from '../../agent/agent-turns.js';
import type { KnowledgeChunkView, KnowledgeEntry } from '../../agent/knowledge-base.js';
import type { ImportResult } from '../../agent/knowledge-import.js';
import type { testAgent } from '../../agent/test-agent.js';
import { isoTime, named, pageOf, sameShape } from './registry.js';

export const providerResponse = named('Provider', z.enum(PROVIDERS));

export const agentSettingsResponse = named(
  'AgentSettings',
  z.object({
    enabled: z.boolean(),
    activeTags: z.array(z.string()).describe('The agent answers contacts carrying one of these tags.'),
    systemPrompt: z.string(),
    /** The model; its API key is write-only (`apiKeySet` says whether one is stored). */
    model: z.object({
      provider: providerResponse,
      name: z.string(),
      baseUrl: z.string().nullable(),
      embeddingModel: z.string().nullable(),
      apiKeySet: z.boolean(),
    }),
    sleepMinutesAfterHuman: z.number().int(),
    debounceSeconds: z.number().int(),
    maxRepliesPerContactPerDay: z.number().int(),
    maxSegments: z.number().int(),
    timeoutSeconds: z.number().int(),
  }),
);
sameShape<z.output<typeof agentSettingsResponse>, ReturnType<typeof presentAgentSettings>>();

export const knowledgeEntryResponse = named(
  'KnowledgeEntry',
  z.object({
    id: z.string(),
    title: z.string(),
    content: z.string(),
    chunks: z.number().int().describe('How many chunks the agent reads it as.'),
    /** Where it came from: typed in, a web page (re-importable) or a file. */
    source: z.object({ type: z.enum(['manual', 'url', 'file']), url: z.string().nullable(), name: z.string().nullable() }),
    createdAt: isoTime,
    updatedAt: isoTime,
  }),
);
sameShape<z.output<typeof knowledgeEntryResponse>, KnowledgeEntry>();

export const knowledgeEntryPageResponse = pageOf('KnowledgeEntryPage', knowledgeEntryResponse);

export const knowledgeChunkResponse = named(
  'KnowledgeChunk',
  z.object({ id: z.string(), ordinal: z.number().int(), text: z.string(), embedded: z.boolean() }),
);
sameShape<z.output<typeof knowledgeChunkResponse>, KnowledgeChunkView>();

export const knowledgeChunkListResponse = named('KnowledgeChunkList', z.object({ data: z.array(knowledgeChunkResponse) }));

export const knowledgeImportResultResponse = named(
  'KnowledgeImportResult',
  z.object({
    entries: z.array(knowledgeEntryResponse),
    skipped: z.array(z.object({ url: z.string(), reason: z.string() })).describe('Pages that were not imported, each with the reason in words.'),
  }),
);
sameShape<z.output<typeof knowledgeImportResultResponse>, ImportResult>();

const toolCallSchema = z.object({ name: z.string(), input: z.unknown(), output: z.unknown() });

export const agentTestReplyResponse = named(
  'AgentTestReply',
  z.object({
    reply: z.string(),
    handoff: z.object({ reason: z.enum([...HANDOFF_REASONS, 'model_error', 'daily_cap', 'guardrail']), note: z.string() }).nullable(),
    toolCalls: z.array(toolCallSchema),
    passages: z.array(z.object({ title: z.string(), text: z.string(), confidence: z.number() })).describe('The knowledge passages the agent was given.'),
    error: z.string().nullable(),
  }),
  'What the agent would answer; nothing is sent',
);
sameShape<z.output<typeof agentTestReplyResponse>, Awaited<ReturnType<typeof testAgent>>>();

export const agentTurnResponse = named(
  'AgentTurn',
  z.object({
    id: z.string(),
    conversationId: z.string(),
    contactId: z.string(),
    triggerMessageId: z.string(),
    status: z.string(),
    provider: z.string(),
    model: z.string(),
    input: z.unknown().describe('What the model was given, as recorded.'),
    passages: z.unknown(),
    toolCalls: z.unknown(),
    reply: z.string().nullable(),
    replyMessageId: z.string().nullable(),
    handoffReason: z.string().nullable(),
    error: z.string().nullable(),
    usage: z.object({ promptTokens: z.number().nullable(), completionTokens: z.number().nullable() }),
    latencyMs: z.number().nullable(),
    createdAt: isoTime,
  }),
);
sameShape<z.output<typeof agentTurnResponse>, ReturnType<typeof presentAgentTurn>>();

export const agentTurnPageResponse = pageOf('AgentTurnPage', agentTurnResponse);
