/**
 * API reference: the server's OpenAPI document (/api/v1/openapi.json) as a readable page, grouped by
 * section, with each operation's parameters and request body fields. Rendered here from the
 * document itself (no third-party viewer, nothing from a CDN), so it is always the running
 * server's API.
 */
import { api } from '../api';
import { ErrorNotice, Loading } from '../components/Feedback';
import { PageHeader } from '../components/Layout';
import { useResource, useTitle } from '../hooks';

type Schema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
};

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}

interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
}

interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, Operation>>;
}

const AUTH_LABELS: Record<string, string> = {
  apiKey: 'API key',
  session: 'dashboard session',
  operatorToken: 'operator token',
};

/** A compact one-line description of a schema: "string, 1–80 characters", "one of: a, b". */
function describeType(s: Schema | undefined): string {
  if (!s) return 'any';
  if (s.enum) return `one of: ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.map(describeType).join(' or ');
  const type = Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'any');
  const notes: string[] = [];
  if (type === 'array') return `array of ${describeType(s.items)}`;
  if (s.format) notes.push(s.format);
  if (s.minLength !== undefined || s.maxLength !== undefined) notes.push(`${s.minLength ?? 0}–${s.maxLength ?? '∞'} characters`);
  if (s.minimum !== undefined || s.maximum !== undefined) {
    const max = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : '∞';
    notes.push(`${s.minimum ?? '−∞'}–${max}`);
  }
  if (s.default !== undefined) notes.push(`default ${JSON.stringify(s.default)}`);
  return notes.length ? `${type}, ${notes.join(', ')}` : type;
}

function Fields({ schema }: { schema: Schema }) {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return <p className="muted">{describeType(schema)}</p>;
  return (
    <table className="api-fields">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {properties.map(([name, prop]) => (
          <tr key={name}>
            <td>
              <code>{name}</code>
              {schema.required?.includes(name) ? <span className="badge badge-warn">required</span> : null}
            </td>
            <td>{describeType(prop)}</td>
            <td>
              {prop.description ?? ''}
              {prop.properties ? <Fields schema={prop} /> : null}
              {prop.items?.properties ? <Fields schema={prop.items} /> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OperationView({ method, path, op }: { method: string; path: string; op: Operation }) {
  const body = op.requestBody?.content['application/json']?.schema;
  const auth = (op.security ?? []).flatMap((s) => Object.keys(s).map((k) => AUTH_LABELS[k] ?? k));
  const params = op.parameters ?? [];
  return (
    <details className="api-operation" id={op.operationId}>
      <summary>
        <span className={`api-method api-method-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>{' '}
        <span className="api-summary">{op.summary}</span>
      </summary>
      {op.description ? <p>{op.description}</p> : null}
      <p className="muted">Credentials: {auth.length ? auth.join(' or ') : 'none'}</p>
      {params.length ? (
        <>
          <h4>Parameters</h4>
          <table className="api-fields">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">In</th>
                <th scope="col">Type</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {params.map((p) => (
                <tr key={`${p.in}:${p.name}`}>
                  <td>
                    <code>{p.name}</code>
                    {p.required ? <span className="badge badge-warn">required</span> : null}
                  </td>
                  <td>{p.in}</td>
                  <td>{describeType(p.schema)}</td>
                  <td>{p.description ?? p.schema?.description ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {body ? (
        <>
          <h4>Request body (JSON)</h4>
          <Fields schema={body} />
        </>
      ) : null}
      <h4>Responses</h4>
      <ul>
        {Object.entries(op.responses).map(([status, r]) => (
          <li key={status}>
            <code>{status}</code> {r.description}
            {r.content?.['application/json']?.schema?.$ref ? (
              <>
                {' '}
                (<code>{r.content['application/json'].schema.$ref.split('/').pop()}</code>)
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ApiDocsPage() {
  useTitle('API');
  const doc = useResource((signal) => api.get<OpenApiDocument>('/api/v1/openapi.json', { signal }), []);
  if (doc.error) return <ErrorNotice error={doc.error} onRetry={() => void doc.reload()} />;
  if (!doc.data) return <Loading />;
  const document = doc.data;
  const operations = Object.entries(document.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <>
      <PageHeader
        title="API"
        description={
          <>
            Everything the dashboard does, your own integrations can do with an API key (Settings → API keys). The machine-readable
            description is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1, version{' '}
            {document.info.version}).
          </>
        }
      />
      {document.info.description ? <p>{document.info.description}</p> : null}
      {document.tags.map(({ name }) => (
        <section className="card" key={name} aria-labelledby={`api-${name}`}>
          <h2 id={`api-${name}`}>{name}</h2>
          {operations
            .filter((o) => o.op.tags.includes(name))
            .map((o) => (
              <OperationView key={`${o.method} ${o.path}`} method={o.method} path={o.path} op={o.op} />
            ))}
        </section>
      ))}
    </>
  );
}
