/**
 * Compiles `(params…) => ({ key: expression, … })` once, for code that builds many objects of one
 * shape: each call then evaluates an object literal, which V8 gives one fast, shared hidden class,
 * with no key strings made per call (an object grown key by key, or from Object.fromEntries, is a
 * slow dictionary object past a few dozen keys). Used where rows become objects on the hot path:
 * SQLite rows (sqlite-connection.ts), joined rows split per table (row-columns.ts), PostgreSQL's
 * empty result rows (pg-shaped-query.ts) and the text-back statement's parameters (queue-text-back.ts).
 *
 * Keys are quoted here with JSON.stringify, so no name can break out of the literal. Expressions are
 * code: build them from the parameter names and property() only, never from input. As in any
 * literal, a key `__proto__` sets the prototype instead of making a property.
 */
export function compileObjectLiteral<F>(
  params: readonly string[],
  fields: ReadonlyArray<readonly [key: string, expression: string]>,
  opts: {
    /** An expression over the params under which the function returns undefined instead of the object. */
    undefinedWhen?: string;
  } = {},
): F {
  const literal = `{${fields.map(([key, expression]) => `${JSON.stringify(key)}: ${expression}`).join(', ')}}`;
  const value = opts.undefinedWhen === undefined ? literal : `${opts.undefinedWhen} ? undefined : ${literal}`;
  return new Function(...params, `return ${value};`) as F;
}

/** The expression reading property `name` of the parameter `object`: `object["name"]`. */
export function property(object: string, name: string | number): string {
  return `${object}[${JSON.stringify(name)}]`;
}
