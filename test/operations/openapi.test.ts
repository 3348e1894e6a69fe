/**
 * GET /api/v1/openapi.json: served without credentials, a well-formed OpenAPI 3.1 document, and
 * complete: every /api/v1 route Fastify registered (seen by an onRoute hook) is in it. A new route
 * without `doc({…})` fails here, naming the route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes, undocumentedRoutes } from '../../src/http/openapi/openapi-document.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let document: any;

beforeAll(async () => {
  t = await startTestApp();
  const res = await fetch(`${t.url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  document = await res.json();
});
afterAll(async () => t?.close());

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('OpenAPI document', () => {
  it('describes every registered /api/v1 route', () => {
    const routes = registeredRoutes(t.runtime.app!).filter((r) => r.url.startsWith('/api/v1'));
    expect(routes.length).toBeGreaterThan(50);
    expect(undocumentedRoutes(routes).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const missing = routes.filter((r) => !document.paths[toOpenApiPath(r.url)]?.[r.method.toLowerCase()]);
    expect(missing.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    // And nothing in it that the server does not answer.
    for (const [path, ops] of Object.entries<any>(document.paths)) {
      for (const method of Object.keys(ops)) {
        const url = path.replace(/\{([^}]+)\}/g, ':$1');
        expect(t.runtime.app!.hasRoute({ method: method.toUpperCase() as 'GET', url }), `${method} ${path}`).toBe(true);
      }
    }
  });

  it('is a well-formed OpenAPI 3.1 document', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Textback API', version: expect.any(String) });
    const operationIds = new Set<string>();
    const tags = new Set(document.tags.map((x: any) => x.name));
    for (const [path, ops] of Object.entries<any>(document.paths)) {
      expect(path.startsWith('/api/v1/')).toBe(true);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries<any>(ops)) {
        expect(METHODS).toContain(method);
        expect(op.summary, `${method} ${path}`).toMatch(/\S/);
        expect(operationIds.has(op.operationId), `duplicate operationId ${op.operationId}`).toBe(false);
        operationIds.add(op.operationId);
        for (const tag of op.tags) expect(tags.has(tag)).toBe(true);
        const pathParams = (op.parameters ?? []).filter((p: any) => p.in === 'path');
        expect(pathParams.map((p: any) => p.name).sort()).toEqual(templated);
        for (const p of pathParams) expect(p.required).toBe(true);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const s of op.security ?? []) {
          for (const scheme of Object.keys(s)) expect(document.components.securitySchemes[scheme]).toBeDefined();
        }
        if (op.requestBody) {
          const schema = op.requestBody.content['application/json'].schema;
          expect(schema.type ?? schema.anyOf ?? schema.allOf ?? schema.oneOf).toBeDefined();
          expect(schema.$schema).toBeUndefined();
        }
      }
    }
    // Every $ref resolves inside the document.
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, pointer = ''] of refs) {
      expect(pointer.startsWith('#/')).toBe(true);
      const target = pointer.slice(2).split('/').reduce((node: any, key: string) => node?.[key], document);
      expect(target, pointer).toBeDefined();
    }
  });

  it('takes its request schemas from the zod schemas the handlers validate with', () => {
    const create = document.paths['/api/v1/contacts'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toContain('phone');
    expect(schema.additionalProperties).toBe(false);
    const list = document.paths['/api/v1/contacts'].get;
    expect(list.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['limit', 'cursor', 'phone', 'tag', 'q']));
    expect(document.paths['/api/v1/workspaces'].post.security).toEqual([{ operatorToken: [] }]);
  });

  it("shows each carrier's own credentials for PUT /api/v1/carriers/{carrier}, not only Twilio's", () => {
    const put = document.paths['/api/v1/carriers/{carrier}'].put;
    const options = put.requestBody.content['application/json'].schema.anyOf;
    const fields = options.map((o: any) => Object.keys(o.properties).sort());
    expect(fields).toEqual(expect.arrayContaining([['accountSid', 'authToken'], ['apiToken', 'projectId', 'signingKey', 'spaceUrl'], ['apiKey', 'publicKey']]));
    expect(put.description).toContain('`telnyx`: `apiKey`, `publicKey`');
  });

  it('names the schema of every JSON answer, so the dashboard\'s generated types cover it', () => {
    const unnamed: string[] = [];
    for (const [path, ops] of Object.entries<any>(document.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        for (const [status, response] of Object.entries<any>(op.responses)) {
          const json = response.content?.['application/json'];
          if (!/^2/.test(status) || !json || path === '/api/v1/openapi.json') continue;
          if (!json.schema?.$ref) unnamed.push(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    expect(unnamed).toEqual([]);
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Contact', 'Message', 'Conversation', 'PhoneNumber', 'Workspace', 'Session']));
  });
});
