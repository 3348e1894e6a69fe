/**
 * Workspaces (tenants): created by the operator, each with an API key shown once. Every other
 * table carries workspace_id and every query filters on it.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { isValidTimeZone } from '../domain/local-time.js';
import { notFound } from '../errors.js';
import { generateApiKey, hashToken } from '../security/tokens.js';
import { newId } from '../store/ids.js';
import type { WorkspacesTable } from '../store/schema.js';
import {
  DEFAULT_WORKSPACE_SETTINGS,
  parseWorkspaceSettings,
  workspaceSettingsSchema,
  type WorkspaceSettings,
} from './workspace-settings.js';

const timeZoneSchema = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as America/Chicago');

export const createWorkspaceSchema = z.object({
  name: z.string().trim().min(1).max(120),
  businessName: z.string().trim().min(1).max(120),
  timezone: timeZoneSchema,
});

export const updateWorkspaceSchema = workspaceSettingsSchema
  .partial()
  .extend({
    name: z.string().trim().min(1).max(120),
    businessName: z.string().trim().min(1).max(120),
    timezone: timeZoneSchema,
  })
  .partial()
  .strict();

export interface Workspace extends WorkspaceSettings {
  id: string;
  name: string;
  businessName: string;
  timezone: string;
  createdAt: string;
}

export function presentWorkspace(row: WorkspacesTable): Workspace {
  return {
    id: row.id,
    name: row.name,
    businessName: row.business_name,
    timezone: row.timezone,
    ...parseWorkspaceSettings(row.settings),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Creates a workspace and its first API key; the key is in the result and nowhere else. */
export async function createWorkspace(
  ctx: AppContext,
  input: z.infer<typeof createWorkspaceSchema>,
): Promise<Workspace & { apiKey: string }> {
  const now = ctx.clock.now();
  const id = newId('ws', now);
  const apiKey = generateApiKey();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('workspaces')
      .values({
        id,
        name: input.name,
        business_name: input.businessName,
        timezone: input.timezone,
        settings: JSON.stringify(DEFAULT_WORKSPACE_SETTINGS),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('api_keys')
      .values({
        id: newId('key', now),
        workspace_id: id,
        name: 'Default',
        key_hash: hashToken(apiKey),
        key_prefix: apiKey.slice(0, 8),
        created_at: now,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
  });
  const workspace = await getWorkspace(ctx, id);
  return { ...workspace, apiKey };
}

export async function getWorkspaceRow(ctx: AppContext, workspaceId: string): Promise<WorkspacesTable> {
  const row = await ctx.db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst();
  if (!row) throw notFound('Workspace');
  return row;
}

export async function getWorkspace(ctx: AppContext, workspaceId: string): Promise<Workspace> {
  return presentWorkspace(await getWorkspaceRow(ctx, workspaceId));
}

export async function updateWorkspace(
  ctx: AppContext,
  workspaceId: string,
  patch: z.infer<typeof updateWorkspaceSchema>,
): Promise<Workspace> {
  const row = await getWorkspaceRow(ctx, workspaceId);
  const { name, businessName, timezone, ...settingsPatch } = patch;
  const settings = workspaceSettingsSchema.parse({ ...parseWorkspaceSettings(row.settings), ...settingsPatch });
  await ctx.db
    .updateTable('workspaces')
    .set({
      name: name ?? row.name,
      business_name: businessName ?? row.business_name,
      timezone: timezone ?? row.timezone,
      settings: JSON.stringify(settings),
      updated_at: ctx.clock.now(),
    })
    .where('id', '=', workspaceId)
    .execute();
  return getWorkspace(ctx, workspaceId);
}

/** Resolves a workspace API key to its workspace id, or null. Records when the key was last used. */
export async function authenticateApiKey(ctx: AppContext, key: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('api_keys')
    .select(['id', 'workspace_id', 'last_used_at'])
    .where('key_hash', '=', hashToken(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const now = ctx.clock.now();
  // At most one write a minute per key: authentication sits on every request.
  if (!row.last_used_at || now - row.last_used_at > 60_000) {
    await ctx.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return row.workspace_id;
}

export async function listWorkspaces(ctx: AppContext): Promise<Workspace[]> {
  const rows = await ctx.db.selectFrom('workspaces').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(presentWorkspace);
}
