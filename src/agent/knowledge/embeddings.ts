/**
 * Embeddings for hybrid knowledge retrieval, through the AI SDK: OpenAI (text-embedding-3-small
 * unless the workspace names another) and OpenAI-compatible servers (only when the workspace
 * names an embedding model: what a local server offers varies). Builtin and Anthropic have none,
 * and retrieval stays BM25 alone. Requests go through the model SSRF guard, as chat requests do.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmbeddingModel } from 'ai';
import type { AgentSettings } from '../agent-settings.js';
import { modelFetch, type ModelNetworkOptions } from '../model-provider.js';

export const DEFAULT_OPENAI_EMBEDDING_MODEL = 'text-embedding-3-small';

/** The embedding model's name for these settings, or null when the provider offers none. */
export function embeddingModelName(settings: AgentSettings): string | null {
  const { provider, embeddingModel } = settings.model;
  if (provider === 'openai') return embeddingModel ?? DEFAULT_OPENAI_EMBEDDING_MODEL;
  if (provider === 'openai-compatible' && settings.model.baseUrl) return embeddingModel ?? null;
  return null;
}

export function createEmbeddingModel(settings: AgentSettings, apiKey: string | null, network: ModelNetworkOptions): EmbeddingModel | null {
  const name = embeddingModelName(settings);
  if (name === null) return null;
  const { provider, baseUrl } = settings.model;
  const fetch = modelFetch(network);
  if (provider === 'openai') return createOpenAI({ apiKey: apiKey ?? '', fetch, ...(baseUrl ? { baseURL: baseUrl } : {}) }).embeddingModel(name);
  return createOpenAICompatible({ name: 'openai-compatible', baseURL: baseUrl as string, apiKey: apiKey ?? undefined, fetch }).embeddingModel(name);
}
