/**
 * Builds an AI SDK language model from the workspace's agent settings: OpenAI (Chat Completions),
 * Anthropic, or any OpenAI-compatible server (Ollama, llama.cpp, vLLM). `builtin` is not here: it
 * needs no model at all (agent/builtin-responder.ts).
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { AgentSettings } from './agent-settings.js';

const DEFAULT_MODELS: Record<string, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
  'openai-compatible': 'llama3.1',
};

export function modelName(settings: AgentSettings): string {
  return settings.model.name || DEFAULT_MODELS[settings.model.provider] || 'builtin';
}

export function createLanguageModel(settings: AgentSettings, apiKey: string | null): LanguageModel {
  const { provider, baseUrl } = settings.model;
  const name = modelName(settings);
  switch (provider) {
    case 'openai':
      // .chat(): the default entry point speaks the Responses API, which compatible servers lack.
      return createOpenAI({ apiKey: apiKey ?? '', ...(baseUrl ? { baseURL: baseUrl } : {}) }).chat(name);
    case 'anthropic':
      return createAnthropic({ apiKey: apiKey ?? '', ...(baseUrl ? { baseURL: baseUrl } : {}) })(name);
    case 'openai-compatible':
      if (!baseUrl) throw new Error('The openai-compatible provider needs a base URL');
      return createOpenAICompatible({ name: 'openai-compatible', baseURL: baseUrl, apiKey: apiKey ?? undefined, includeUsage: true }).chatModel(name);
    default:
      throw new Error(`No language model for provider "${provider}"`);
  }
}
