/**
 * The SQLite connection Kysely runs every statement through (database.ts swaps it into Kysely's
 * driver). Its own file because it does two things Kysely's stock connection does not, both for the
 * cost of the missed-call path:
 *
 * - Compiled statements are kept by SQL text. better-sqlite3 compiles a statement on every
 *   `prepare`; Kysely's stock driver prepares each query anew. The hot path repeats a few dozen SQL
 *   texts (parameters are bound, never inlined). Bounded, least recently used out, so ad-hoc SQL
 *   (migrations, filters with varying IN lists) cannot grow it without end.
 *
 * - Rows are read as arrays (better-sqlite3's raw mode) and turned into objects here, by a function
 *   compiled once per statement from its column names. In object mode better-sqlite3 builds each
 *   row through the V8 API, property by property: for the dial-result's call read (about 80 columns,
 *   a five-table join) that was 99 µs of a statement that costs 40 µs in raw mode. The compiled
 *   function is an object literal with the column names as keys, so V8 gives every row of a
 *   statement the same shape. The rows are exactly object mode's (sqlite-connection.test.ts): same
 *   keys in the same order, the later of two same-named columns winning, the same values (the
 *   value conversion is better-sqlite3's in both modes).
 */
import type SQLite from 'better-sqlite3';
import { LruMap } from '../domain/lru-map.js';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import { compileObjectLiteral, property } from './object-literal.js';

/** Turns one raw row (values in column order) into the object better-sqlite3's object mode returns. */
type RowBuilder = ((values: unknown[]) => Record<string, unknown>) & { columnCount: number };

/**
 * The builder for these column names: `{"a": v[0], "b": v[1], …}`. An object literal's semantics are
 * object mode's: a repeated key keeps its first position and takes the later value; integer-like
 * names come first, ascending, as on any object; a column named `__proto__` sets the prototype when
 * its value is an object (a blob) and is dropped otherwise, as object mode does too.
 */
export function compileRowBuilder(names: readonly string[]): RowBuilder {
  // One literal shape per statement.
  const build = compileObjectLiteral<RowBuilder>(['v'], names.map((name, i) => [name, property('v', i)]));
  build.columnCount = names.length;
  return build;
}

interface CachedStatement {
  stmt: SQLite.Statement;
  /** Readers only; built on first read, again if the statement's columns changed (see rowsOf). */
  builder?: RowBuilder;
}

const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

export class CachingSqliteConnection implements DatabaseConnection {
  private readonly statements: LruMap<string, CachedStatement>;

  constructor(
    private readonly sqlite: SQLite.Database,
    maxStatements = 500,
  ) {
    this.statements = new LruMap(maxStatements);
  }

  private prepare(text: string): CachedStatement {
    const kept = this.statements.get(text);
    if (kept) return kept;
    const stmt = this.sqlite.prepare(text);
    if (stmt.reader) stmt.raw(true);
    const entry: CachedStatement = { stmt };
    this.statements.set(text, entry);
    return entry;
  }

  /**
   * The statement's rows as objects. SQLite recompiles a statement whose tables changed (a
   * migration, here or in another process); its columns may then differ from the builder's. A
   * change made here drops every builder (executeQuery); one made elsewhere is seen by the row's
   * length: migrations only add columns (docs/operations.md), so a `select *` grows.
   */
  private rowsOf(entry: CachedStatement, parameters: unknown[]): Record<string, unknown>[] {
    const raw = entry.stmt.all(parameters) as unknown[][];
    if (raw.length === 0) return [];
    let builder = entry.builder;
    if (!builder || builder.columnCount !== raw[0]!.length) {
      builder = entry.builder = compileRowBuilder(entry.stmt.columns().map((c) => c.name));
    }
    const rows = new Array<Record<string, unknown>>(raw.length);
    for (let i = 0; i < raw.length; i++) rows[i] = builder(raw[i]!);
    return rows;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const parameters = query.parameters as unknown[];
    if (SCHEMA_CHANGE.test(query.sql)) {
      // Schema changes (migrations) invalidate compiled statements and their columns: never keep
      // those, and rebuild every row builder on its next read.
      for (const entry of this.statements.values()) entry.builder = undefined;
      const stmt = this.sqlite.prepare(query.sql);
      if (stmt.reader) return Promise.resolve({ rows: stmt.all(parameters) as R[] });
      const { changes, lastInsertRowid } = stmt.run(parameters);
      return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
    }
    const entry = this.prepare(query.sql);
    if (entry.stmt.reader) return Promise.resolve({ rows: this.rowsOf(entry, parameters) as R[] });
    const { changes, lastInsertRowid } = entry.stmt.run(parameters);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
  }

  /**
   * A one-row read (no parameters) run at once, not through the driver's queue: for reads so small
   * (a primary-key lookup, ~1 µs) that the driver's asynchronous path (~20 µs) would be most of
   * their cost. Throws while a transaction is open (the read would see its uncommitted writes).
   */
  readRowNow(text: string): Record<string, unknown> | undefined {
    if (this.sqlite.inTransaction) throw new Error('a transaction is open on the connection');
    return this.rowsOf(this.prepare(text), [])[0];
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // Its own statement (object mode): an iterating statement is busy until the caller stops reading.
    const stmt = this.sqlite.prepare(query.sql);
    for (const row of stmt.iterate(query.parameters as unknown[])) yield { rows: [row as R] };
  }
}
