/**
 * A named statement's query that reuses the shape of its result: the field list, the value parsers
 * and the empty row every row is copied from, built once per statement and result columns instead
 * of once per execution.
 *
 * pg describes the portal on every execution and rebuilds all three from the RowDescription each
 * time (`Result.addFields`): a parser lookup per column and an empty row grown key by key from
 * `Object.create(null)`, which V8 keeps as a slow dictionary object that every row is then spread
 * from. For the missed-call path's wide reads (the call decision's ~120 columns) that was 4% of the
 * process's samples on PostgreSQL (docs/performance.md, round 10). Here the empty row is an object
 * literal compiled once, so rows are copies of a fast object of a fixed shape.
 *
 * The cached shape is reused only while the description matches it (same names and types, in
 * order, checked on every result without allocating): a statement whose columns changed (a
 * migration under a running process; PostgreSQL then answers "cached plan must not change result
 * type" and the statement gets a new name anyway) gets a new shape, never a stale one.
 *
 * This leans on pg's Query and Result internals (`handleRowDescription`, `_checkForMultirow`,
 * `_accumulateRows`, `_parsers`, `_prebuiltEmptyResultObject`); pg is pinned to an exact version
 * and every PostgreSQL test runs through this class, so an upgrade that moves them fails the suite.
 */
import pg from 'pg';
import { compileObjectLiteral } from './object-literal.js';

interface FieldDescription {
  name: string;
  dataTypeID: number;
  format?: string;
}

interface ResultInternals {
  fields: FieldDescription[];
  _parsers: unknown[] | undefined;
  _prebuiltEmptyResultObject: Record<string, null> | null;
  addFields(fields: FieldDescription[]): void;
}

interface QueryInternals {
  _result: ResultInternals;
  _accumulateRows: boolean;
  callback: unknown;
  _checkForMultirow(): void;
  listeners(event: string): unknown[];
}

interface ResultShape {
  fields: FieldDescription[];
  parsers: unknown[];
  emptyRow: Record<string, null>;
}

function sameFields(a: FieldDescription[], b: FieldDescription[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.name !== y.name || x.dataTypeID !== y.dataTypeID || (x.format ?? 'text') !== (y.format ?? 'text')) return false;
  }
  return true;
}

/**
 * The empty row as an object literal (a fast object, as a literal is), or null when a column name
 * would act on the literal itself (`__proto__` sets the prototype): pg's own path then serves it.
 */
function compileEmptyRow(fields: FieldDescription[]): Record<string, null> | null {
  if (fields.some((f) => f.name === '__proto__')) return null;
  return compileObjectLiteral<() => Record<string, null>>([], fields.map((f) => [f.name, 'null']))();
}

/** The shapes of one pool's named statements, by statement name. */
export class ResultShapes {
  private readonly byName = new Map<string, ResultShape>();

  /** Sets `result` up for `fields` from the shape cached for `name`, building it on first sight or a change. */
  apply(name: string, result: ResultInternals, fields: FieldDescription[]): void {
    let shape = this.byName.get(name);
    if (!shape || !sameFields(shape.fields, fields)) {
      result.addFields(fields);
      const emptyRow = compileEmptyRow(fields);
      if (!emptyRow || !result._parsers) {
        this.byName.delete(name);
        return;
      }
      shape = { fields, parsers: result._parsers, emptyRow };
      this.byName.set(name, shape);
    }
    result.fields = shape.fields;
    result._parsers = shape.parsers;
    result._prebuiltEmptyResultObject = shape.emptyRow;
  }
}

/** pg's Query, its RowDescription served from `shapes`. */
class ShapedQuery extends pg.Query {
  constructor(
    private readonly shapes: ResultShapes,
    config: pg.QueryConfig & { name: string },
    callback: (err: Error | undefined, result: pg.QueryResult) => void,
  ) {
    super(config, callback as never);
  }

  // pg's handleRowDescription, with addFields replaced by the cached shape.
  handleRowDescription(msg: { fields: FieldDescription[] }): void {
    const self = this as unknown as QueryInternals;
    self._checkForMultirow();
    this.shapes.apply((this as unknown as { name: string }).name, self._result, msg.fields);
    self._accumulateRows = Boolean(self.callback) || !self.listeners('row').length;
  }
}

/** Runs the named statement on `client` as pg would, with its result's shape reused. */
export function queryShaped(client: pg.ClientBase, shapes: ResultShapes, config: pg.QueryConfig & { name: string }): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const query = new ShapedQuery(shapes, config, (err, result) => (err ? reject(err) : resolve(result)));
    void client.query(query as unknown as pg.QueryConfig);
  });
}
