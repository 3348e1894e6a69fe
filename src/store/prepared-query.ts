/**
 * Queries of a fixed shape, built and compiled by Kysely once per database kind and from then on
 * only bound to new values. Kysely rebuilds its (immutable, frozen) builder tree and recompiles the
 * SQL on every execution; on the missed-call path that was the second cost of the process after
 * SQLite itself, most of it in the few wide reads that join four tables.
 *
 * The query is built with placeholders in place of its values: each is a unique marker string,
 * so Kysely passes it through to the compiled parameters like any value, and the positions where
 * the markers land say which value goes where. Only for queries whose shape does not depend on the
 * values (no optional clauses, no IN lists of varying length): a value the builder needs to read
 * (to choose a branch, to expand a list) would be a marker, not the value.
 */
import type { CompiledQuery, Compilable, DialectAdapter, Kysely, QueryResult, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

const MARK = '\u0000tb-param:';

interface Template {
  compiled: CompiledQuery;
  /** Per compiled parameter: the name of the value it takes, or a constant the query itself holds. */
  slots: ({ name: string } | { constant: unknown })[];
}

export type PreparedQuery<Params, Row> = (db: Executor, params: Params) => Promise<QueryResult<Row>>;

/**
 * A query compiled on first use (per database kind) and then executed with `params` bound.
 * `build` receives placeholders: use `p.name` wherever the query takes a value.
 */
export function preparedQuery<Params extends object, Row>(
  build: (db: Executor, p: Params) => Compilable<Row>,
): PreparedQuery<Params, Row> {
  const templates = new WeakMap<DialectAdapter, Template>();
  const placeholders = new Proxy({} as Params, { get: (_, name) => `${MARK}${String(name)}` });
  return async (db, params) => {
    const adapter = db.getExecutor().adapter;
    let template = templates.get(adapter);
    if (!template) {
      const compiled = build(db, placeholders).compile();
      const slots = compiled.parameters.map((value) =>
        typeof value === 'string' && value.startsWith(MARK) ? { name: value.slice(MARK.length) } : { constant: value },
      );
      template = { compiled, slots };
      templates.set(adapter, template);
    }
    const values = params as Record<string, unknown>;
    const parameters = template.slots.map((slot) => ('name' in slot ? values[slot.name] : slot.constant));
    return db.executeQuery<Row>({ ...template.compiled, parameters } as CompiledQuery<Row>);
  };
}

/**
 * For a whole-row insert: the row of placeholders (`p` as `build` receives it) for `columns`, so the
 * insert binds every column of the row it is given.
 */
export function placeholderRow<Row>(p: Row, columns: readonly (keyof Row & string)[]): Row {
  return Object.fromEntries(columns.map((c) => [c, p[c]])) as Row;
}
