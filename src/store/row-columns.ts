/**
 * The columns of the tables the missed-call path reads and writes most, as runtime lists, for two
 * things Kysely's types alone cannot do:
 * - several tables' rows from one statement (a join) without their columns colliding: a joined
 *   table's columns come back under a prefix (`pn.id as "pn__id"`) and `rowFrom` takes them back
 *   out as that table's row. On PostgreSQL every statement is a network round trip, so the hot
 *   paths read what belongs together at once (a call with its number, workspace and carrier account);
 * - whole-row inserts compiled once (store/prepared-query.ts), each column bound from the row.
 *
 * The lists are checked against the row types when compiling: a column added to one of these tables
 * and not listed here fails the build, so no read returns a row short of a field and no insert
 * leaves one out.
 */
import { sql, type AliasedRawBuilder } from 'kysely';
import { compileObjectLiteral, property } from './object-literal.js';
import type { CallsTable, ContactsTable, ConversationsTable, JobsTable, MessagesTable, PhoneNumbersTable, WorkspacesTable } from './schema.js';

/** Accepts the list only when it names every column of Row (the error names the missing ones). */
function allColumns<Row>() {
  return <const C extends readonly (keyof Row & string)[]>(
    cols: C & ([Exclude<keyof Row, C[number]>] extends [never] ? unknown : { missing: Exclude<keyof Row, C[number]> }),
  ): readonly (keyof Row & string)[] => cols;
}

export const PHONE_NUMBER_COLUMNS = allColumns<PhoneNumbersTable>()([
  'id',
  'workspace_id',
  'number',
  'carrier',
  'name',
  'settings',
  'carrier_number_id',
  'messaging_service_sid',
  'readiness',
  'sender_block_strikes',
  'textback_paused_at',
  'textback_paused_reason',
  'created_at',
  'updated_at',
]);

export const WORKSPACE_COLUMNS = allColumns<WorkspacesTable>()(['id', 'name', 'business_name', 'timezone', 'settings', 'created_at', 'updated_at']);

export const CONTACT_COLUMNS = allColumns<ContactsTable>()([
  'id',
  'workspace_id',
  'phone',
  'name',
  'stage',
  'opted_out',
  'opted_out_at',
  'textable',
  'not_textable_reason',
  'line_type',
  'line_type_checked_at',
  'unreachable_strikes',
  'created_at',
  'updated_at',
  'practice',
]);

export const CALL_COLUMNS = allColumns<CallsTable>()([
  'id',
  'workspace_id',
  'phone_number_id',
  'contact_id',
  'carrier',
  'carrier_call_id',
  'from_number',
  'to_number',
  'started_at',
  'ended_at',
  'carrier_status',
  'dial_status',
  'dial_bridged',
  'screen_accepted_at',
  'outcome',
  'outcome_decided_at',
  'outcome_source',
  'voicemail_url',
  'voicemail_recording_id',
  'voicemail_duration',
  'voicemail_transcript',
  'textback_status',
  'textback_reason',
  'textback_message_id',
  'forwarded_from',
  'after_hours',
  'created_at',
  'updated_at',
  'practice',
]);

export const MESSAGE_COLUMNS = allColumns<MessagesTable>()([
  'id',
  'workspace_id',
  'conversation_id',
  'contact_id',
  'phone_number_id',
  'direction',
  'author',
  'body',
  'media',
  'status',
  'carrier',
  'carrier_message_id',
  'from_number',
  'to_number',
  'error_code',
  'error_message',
  'call_id',
  'segments',
  'created_at',
  'updated_at',
  'sent_at',
  'practice',
]);

export const CONVERSATION_COLUMNS = allColumns<ConversationsTable>()([
  'id',
  'workspace_id',
  'contact_id',
  'phone_number_id',
  'last_message_at',
  'last_inbound_at',
  'last_human_at',
  'last_agent_at',
  'agent_locked_until',
  'created_at',
  'updated_at',
  'status',
  'snoozed_until',
  'assignee_user_id',
  'needs_reply_at',
  'needs_reply_reason',
  'handoff_at',
  'ai_off',
  'ai_off_reason',
  'practice',
]);

export const JOB_COLUMNS = allColumns<JobsTable>()([
  'id',
  'workspace_id',
  'kind',
  'unique_key',
  'payload',
  'status',
  'attempts',
  'max_attempts',
  'run_at',
  'locked_by',
  'locked_until',
  'last_error',
  'nudged_run_at',
  'created_at',
  'updated_at',
  'urgent',
]);

/** The selections for `columns` of the table joined as `alias`, each named `<prefix>__<column>`. */
export function prefixedColumns(alias: string, prefix: string, columns: readonly string[]): AliasedRawBuilder<unknown, string>[] {
  return columns.map((c) => sql`${sql.ref(`${alias}.${c}`)}`.as(`${prefix}__${c}`));
}

/**
 * The row of the table selected under `prefix`, or undefined when a left join found none (its key
 * column `id`, or the first listed, is null).
 */
export function rowFrom<Row>(joined: Record<string, unknown>, prefix: string, columns: readonly (keyof Row & string)[]): Row | undefined {
  return rowBuilder(prefix, columns)(joined) as Row | undefined;
}

type PrefixedRowBuilder = (joined: Record<string, unknown>) => Record<string, unknown> | undefined;
const rowBuilders = new WeakMap<readonly string[], Map<string, PrefixedRowBuilder>>();

/**
 * rowFrom's work compiled once per column list and prefix (the lists are this file's constants): an
 * object literal with the columns as keys, so every row of a table has one shape, and no key
 * strings built per row (the job's joined read takes 4 tables' rows, ~120 columns, per missed call).
 */
function rowBuilder(prefix: string, columns: readonly string[]): PrefixedRowBuilder {
  let byPrefix = rowBuilders.get(columns);
  if (!byPrefix) rowBuilders.set(columns, (byPrefix = new Map()));
  let build = byPrefix.get(prefix);
  if (!build) {
    const from = (c: string) => property('j', `${prefix}__${c}`);
    const key = columns.includes('id') ? 'id' : columns[0]!;
    build = compileObjectLiteral<PrefixedRowBuilder>(['j'], columns.map((c) => [c, from(c)]), { undefinedWhen: `${from(key)} == null` });
    byPrefix.set(prefix, build);
  }
  return build;
}
