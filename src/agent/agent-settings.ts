/**
 * The workspace's AI agent settings (contract: GET|PUT /api/v1/agent). The model API key is
 * encrypted at rest and write-only: the API says whether one is set, never what it is. The key
 * belongs to the provider and URL it was given for: changing either without a new key clears it,
 * so a key can never be sent on to a server its owner did not choose.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { tagSchema } from '../services/contacts.js';

export const PROVIDERS = ['builtin', 'openai', 'anthropic', 'openai-compatible'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const DEFAULT_SYSTEM_PROMPT =
  'You are the friendly text-message assistant of {{business.name}}. Answer questions about the business ' +
  'from the knowledge provided, briefly and warmly, like a helpful person at the front desk. When someone ' +
  'wants to book, asks for a person, is upset, or asks something you cannot answer from the knowledge, hand ' +
  'the conversation to a team member.';

const modelSchema = z
  .object({
    provider: z.enum(PROVIDERS),
    name: z.string().trim().max(120).default(''),
    baseUrl: z.url({ protocol: /^https?$/ }).nullable().optional(),
    /**
     * The embedding model for hybrid knowledge retrieval. OpenAI uses text-embedding-3-small when
     * this is null; an OpenAI-compatible server embeds only when it is set (its models vary).
     */
    embeddingModel: z.string().trim().min(1).max(120).nullable().optional(),
    /** Write-only: given in a PUT, never returned. null clears it. */
    apiKey: z.string().trim().min(1).max(500).nullable().optional(),
  })
  .strict();

export const agentSettingsSchema = z
  .object({
    enabled: z.boolean(),
    activeTags: z.array(tagSchema).min(1).max(20),
    systemPrompt: z.string().trim().min(1).max(8000),
    model: modelSchema,
    sleepMinutesAfterHuman: z.number().int().min(0).max(7 * 24 * 60),
    /** Texts arriving within this many seconds are answered together. */
    debounceSeconds: z.number().int().min(0).max(120),
    maxRepliesPerContactPerDay: z.number().int().min(1).max(500),
    maxSegments: z.number().int().min(1).max(10),
    timeoutSeconds: z.number().int().min(2).max(120),
  })
  .strict();

export type AgentSettingsInput = z.infer<typeof agentSettingsSchema>;
export type AgentSettings = Omit<AgentSettingsInput, 'model'> & {
  model: { provider: Provider; name: string; baseUrl: string | null; embeddingModel: string | null };
};

export const DEFAULT_AGENT_SETTINGS: AgentSettings = {
  enabled: false,
  activeTags: ['smschat_ai'],
  systemPrompt: DEFAULT_SYSTEM_PROMPT,
  model: { provider: 'builtin', name: '', baseUrl: null, embeddingModel: null },
  sleepMinutesAfterHuman: 10,
  debounceSeconds: 8,
  maxRepliesPerContactPerDay: 25,
  maxSegments: 2,
  timeoutSeconds: 20,
};

/** A PUT may give any subset; nested model fields too. */
export const updateAgentSettingsSchema = agentSettingsSchema
  .omit({ model: true })
  .partial()
  .extend({ model: modelSchema.partial().optional() })
  .strict();

/**
 * Whether a PUT would change the model settings (provider, name, URL or key): only an owner may,
 * since the model spends money and holds a key. The dashboard sends the model block on every
 * save, so an unchanged block is not a change.
 */
export function changesModel(current: StoredAgentSettings, patch: z.infer<typeof updateAgentSettingsSchema>): boolean {
  const m = patch.model;
  if (!m) return false;
  const now = current.settings.model;
  if (m.provider !== undefined && m.provider !== now.provider) return true;
  if (m.name !== undefined && m.name !== now.name) return true;
  if (m.baseUrl !== undefined && (m.baseUrl ?? null) !== (now.baseUrl ?? null)) return true;
  if (m.apiKey !== undefined && m.apiKey !== current.apiKey) return true;
  return false;
}

export const agentKeyContext = (workspaceId: string) => `agent-model-key:${workspaceId}`;

export interface StoredAgentSettings {
  settings: AgentSettings;
  apiKey: string | null;
}

export async function loadAgentSettings(ctx: AppContext, workspaceId: string): Promise<StoredAgentSettings> {
  const row = await ctx.db.selectFrom('agent_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) return { settings: DEFAULT_AGENT_SETTINGS, apiKey: null };
  const stored = JSON.parse(row.settings) as Partial<AgentSettings>;
  return {
    settings: { ...DEFAULT_AGENT_SETTINGS, ...stored, model: { ...DEFAULT_AGENT_SETTINGS.model, ...stored.model } },
    apiKey: row.api_key_ciphertext ? ctx.secrets.open(row.api_key_ciphertext, agentKeyContext(workspaceId)) : null,
  };
}

/** What the API shows: the settings, and whether a key is set. */
export function presentAgentSettings(s: StoredAgentSettings) {
  return { ...s.settings, model: { ...s.settings.model, apiKeySet: s.apiKey !== null } };
}

export async function updateAgentSettings(
  ctx: AppContext,
  workspaceId: string,
  patch: z.infer<typeof updateAgentSettingsSchema>,
): Promise<StoredAgentSettings> {
  const current = await loadAgentSettings(ctx, workspaceId);
  const { model: modelPatch, ...rest } = patch;
  const { apiKey: keyPatch, ...modelRest } = modelPatch ?? {};
  const settings: AgentSettings = {
    ...current.settings,
    ...rest,
    model: {
      ...current.settings.model,
      ...modelRest,
      baseUrl: modelRest.baseUrl === undefined ? current.settings.model.baseUrl : modelRest.baseUrl,
      embeddingModel: modelRest.embeddingModel === undefined ? current.settings.model.embeddingModel : modelRest.embeddingModel,
    },
  };
  const moved =
    settings.model.provider !== current.settings.model.provider || (settings.model.baseUrl ?? null) !== (current.settings.model.baseUrl ?? null);
  const apiKey = keyPatch !== undefined ? keyPatch : moved ? null : current.apiKey;
  const now = ctx.clock.now();
  const values = {
    settings: JSON.stringify(settings),
    api_key_ciphertext: apiKey ? ctx.secrets.seal(apiKey, agentKeyContext(workspaceId)) : null,
    updated_at: now,
  };
  await ctx.db
    .insertInto('agent_settings')
    .values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
    .execute();
  return { settings, apiKey };
}
