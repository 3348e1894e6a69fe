/**
 * SECRET_KEY rotation: every value SecretBox sealed at rest is opened with the old key and sealed
 * again with the new one, in one transaction. If any value does not open with the old key, nothing
 * is written: a half-rotated database would need both keys, and the server only ever has one.
 *
 * The catalogue below is every sealed column and the associated data (the owning record) each was
 * sealed with, taken from the modules that seal them (one definition of each context);
 * test/operations/rotate-secret-key.test.ts seals through those modules, and fails if the schema
 * gains a `*_ciphertext` / `*_sealed` column this catalogue does not list.
 */
import type { Kysely, Transaction } from 'kysely';
import { agentKeyContext } from '../agent/agent-settings.js';
import { sendEmailJob } from '../jobs/definitions/send-email.js';
import type { SecretBox } from '../security/secret-box.js';
import { callEventSecretContext } from '../services/call-event-reports.js';
import { carrierExtraContext, carrierSecretContext } from '../services/carrier-accounts.js';
import { EMAIL_SEAL_CONTEXT } from '../services/mailer.js';
import { inviteTokenContext } from '../services/members.js';
import { workflowSigningContext } from '../workflows/workflow-store.js';
import type { Database } from '../store/schema.js';

/** One sealed value: where it lives, what it was sealed with, and how to write it back. */
interface SealedValue {
  /** For an operator reading an error: table, row and column. */
  where: string;
  context: string;
  sealed: string;
  save(trx: Transaction<Database>, resealed: string): Promise<void>;
}

interface SealedColumn {
  table: keyof Database;
  column: string;
  /** What it holds, in the words of the command's report. */
  label: string;
  list(trx: Transaction<Database>): Promise<SealedValue[]>;
}

/** Every column SecretBox writes to. */
export const SEALED_COLUMNS: SealedColumn[] = [
  {
    // services/carrier-accounts.ts
    table: 'carrier_accounts',
    column: 'secret_ciphertext',
    label: 'carrier credentials',
    async list(trx) {
      const rows = await trx.selectFrom('carrier_accounts').select(['id', 'workspace_id', 'carrier', 'secret_ciphertext']).execute();
      return rows.map((r) => ({
        where: `carrier_accounts ${r.id} (${r.carrier}) secret_ciphertext`,
        context: carrierSecretContext(r.workspace_id, r.carrier),
        sealed: r.secret_ciphertext,
        save: async (t, resealed) => void (await t.updateTable('carrier_accounts').set({ secret_ciphertext: resealed }).where('id', '=', r.id).execute()),
      }));
    },
  },
  {
    // services/carrier-accounts.ts
    table: 'carrier_accounts',
    column: 'extra_ciphertext',
    label: 'carrier settings and signing keys',
    async list(trx) {
      const rows = await trx
        .selectFrom('carrier_accounts')
        .select(['id', 'workspace_id', 'carrier', 'extra_ciphertext'])
        .where('extra_ciphertext', 'is not', null)
        .execute();
      return rows.map((r) => ({
        where: `carrier_accounts ${r.id} (${r.carrier}) extra_ciphertext`,
        context: carrierExtraContext(r.workspace_id, r.carrier),
        sealed: r.extra_ciphertext ?? '',
        save: async (t, resealed) => void (await t.updateTable('carrier_accounts').set({ extra_ciphertext: resealed }).where('id', '=', r.id).execute()),
      }));
    },
  },
  {
    // services/call-event-reports.ts
    table: 'call_event_secrets',
    column: 'secret_ciphertext',
    label: 'phone system signing secrets',
    async list(trx) {
      const rows = await trx.selectFrom('call_event_secrets').select(['workspace_id', 'secret_ciphertext']).execute();
      return rows.map((r) => ({
        where: `call_event_secrets of workspace ${r.workspace_id}`,
        context: callEventSecretContext(r.workspace_id),
        sealed: r.secret_ciphertext,
        save: async (t, resealed) =>
          void (await t.updateTable('call_event_secrets').set({ secret_ciphertext: resealed }).where('workspace_id', '=', r.workspace_id).execute()),
      }));
    },
  },
  {
    // agent/agent-settings.ts
    table: 'agent_settings',
    column: 'api_key_ciphertext',
    label: 'model API keys',
    async list(trx) {
      const rows = await trx
        .selectFrom('agent_settings')
        .select(['workspace_id', 'api_key_ciphertext'])
        .where('api_key_ciphertext', 'is not', null)
        .execute();
      return rows.map((r) => ({
        where: `agent_settings of workspace ${r.workspace_id}`,
        context: agentKeyContext(r.workspace_id),
        sealed: r.api_key_ciphertext ?? '',
        save: async (t, resealed) =>
          void (await t.updateTable('agent_settings').set({ api_key_ciphertext: resealed }).where('workspace_id', '=', r.workspace_id).execute()),
      }));
    },
  },
  {
    // workflows/workflow-store.ts
    table: 'workflows',
    column: 'signing_secret_ciphertext',
    label: 'workflow signing secrets',
    async list(trx) {
      const rows = await trx.selectFrom('workflows').select(['id', 'workspace_id', 'signing_secret_ciphertext']).execute();
      return rows.map((r) => ({
        where: `workflows ${r.id}`,
        context: workflowSigningContext(r.workspace_id, r.id),
        sealed: r.signing_secret_ciphertext,
        save: async (t, resealed) => void (await t.updateTable('workflows').set({ signing_secret_ciphertext: resealed }).where('id', '=', r.id).execute()),
      }));
    },
  },
  {
    // services/members.ts
    table: 'invites',
    column: 'token_sealed',
    label: 'invite links',
    async list(trx) {
      const rows = await trx.selectFrom('invites').select(['id', 'token_sealed']).where('token_sealed', 'is not', null).execute();
      return rows.map((r) => ({
        where: `invites ${r.id}`,
        context: inviteTokenContext(r.id),
        sealed: r.token_sealed ?? '',
        save: async (t, resealed) => void (await t.updateTable('invites').set({ token_sealed: resealed }).where('id', '=', r.id).execute()),
      }));
    },
  },
  {
    // services/mailer.ts: a queued email's payload is { sealed } (jobs.payload is JSON text).
    table: 'jobs',
    column: 'payload',
    label: 'queued emails',
    async list(trx) {
      const rows = await trx.selectFrom('jobs').select(['id', 'payload']).where('kind', '=', sendEmailJob.name).execute();
      return rows.map((r) => {
        const payload = JSON.parse(r.payload) as Record<string, unknown>;
        return {
          where: `jobs ${r.id} (${sendEmailJob.name})`,
          context: EMAIL_SEAL_CONTEXT,
          sealed: typeof payload.sealed === 'string' ? payload.sealed : '',
          save: async (t, resealed) =>
            void (await t.updateTable('jobs').set({ payload: JSON.stringify({ ...payload, sealed: resealed }) }).where('id', '=', r.id).execute()),
        };
      });
    },
  },
];

export interface RotationReport {
  /** How many values were re-encrypted, by label, in catalogue order. */
  counts: Array<{ label: string; count: number }>;
  total: number;
}

/** Refused: these values do not open with the old key; the database is unchanged. */
export class SecretKeyRotationError extends Error {
  constructor(readonly failures: Array<{ where: string; reason: string }>) {
    const shown = failures.slice(0, 10).map((f) => `  ${f.where}: ${f.reason}`);
    const more = failures.length > 10 ? [`  … and ${failures.length - 10} more`] : [];
    super(
      `Nothing was changed: ${failures.length} stored secret${failures.length === 1 ? '' : 's'} did not decrypt with the current key.\n` +
        [...shown, ...more].join('\n'),
    );
  }
}

function opens(box: SecretBox, v: SealedValue): string | null {
  try {
    return box.open(v.sealed, v.context);
  } catch {
    return null;
  }
}

/**
 * Re-encrypts every sealed value from `from` to `to` in one transaction. Every value is opened
 * before any is written; one that does not open refuses the whole rotation (SecretKeyRotationError).
 */
export async function rotateSecretKey(db: Kysely<Database>, from: SecretBox, to: SecretBox): Promise<RotationReport> {
  return db.transaction().execute(async (trx) => {
    const found: Array<{ label: string; values: SealedValue[] }> = [];
    for (const c of SEALED_COLUMNS) found.push({ label: c.label, values: await c.list(trx) });
    const failures: Array<{ where: string; reason: string }> = [];
    const opened: Array<{ value: SealedValue; plaintext: string }> = [];
    for (const { values } of found) {
      for (const value of values) {
        const plaintext = opens(from, value);
        if (plaintext !== null) opened.push({ value, plaintext });
        else failures.push({ where: value.where, reason: opens(to, value) !== null ? 'already encrypted with the new key' : 'does not decrypt' });
      }
    }
    if (failures.length) throw new SecretKeyRotationError(failures);
    for (const { value, plaintext } of opened) await value.save(trx, to.seal(plaintext, value.context));
    const counts = found.map((f) => ({ label: f.label, count: f.values.length }));
    return { counts, total: opened.length };
  });
}
