/**
 * What a carrier webhook needs before it decides anything, read in one statement: the number that was
 * called (or the call its URL names, with that call's number and caller), the workspace, the
 * workspace's sealed carrier credentials (to check the signature) and whether any workflow listens
 * to the events the webhook may record. On PostgreSQL every statement is a network round trip; a
 * voice webhook used to read these one by one (three statements, the dial result five). The
 * number's part (all but the call and its caller) comes from the process's cache when it holds the
 * number (number-context-cache.ts): a voice webhook then reads nothing, a dial result the call and
 * caller alone.
 *
 * Read before the webhook's transaction, so what it brings may be milliseconds old by the time the
 * decision commits. That is fine for each part: the credentials only check a signature; a number or
 * workspace changed in that instant is the same race as a change landing just after the webhook;
 * the contact's opt-out is read again by the text-back job and, last, by the statement that marks
 * the text `sending` (services/outbound-messages.ts); and a workflow enabled in that instant is one
 * created "after" the call. A text's status callback likewise reads the message with the
 * workspace's credentials (readMessageContext).
 */
import type { AppContext } from '../context.js';
import { CALL_COLUMNS, CONTACT_COLUMNS, MESSAGE_COLUMNS, PHONE_NUMBER_COLUMNS, prefixedColumns, rowFrom, WORKSPACE_COLUMNS } from '../store/row-columns.js';
import type { CallsTable, ContactsTable, Database, EventType, MessagesTable, PhoneNumbersTable, WorkspacesTable } from '../store/schema.js';
import type { SealedCarrierAccount } from './carrier-accounts.js';
import type { NumberContextCache } from './number-context-cache.js';
import { listensTo } from './domain-events.js';
import { sqlBool } from '../store/sql-bool.js';
import { sql, type QueryCreator } from 'kysely';
import { preparedQuery } from '../store/prepared-query.js';

/** Whether an enabled workflow listens, per event type a call webhook may record. */
export type Listening = Partial<Record<EventType, boolean>>;

export interface NumberContext {
  number: PhoneNumbersTable;
  workspace: WorkspacesTable;
  /** The workspace's stored account for the number's carrier; undefined when none is connected. */
  account: SealedCarrierAccount | undefined;
  listening: Listening;
}

export interface CallContext {
  call: CallsTable;
  /** The number the call came in on; undefined once it was removed. */
  number: PhoneNumbersTable | undefined;
  workspace: WorkspacesTable;
  account: SealedCarrierAccount | undefined;
  /** The caller's contact: undefined for a withheld number or a contact since deleted. */
  contact: ContactsTable | undefined;
  listening: Listening;
}

const CALL_EVENTS = ['contact.created', 'call.missed', 'call.answered'] as const satisfies readonly EventType[];

const accountColumns = ['account_id', 'secret_ciphertext', 'extra_ciphertext'] as const;

function listeningSelections(workspaceIdColumn: string) {
  return CALL_EVENTS.map((type) => listensTo(sql.ref(workspaceIdColumn), type).as(`listens__${type}`));
}

function listeningOf(row: Record<string, unknown>): Listening {
  return Object.fromEntries(CALL_EVENTS.map((type) => [type, sqlBool(row[`listens__${type}`])]));
}

/** A number's context, joined: the number, its workspace, the carrier account and the listeners. */
function selectNumberContext(db: QueryCreator<Database>) {
  return db
    .selectFrom('phone_numbers as pn')
    .innerJoin('workspaces as w', 'w.id', 'pn.workspace_id')
    .leftJoin('carrier_accounts as ca', (j) => j.onRef('ca.workspace_id', '=', 'pn.workspace_id').onRef('ca.carrier', '=', 'pn.carrier'))
    .select(prefixedColumns('pn', 'pn', PHONE_NUMBER_COLUMNS))
    .select(prefixedColumns('w', 'w', WORKSPACE_COLUMNS))
    .select(prefixedColumns('ca', 'ca', accountColumns))
    .select(listeningSelections('pn.workspace_id'));
}

const numberContextQuery = preparedQuery((db, p: { number: string }) => selectNumberContext(db).where('pn.number', '=', p.number));

const numberContextByIdQuery = preparedQuery((db, p: { id: string }) => selectNumberContext(db).where('pn.id', '=', p.id));

function numberContextOf(joined: Record<string, unknown> | undefined): NumberContext | undefined {
  if (!joined) return undefined;
  return {
    number: rowFrom<PhoneNumbersTable>(joined, 'pn', PHONE_NUMBER_COLUMNS)!,
    workspace: rowFrom<WorkspacesTable>(joined, 'w', WORKSPACE_COLUMNS)!,
    account: rowFrom<SealedCarrierAccount>(joined, 'ca', accountColumns),
    listening: listeningOf(joined),
  };
}

/**
 * The number `e164` with its workspace, carrier account and listeners; undefined when it is not ours.
 * From the process's cache when it holds the number and nothing changed since (number-context-cache.ts).
 */
export async function readNumberContext(ctx: AppContext, e164: string): Promise<NumberContext | undefined> {
  const cache = ctx.numberContexts;
  const generation = cache ? await cache.serving() : undefined;
  if (!cache || generation === undefined) return readStoredNumberContext(ctx, e164);
  return keptOrRead(cache, generation, cache.byNumber(e164), () => readStoredNumberContext(ctx, e164));
}

/** The cache's entry, or else the database's answer, kept for the next webhook when the number is ours. */
async function keptOrRead(
  cache: NumberContextCache,
  generation: number,
  kept: NumberContext | undefined,
  read: () => Promise<NumberContext | undefined>,
): Promise<NumberContext | undefined> {
  if (kept) return kept;
  const found = await read();
  // Numbers not ours are not kept: a stranger could otherwise fill the cache with them.
  if (found) cache.keep(found, generation);
  return found;
}

async function readStoredNumberContext(ctx: AppContext, e164: string): Promise<NumberContext | undefined> {
  return numberContextOf((await numberContextQuery(ctx.db, { number: e164 })).rows[0] as Record<string, unknown> | undefined);
}

async function readStoredNumberContextById(ctx: AppContext, id: string): Promise<NumberContext | undefined> {
  return numberContextOf((await numberContextByIdQuery(ctx.db, { id })).rows[0] as Record<string, unknown> | undefined);
}

/** Our call `callId` on `carrier` with its caller, joined. */
function selectCallWithCaller(db: QueryCreator<Database>, p: { callId: string; carrier: string }) {
  return db
    .selectFrom('calls as c')
    .leftJoin('contacts as ct', (j) => j.onRef('ct.id', '=', 'c.contact_id').onRef('ct.workspace_id', '=', 'c.workspace_id'))
    .select(prefixedColumns('c', 'c', CALL_COLUMNS))
    .select(prefixedColumns('ct', 'ct', CONTACT_COLUMNS))
    .where('c.id', '=', p.callId)
    .where('c.carrier', '=', p.carrier);
}

/** The call and its caller with the call's number, workspace, carrier account and listeners. */
const callContextQuery = preparedQuery((db, p: { callId: string; carrier: string }) =>
  selectCallWithCaller(db, p)
    .innerJoin('workspaces as w', 'w.id', 'c.workspace_id')
    .leftJoin('phone_numbers as pn', (j) => j.onRef('pn.id', '=', 'c.phone_number_id').onRef('pn.workspace_id', '=', 'c.workspace_id'))
    .leftJoin('carrier_accounts as ca', (j) => j.onRef('ca.workspace_id', '=', 'c.workspace_id').onRef('ca.carrier', '=', 'c.carrier'))
    .select(prefixedColumns('pn', 'pn', PHONE_NUMBER_COLUMNS))
    .select(prefixedColumns('w', 'w', WORKSPACE_COLUMNS))
    .select(prefixedColumns('ca', 'ca', accountColumns))
    .select(listeningSelections('c.workspace_id')),
);

/** The call and its caller alone: what a call's webhook reads when the number's part is cached. */
const callWithCallerQuery = preparedQuery(selectCallWithCaller);

/**
 * Our call `callId` on `carrier` with its number, workspace, carrier account, caller and listeners.
 * When the process's cache serves (number-context-cache.ts), the statement reads only the call and
 * its caller, and the number's part comes from the cache (read by the number's id and kept when it
 * is not there). The cached part is the one the voice webhook uses; it stands for the call's only
 * when it is the same: the number still in the call's workspace and on the call's carrier. Any
 * other call (its number removed, moved or switched carrier since) is read whole, as without a cache.
 */
export async function readCallContext(ctx: AppContext, callId: string, carrier: string): Promise<CallContext | undefined> {
  const cache = ctx.numberContexts;
  const generation = cache ? await cache.serving() : undefined;
  if (!cache || generation === undefined) return readStoredCallContext(ctx, callId, carrier);
  const joined = (await callWithCallerQuery(ctx.db, { callId, carrier })).rows[0] as Record<string, unknown> | undefined;
  if (!joined) return undefined;
  const call = rowFrom<CallsTable>(joined, 'c', CALL_COLUMNS)!;
  const known = await keptOrRead(cache, generation, cache.byId(call.phone_number_id), () => readStoredNumberContextById(ctx, call.phone_number_id));
  if (!known || known.number.workspace_id !== call.workspace_id || known.number.carrier !== call.carrier) return readStoredCallContext(ctx, callId, carrier);
  return {
    call,
    number: known.number,
    workspace: known.workspace,
    account: known.account,
    contact: rowFrom<ContactsTable>(joined, 'ct', CONTACT_COLUMNS),
    listening: known.listening,
  };
}

async function readStoredCallContext(ctx: AppContext, callId: string, carrier: string): Promise<CallContext | undefined> {
  const joined = (await callContextQuery(ctx.db, { callId, carrier })).rows[0] as Record<string, unknown> | undefined;
  if (!joined) return undefined;
  return {
    call: rowFrom<CallsTable>(joined, 'c', CALL_COLUMNS)!,
    number: rowFrom<PhoneNumbersTable>(joined, 'pn', PHONE_NUMBER_COLUMNS),
    workspace: rowFrom<WorkspacesTable>(joined, 'w', WORKSPACE_COLUMNS)!,
    account: rowFrom<SealedCarrierAccount>(joined, 'ca', accountColumns),
    contact: rowFrom<ContactsTable>(joined, 'ct', CONTACT_COLUMNS),
    listening: listeningOf(joined),
  };
}

const messageContextQuery = preparedQuery((db, p: { messageId: string; carrier: string }) =>
  db
    .selectFrom('messages as m')
    .leftJoin('carrier_accounts as ca', (j) => j.onRef('ca.workspace_id', '=', 'm.workspace_id').onRef('ca.carrier', '=', 'm.carrier'))
    .select(prefixedColumns('m', 'm', MESSAGE_COLUMNS))
    .select(prefixedColumns('ca', 'ca', accountColumns))
    .where('m.id', '=', p.messageId)
    .where('m.carrier', '=', p.carrier),
);

/** Our message `messageId` on `carrier` (a status callback names it) with the workspace's carrier account. */
export async function readMessageContext(
  ctx: AppContext,
  messageId: string,
  carrier: string,
): Promise<{ message: MessagesTable; account: SealedCarrierAccount | undefined } | undefined> {
  const joined = (await messageContextQuery(ctx.db, { messageId, carrier })).rows[0] as Record<string, unknown> | undefined;
  if (!joined) return undefined;
  return { message: rowFrom<MessagesTable>(joined, 'm', MESSAGE_COLUMNS)!, account: rowFrom<SealedCarrierAccount>(joined, 'ca', accountColumns) };
}
