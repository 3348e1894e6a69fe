/**
 * A workspace's API keys for integrations, managed by its owners: each key is shown once at
 * creation, stored as its SHA-256 with a short prefix to recognise it by, and revoked rather than
 * deleted so its history (created, last used) stays visible to whoever investigates a leak.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { generateApiKey, hashToken } from '../security/tokens.js';
import { newId } from '../store/ids.js';

export const createApiKeySchema = z.object({ name: z.string().trim().min(1).max(80) }).strict();

/** How many leading characters of a key are kept to recognise it (`tbk_` and four more). */
export const API_KEY_PREFIX_LENGTH = 8;

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The workspace's active (unrevoked) keys, newest first. */
export async function listApiKeys(ctx: AppContext, workspaceId: string): Promise<ApiKey[]> {
  const rows = await ctx.db
    .selectFrom('api_keys')
    .select(['id', 'name', 'key_prefix', 'created_at', 'last_used_at'])
    .where('workspace_id', '=', workspaceId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.key_prefix, createdAt: iso(r.created_at) as string, lastUsedAt: iso(r.last_used_at) }));
}

/** Creates a key; the key itself is in the result and nowhere else. */
export async function createApiKey(
  ctx: AppContext,
  workspaceId: string,
  input: z.infer<typeof createApiKeySchema>,
): Promise<ApiKey & { apiKey: string }> {
  const now = ctx.clock.now();
  const apiKey = generateApiKey();
  const id = newId('key', now);
  const prefix = apiKey.slice(0, API_KEY_PREFIX_LENGTH);
  await ctx.db
    .insertInto('api_keys')
    .values({
      id,
      workspace_id: workspaceId,
      name: input.name,
      key_hash: hashToken(apiKey),
      key_prefix: prefix,
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { id, name: input.name, prefix, createdAt: new Date(now).toISOString(), lastUsedAt: null, apiKey };
}

/** Revokes a key: from now on it authenticates nothing. 404 for another workspace's or an already revoked key. */
export async function revokeApiKey(ctx: AppContext, workspaceId: string, keyId: string): Promise<void> {
  const result = await ctx.db
    .updateTable('api_keys')
    .set({ revoked_at: ctx.clock.now() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('API key');
}
