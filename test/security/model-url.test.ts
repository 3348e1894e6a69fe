/**
 * Issue 15, items 1 and 2: the AI agent's model URL is a URL a workspace makes the server fetch.
 * By default it may only reach public addresses (checked at save and again at connect), never
 * follows a redirect, and a failure reads the same whatever was listening. The stored model key
 * stays with the provider and URL it was given for, and only an owner changes the model or the
 * carrier account.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateAgentSettings } from '../../src/agent/agent-settings.js';
import { Browser, setUpOwner } from '../accounts/browser-session.js';
import { startScriptedModelServer, type ScriptedModelServer } from '../support/scripted-model-server.js';
import { freePort, startTestApp, type TestApp } from '../support/test-app.js';

const CHAT = { messages: [{ role: 'contact', text: 'Are you open on Sunday?' }] };

let model: ScriptedModelServer;
beforeAll(async () => {
  model = await startScriptedModelServer();
});
afterAll(async () => model?.close());

describe('by default (ALLOW_PRIVATE_MODEL_URLS unset)', () => {
  let t: TestApp;
  let ws: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestApp();
    ws = await t.createWorkspace();
  });
  afterAll(async () => t?.close());

  it('refuses a literal private or loopback base URL at save: 400 naming model.baseUrl', async () => {
    for (const baseUrl of ['http://0.0.0.0:5432/x?', 'http://127.0.0.1:11434/v1', 'http://localhost:11434/v1', 'http://[::1]:8080/v1', 'http://169.254.169.254/latest']) {
      const res = await t.api('PUT', '/api/v1/agent', { token: ws.apiKey, body: { model: { provider: 'openai-compatible', baseUrl } } });
      expect(res.status, baseUrl).toBe(400);
      expect(res.body.error.field).toBe('model.baseUrl');
      expect(res.body.error.message).toContain('ALLOW_PRIVATE_MODEL_URLS');
    }
    const saved = await t.api('GET', '/api/v1/agent', { token: ws.apiKey });
    expect(saved.body.model.baseUrl).toBeNull();
  });

  it('never connects to a loopback model server already stored (a name that resolves there, an older setting)', async () => {
    model.reset();
    model.setDefault({ text: 'We are open on Sunday from 10 to 4.' });
    for (const host of ['127.0.0.1', 'localhost']) {
      const url = model.url.replace('127.0.0.1', host);
      // Stored through the service, as a URL saved before this check or a DNS name that changed since.
      await updateAgentSettings(t.runtime.ctx, ws.id, { enabled: true, model: { provider: 'openai-compatible', name: 'm', baseUrl: url, apiKey: 'sk-x' } });
      const res = await t.api('POST', '/api/v1/agent/test', { token: ws.apiKey, body: CHAT });
      expect(res.status).toBe(200);
      expect(res.body.error).toMatch(/^the model server could not be reached/);
      expect(res.body.error).toContain('ALLOW_PRIVATE_MODEL_URLS');
    }
    expect(model.requests).toHaveLength(0);
  });
});

describe('with ALLOW_PRIVATE_MODEL_URLS=true (Ollama on this host)', () => {
  let t: TestApp;
  let ws: { id: string; apiKey: string };
  let owner: Browser;
  let ownerWorkspace: string;
  let member: Browser;
  const servers: Array<Server | TcpServer> = [];

  const listen = async (server: Server | TcpServer) => {
    servers.push(server);
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return port;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { ALLOW_PRIVATE_MODEL_URLS: 'true' } });
    ({ browser: owner, workspaceId: ownerWorkspace } = await setUpOwner(t));
    ws = await t.createWorkspace({ name: 'bravo' });
    const invite = await owner.post('/api/v1/invites', { email: 'mia@example.com', role: 'member' });
    member = new Browser(t.url);
    const accepted = await member.post('/api/v1/invites/accept', {
      token: new URL(invite.body.inviteUrl).searchParams.get('token'),
      name: 'Mia Member',
      password: 'mia’s long password',
    });
    expect(accepted.status).toBe(201);
    member.workspaceId = ownerWorkspace;
  });
  afterAll(async () => {
    for (const s of servers) s.close();
    await t?.close();
  });

  it('reaches a model server on this host', async () => {
    model.reset();
    model.script({ text: 'Hello! Happy to help with that.' });
    const put = await t.api('PUT', '/api/v1/agent', { token: ws.apiKey, body: { model: { provider: 'openai-compatible', name: 'm', baseUrl: model.url } } });
    expect(put.status).toBe(200);
    const res = await t.api('POST', '/api/v1/agent/test', { token: ws.apiKey, body: CHAT });
    expect(res.body).toMatchObject({ reply: 'Hello! Happy to help with that.', error: null });
  });

  it('says the same thing for a closed port and for a port where something else answers', async () => {
    const closed = await freePort();
    const banner = createTcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2p1 internal-db-host\r\n'));
    const bannerPort = await listen(banner);
    const errors: string[] = [];
    for (const port of [closed, bannerPort]) {
      await t.api('PUT', '/api/v1/agent', { token: ws.apiKey, body: { model: { provider: 'openai-compatible', name: 'm', baseUrl: `http://127.0.0.1:${port}/v1` } } });
      const res = await t.api('POST', '/api/v1/agent/test', { token: ws.apiKey, body: CHAT });
      errors.push(res.body.error);
    }
    expect(errors).toEqual(['the model server could not be reached', 'the model server could not be reached']);
  });

  it('never follows a redirect, and never shows the body of what answered', async () => {
    model.reset();
    model.setDefault({ text: 'should never be asked' });
    const redirector = createHttpServer((_req, res) => {
      res.writeHead(302, { location: `${model.url}/chat/completions` });
      res.end('internal admin panel v3.2');
    });
    const port = await listen(redirector);
    await t.api('PUT', '/api/v1/agent', { token: ws.apiKey, body: { model: { provider: 'openai-compatible', name: 'm', baseUrl: `http://127.0.0.1:${port}/v1` } } });
    const res = await t.api('POST', '/api/v1/agent/test', { token: ws.apiKey, body: CHAT });
    expect(res.body.error).toBe('the model server answered HTTP 302');
    expect(model.requests).toHaveLength(0);
  });

  it('clears the stored key when the URL or provider changes without a new key', async () => {
    const first = await t.api('PUT', '/api/v1/agent', {
      token: ws.apiKey,
      body: { model: { provider: 'openai-compatible', name: 'm', baseUrl: model.url, apiKey: 'sk-owner-secret' } },
    });
    expect(first.body.model.apiKeySet).toBe(true);
    // Unchanged URL: the key stays.
    const same = await t.api('PUT', '/api/v1/agent', { token: ws.apiKey, body: { model: { name: 'other', baseUrl: model.url } } });
    expect(same.body.model.apiKeySet).toBe(true);

    const other = await startScriptedModelServer();
    try {
      other.script({ text: 'Hi' });
      const moved = await t.api('PUT', '/api/v1/agent', { token: ws.apiKey, body: { model: { baseUrl: other.url } } });
      expect(moved.status).toBe(200);
      expect(moved.body.model.apiKeySet).toBe(false);
      await t.api('POST', '/api/v1/agent/test', { token: ws.apiKey, body: CHAT });
      expect(other.requests).toHaveLength(1);
      expect(JSON.stringify(other.requests[0]!.headers)).not.toContain('sk-owner-secret');
    } finally {
      await other.close();
    }

    // A new key given with the new URL is kept; a provider change alone clears it.
    const withKey = await t.api('PUT', '/api/v1/agent', { token: ws.apiKey, body: { model: { baseUrl: model.url, apiKey: 'sk-second' } } });
    expect(withKey.body.model.apiKeySet).toBe(true);
    const provider = await t.api('PUT', '/api/v1/agent', { token: ws.apiKey, body: { model: { provider: 'openai' } } });
    expect(provider.body.model.apiKeySet).toBe(false);
  });

  it('lets only an owner change the model; a member may still save the rest with the model unchanged', async () => {
    const setByOwner = await owner.request('PUT', '/api/v1/agent', {
      body: { model: { provider: 'openai-compatible', name: 'm', baseUrl: model.url, apiKey: 'sk-owner' } },
    });
    expect(setByOwner.status).toBe(200);
    const current = setByOwner.body.model;

    for (const change of [{ baseUrl: 'https://evil.example.com/v1' }, { provider: 'openai' }, { name: 'gpt-x' }, { apiKey: 'sk-member' }]) {
      const res = await member.request('PUT', '/api/v1/agent', { body: { model: { ...change } } });
      expect(res.status, JSON.stringify(change)).toBe(403);
    }
    // What the dashboard sends on every save: the whole form, model block unchanged.
    const prompt = await member.request('PUT', '/api/v1/agent', {
      body: { systemPrompt: 'Be brief.', model: { provider: current.provider, name: current.name, baseUrl: current.baseUrl } },
    });
    expect(prompt.status).toBe(200);
    const after = await owner.get('/api/v1/agent');
    expect(after.body.model).toEqual({ ...current });
    expect(after.body.systemPrompt).toBe('Be brief.');
  });

  it('lets only an owner (or an API key, the workspace-level credential) change the carrier account', async () => {
    const body = { accountSid: `AC${'1'.repeat(32)}`, authToken: 'f'.repeat(32) };
    const byMember = await member.request('PUT', '/api/v1/carriers/twilio', { body });
    expect(byMember.status).toBe(403);
    expect(await t.runtime.ctx.db.selectFrom('carrier_accounts').selectAll().where('workspace_id', '=', ownerWorkspace).execute()).toHaveLength(0);
    const byOwner = await owner.request('PUT', '/api/v1/carriers/twilio', { body });
    expect(byOwner.status).toBe(200);
    const byKey = await t.api('PUT', '/api/v1/carriers/twilio', { token: ws.apiKey, body });
    expect(byKey.status).toBe(200);
  });
});
