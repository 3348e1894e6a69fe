/**
 * Renders the OpenAPI document's named schemas as TypeScript for the dashboard (web/src/api-types.ts).
 * Small on purpose: it covers the JSON Schema zod writes for the response schemas (objects, arrays,
 * tuples, records, enums, constants, unions, nullables, $refs) and refuses anything else by name,
 * so a schema it cannot express fails the generation instead of turning into `unknown` quietly.
 */

type JsonSchema = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const literal = (value: unknown): string =>
  typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(value);

const comment = (text: unknown, indent: string): string =>
  typeof text === 'string' && text.trim() ? `${indent}/** ${text.trim().replace(/\*\//g, '*\\/').replace(/\n+/g, ` `)} */\n` : '';

/** Code-unit order: the same file on every machine, whatever its locale. */
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const union = (parts: string[]): string => [...new Set(parts)].join(' | ');

/** Wraps a union or intersection so it can take `[]`. */
const arrayOf = (item: string): string => (/[|&\s]/.test(item) ? `Array<${item}>` : `${item}[]`);

function renderType(schema: JsonSchema | boolean, indent: string, where: string): string {
  if (schema === true) return 'unknown';
  if (schema === false) return 'never';
  const s = schema;
  if (typeof s.$ref === 'string') {
    if (!s.$ref.startsWith(REF_PREFIX)) throw new Error(`${where}: $ref outside components.schemas: ${s.$ref}`);
    return s.$ref.slice(REF_PREFIX.length);
  }
  if ('const' in s) return literal(s.const);
  if (Array.isArray(s.enum)) return union(s.enum.map(literal));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = s[key];
    if (Array.isArray(options)) return union(options.map((o, i) => renderType(o as JsonSchema, indent, `${where}.${key}[${i}]`)));
  }
  if (Array.isArray(s.allOf)) return s.allOf.map((o, i) => renderType(o as JsonSchema, indent, `${where}.allOf[${i}]`)).join(' & ');
  if (Array.isArray(s.type)) {
    return union(s.type.map((t) => renderType({ ...s, type: t }, indent, where)));
  }
  switch (s.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      if (Array.isArray(s.prefixItems)) {
        return `[${s.prefixItems.map((p, i) => renderType(p as JsonSchema, indent, `${where}[${i}]`)).join(', ')}]`;
      }
      return arrayOf(s.items === undefined ? 'unknown' : renderType(s.items as JsonSchema, indent, `${where}[]`));
    case 'object':
      return renderObject(s, indent, where);
    case undefined:
      if (Object.keys(s).every((k) => k === 'description')) return 'unknown';
      break;
  }
  throw new Error(`${where}: cannot express ${JSON.stringify(s)} in TypeScript`);
}

function renderObject(s: JsonSchema, indent: string, where: string): string {
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required ?? []) as string[]);
  const extra = s.additionalProperties as JsonSchema | boolean | undefined;
  if (Object.keys(properties).length === 0) {
    if (extra === false) return 'Record<string, never>';
    const value = extra === undefined || extra === true ? 'unknown' : renderType(extra, indent, `${where}{}`);
    const key = s.propertyNames ? renderType(s.propertyNames as JsonSchema, indent, `${where}{key}`) : 'string';
    return `Record<${key}, ${value}>`;
  }
  if (extra !== false && extra !== undefined) throw new Error(`${where}: properties with additionalProperties are not supported`);
  const inner = `${indent}  `;
  const lines = Object.entries(properties).map(([name, p]) => {
    const key = IDENTIFIER.test(name) ? name : literal(name);
    return `${comment(p.description, inner)}${inner}${key}${required.has(name) ? '' : '?'}: ${renderType(p, inner, `${where}.${name}`)};\n`;
  });
  return `{\n${lines.join('')}${indent}}`;
}

/** The file's text: one exported type per named schema, then every operation's answer by route. */
export function renderApiTypes(document: JsonSchema): string {
  const components = ((document.components as JsonSchema | undefined)?.schemas ?? {}) as Record<string, JsonSchema>;
  const out: string[] = [
    '/**',
    " * GENERATED from the server's OpenAPI document (/api/v1/openapi.json, built from the zod schemas in",
    ' * src/http/responses/) by `npm run generate:api-types`. Do not edit: change the schema on the server',
    ' * and run the script again; `npm run typecheck` fails while this file is stale.',
    ' */',
    '',
  ];
  for (const name of Object.keys(components).sort(byCodeUnit)) {
    const schema = components[name]!;
    const type = renderType(schema, '', name);
    const doc = comment(schema.description, '');
    const plainObject = schema.type === 'object' && schema.properties !== undefined;
    out.push(plainObject ? `${doc}export interface ${name} ${type}\n` : `${doc}export type ${name} = ${type};\n`);
  }

  // What each operation answers, by "METHOD /path" (the named schema, or void for 204).
  const paths = (document.paths ?? {}) as Record<string, Record<string, JsonSchema>>;
  const answers: string[] = [];
  for (const path of Object.keys(paths).sort(byCodeUnit)) {
    for (const method of Object.keys(paths[path]!).sort(byCodeUnit)) {
      const op = paths[path]![method]!;
      const responses = (op.responses ?? {}) as Record<string, JsonSchema>;
      const success = Object.keys(responses).find((code) => /^2\d\d$/.test(code));
      if (!success) continue;
      const content = responses[success]!.content as Record<string, { schema?: JsonSchema }> | undefined;
      const schema = content?.['application/json']?.schema;
      const type = success === '204' ? 'void' : schema?.$ref ? renderType(schema, '  ', `${method} ${path}`) : null;
      if (type) answers.push(`  ${literal(`${method.toUpperCase()} ${path}`)}: ${type};\n`);
    }
  }
  out.push("/** The answer of each operation that names one, by method and path (as in the document). */\n");
  out.push(`export interface ApiAnswers {\n${answers.join('')}}\n`);
  return out.join('\n');
}
