/**
 * How the server serves the dashboard: the built files with their caching, index.html for the
 * app's own routes (SPA fallback) but never for API, webhook or health paths, security headers on
 * every dashboard response, and a helpful page when the dashboard has not been built.
 */
import Fastify from 'fastify';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { DASHBOARD_CSP, registerDashboard } from '../../src/http/dashboard.js';
import { installErrorHandler } from '../../src/http/error-handler.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('the running server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('serves the app at / and for its own routes, with strict security headers', async () => {
    for (const path of ['/', '/setup?token=abc', '/login', '/w/ws_123/contacts/ct_456', '/simulator']) {
      const res = await fetch(`${t.url}${path}`, { headers: html });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('<div id="root"></div>');
      expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).toContain("frame-ancestors 'none'");
    expect(DASHBOARD_CSP).not.toContain('unsafe');
  });

  it('serves built assets with long caching, and the app references only its own origin', async () => {
    const index = await (await fetch(`${t.url}/`, { headers: html })).text();
    const scripts = [...index.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('data:'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      // Same origin only: hashed assets cached for good; the web-app manifest and its icons
      // (fixed names, so a new release can change them) are revalidated.
      expect(/^\/(assets\/|manifest\.webmanifest$|icon[\w-]*\.svg$)/.test(src), src).toBe(true);
      const res = await fetch(`${t.url}${src}`);
      expect(res.status, src).toBe(200);
      expect(res.headers.get('cache-control')).toBe(src.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
  });

  it('keeps API, webhook and health paths out of the fallback', async () => {
    for (const path of ['/api/v1/nope', '/api', '/webhooks/twilio/nope', '/healthz/x']) {
      const res = await fetch(`${t.url}${path}`, { headers: html });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    const health = await fetch(`${t.url}/healthz`, { headers: html });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    // A request that does not ask for HTML (a script, an image) gets a 404, not the app.
    const missing = await fetch(`${t.url}/assets/missing.js`, { headers: { accept: '*/*' } });
    expect(missing.status).toBe(404);
    // No escaping the built folder.
    const traversal = await fetch(`${t.url}/..%2f..%2fpackage.json`, { headers: { accept: '*/*' } });
    expect(traversal.status).toBe(404);
  });
});

describe('before the dashboard is built', () => {
  it('says how to build it, and the API still answers', async () => {
    const app = Fastify();
    installErrorHandler(app);
    app.get('/api/v1/ping', async () => ({ ok: true }));
    registerDashboard(app, {} as AppContext, { root: join(mkdtempSync(join(tmpdir(), 'textback-web-')), 'missing') });
    const page = await app.inject({ method: 'GET', url: '/inbox', headers: html });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('npm run build:web');
    expect(page.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping' })).json()).toEqual({ ok: true });
    await app.close();
  });

  it('serves a folder built after the server started', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'textback-web-')), 'web');
    const app = Fastify();
    installErrorHandler(app);
    registerDashboard(app, {} as AppContext, { root });
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/', headers: html })).body).toContain('npm run build:web');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    const res = await app.inject({ method: 'GET', url: '/contacts', headers: html });
    expect(res.body).toContain('<div id="root"></div>');
    await app.close();
  });
});
