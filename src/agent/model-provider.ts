/**
 * Builds an AI SDK language model from the workspace's agent settings: OpenAI (Chat Completions),
 * Anthropic, or any OpenAI-compatible server (Ollama, llama.cpp, vLLM). `builtin` is not here: it
 * needs no model at all (agent/builtin-responder.ts).
 *
 * The base URL is the workspace's to choose, so every provider gets a `fetch` that goes through
 * the SSRF guard (security/guarded-fetch.ts): public addresses only unless the operator set
 * ALLOW_PRIVATE_MODEL_URLS=true, DNS pinned, no redirects, one fixed message when nothing answers.
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { AppContext } from '../context.js';
import { waitOffSlot, type WaitOffSlot } from '../jobs/follow-up-scope.js';
import { guardedFetch, UnreachableError } from '../security/guarded-fetch.js';
import { UrlRefusedError } from '../workflows/url-guard.js';
import type { AgentSettings } from './agent-settings.js';

export const MODEL_UNREACHABLE = 'the model server could not be reached';

export interface ModelNetworkOptions {
  /** ALLOW_PRIVATE_MODEL_URLS: let the model URL reach loopback and private addresses (Ollama here). */
  allowPrivate: boolean;
  /**
   * How each request waits for the model's answer: in an agent job, off the job's worker slot
   * (jobs/follow-up-scope.ts, waitOffSlot), so turns waiting seconds on a model do not hold the
   * slots a text-back needs. Unset: the request simply runs.
   */
  wait?: WaitOffSlot;
}

/**
 * The network options of a request made with `ctx`: the operator's private-address setting, and,
 * when `ctx.db` is a running job's handle, the wait off that job's slot. One place, so a chat
 * model, a knowledge import's embeddings and a question's embedding all wait the same way.
 */
export function modelNetworkOf(ctx: Pick<AppContext, 'db' | 'config'>): ModelNetworkOptions {
  return { allowPrivate: ctx.config.allowPrivateModelUrls, wait: (request) => waitOffSlot(ctx.db, request) };
}

class ModelUrlRefusedError extends UrlRefusedError {
  override name = 'ModelUrlRefusedError';
}

const MODEL_PURPOSE = {
  action: 'call the model server',
  setting: 'ALLOW_PRIVATE_MODEL_URLS',
  subject: "the AI agent's model URL",
  error: ModelUrlRefusedError,
};

/** The guarded fetch every model provider uses. */
export function modelFetch(opts: ModelNetworkOptions): typeof fetch {
  const guarded = guardedFetch({ allowPrivate: opts.allowPrivate, purpose: MODEL_PURPOSE, unreachableMessage: MODEL_UNREACHABLE });
  const { wait } = opts;
  return wait ? (input, init) => wait(() => guarded(input, init)) : guarded;
}

/**
 * What a workspace may read about a failed model call: a fixed sentence, the HTTP status at most,
 * never the body or the socket error (they would describe whatever answered at that address).
 */
export function describeModelError(err: unknown): string {
  if (err instanceof UnreachableError) {
    return err.refused ? `${MODEL_UNREACHABLE}: its address is not public (the operator can allow it with ALLOW_PRIVATE_MODEL_URLS=true)` : MODEL_UNREACHABLE;
  }
  const e = err as { name?: string; statusCode?: unknown; cause?: unknown; lastError?: unknown } | null;
  if (e?.cause instanceof UnreachableError) return describeModelError(e.cause);
  // The SDK's RetryError wraps the attempt that failed last.
  if (e?.lastError) return describeModelError(e.lastError);
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return 'the model server did not answer in time';
  if (typeof e?.statusCode === 'number') return `the model server answered HTTP ${e.statusCode}`;
  return 'the model server gave an answer Textback could not use';
}

const DEFAULT_MODELS: Record<string, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
  'openai-compatible': 'llama3.1',
};

export function modelName(settings: AgentSettings): string {
  return settings.model.name || DEFAULT_MODELS[settings.model.provider] || 'builtin';
}

export function createLanguageModel(settings: AgentSettings, apiKey: string | null, network: ModelNetworkOptions): LanguageModel {
  const { provider, baseUrl } = settings.model;
  const name = modelName(settings);
  const fetch = modelFetch(network);
  switch (provider) {
    case 'openai':
      // .chat(): the default entry point speaks the Responses API, which compatible servers lack.
      return createOpenAI({ apiKey: apiKey ?? '', fetch, ...(baseUrl ? { baseURL: baseUrl } : {}) }).chat(name);
    case 'anthropic':
      return createAnthropic({ apiKey: apiKey ?? '', fetch, ...(baseUrl ? { baseURL: baseUrl } : {}) })(name);
    case 'openai-compatible':
      if (!baseUrl) throw new Error('The openai-compatible provider needs a base URL');
      return createOpenAICompatible({ name: 'openai-compatible', baseURL: baseUrl, apiKey: apiKey ?? undefined, includeUsage: true, fetch }).chatModel(name);
    default:
      throw new Error(`No language model for provider "${provider}"`);
  }
}
