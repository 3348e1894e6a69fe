/**
 * Row types of every table, as Kysely sees them. The same on SQLite and PostgreSQL: times are epoch
 * milliseconds (bigint, read back as numbers), flags are 0/1 integers and JSON is text parsed by the
 * repositories, so no value changes shape between the two databases.
 *
 * Each group of tables lives in its own file under store/tables/ (its row types and a `…Tables`
 * map of table name → row type); `Database` composes the groups, and this module re-exports every
 * row type so `import type { … } from '../store/schema.js'` keeps working. A new table goes in its
 * group's file and that group's map.
 */
import type { AccountTables } from './tables/accounts.js';
import type { AgentTables } from './tables/agent.js';
import type { CallTables } from './tables/calls.js';
import type { ContactTables } from './tables/contacts.js';
import type { ConversationTables } from './tables/conversations.js';
import type { EventTables } from './tables/events.js';
import type { JobTables } from './tables/jobs.js';
import type { MessageTables } from './tables/messages.js';
import type { WorkflowTables } from './tables/workflows.js';
import type { WorkspaceTables } from './tables/workspaces.js';

export type * from './tables/accounts.js';
export type * from './tables/agent.js';
export type * from './tables/calls.js';
export type * from './tables/contacts.js';
export type * from './tables/conversations.js';
export type * from './tables/events.js';
export type * from './tables/flag.js';
export type * from './tables/jobs.js';
export type * from './tables/messages.js';
export type * from './tables/workflows.js';
export type * from './tables/workspaces.js';

/** Every table, by name: what `Kysely<Database>` type-checks queries against. */
export interface Database
  extends WorkspaceTables,
    ContactTables,
    CallTables,
    ConversationTables,
    MessageTables,
    EventTables,
    JobTables,
    AgentTables,
    WorkflowTables,
    AccountTables {}
