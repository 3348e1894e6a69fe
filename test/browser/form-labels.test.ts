/**
 * Every form control on the dashboard's pages has a visible label tied to it, in Debian Chromium:
 * each <input>, <select> and <textarea> must be named by a <label> (for= or wrapping) or by
 * aria-labelledby pointing at text a sighted person can see — a placeholder, an aria-label or a
 * visually hidden label alone fails. Settings and the workflow editor are checked by their own
 * tests. The check runs in the page, after each page has loaded its data (and opened its forms).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSetup, DESKTOP, launchBrowser, openPage, sessionApi, type TrackedPage } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let browser: Browser;
let owner: TrackedPage;
let workspaceId: string;
let api: Awaited<ReturnType<typeof sessionApi>>;

/** Runs in the page: the controls without a visible label, described so a failure says which. */
const UNLABELLED = `(() => {
  const seen = (el) => {
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && (el.textContent || '').trim().length > 0;
  };
  const out = [];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden') continue;
    const labels = [...(el.labels || [])];
    const by = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean).map((id) => document.getElementById(id));
    // A control that takes no room and has no visible label is not on screen (a closed panel).
    const rendered = el.getClientRects().length > 0;
    if (!rendered && !labels.some(seen)) continue;
    if (labels.some(seen) || by.some(seen)) continue;
    out.push([el.tagName.toLowerCase(), el.type || '', el.name || '', el.getAttribute('aria-label') || '', el.placeholder || ''].join(' | '));
  }
  return out;
})()`;

async function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(UNLABELLED);
}

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startTestApp({ manualJobs: false });
  owner = await openPage(browser, DESKTOP);
  workspaceId = await completeSetup(owner.page, t.url, t.adminToken);
  api = await sessionApi(owner.context, t.url, workspaceId);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('labelled form controls', () => {
  it('every input, select and textarea on each page has a visible label', async () => {
    const demo = (await api('GET', '/api/v1/phone-numbers')).body.data[0];
    expect((await api('POST', '/api/v1/sandbox/messages', { to: demo.number, from: '+15125550161', body: 'Do you fix water heaters?' })).status).toBe(201);
    expect((await api('POST', '/api/v1/sandbox/calls', { to: demo.number, from: '+15125550162', outcome: 'no-answer' })).status).toBe(201);
    const contact = (await api('GET', `/api/v1/contacts?phone=${encodeURIComponent('+15125550161')}`)).body.data[0];
    const conversation = (await api('GET', '/api/v1/conversations')).body.data[0];
    const base = `${t.url}/w/${workspaceId}`;
    const pages: Array<{ path: string; h1: string | RegExp; ready?: (p: Page) => Promise<unknown> }> = [
      { path: '', h1: 'Overview' },
      { path: `/inbox/${conversation.id}`, h1: 'Inbox', ready: (p) => p.getByLabel('Snooze').waitFor() },
      { path: '/calls', h1: 'Calls', ready: (p) => p.getByRole('article').first().waitFor() },
      {
        path: '/contacts',
        h1: 'Contacts',
        ready: async (p) => {
          await p.getByRole('button', { name: 'Import CSV' }).click();
          await p.getByLabel('CSV file', { exact: true }).waitFor({ state: 'attached' });
        },
      },
      { path: `/contacts/${contact.id}`, h1: /.+/, ready: (p) => p.getByRole('heading', { name: 'Merge a duplicate' }).waitFor() },
      { path: '/numbers', h1: 'Phone numbers' },
      { path: `/numbers/${demo.id}`, h1: /.+/, ready: (p) => p.getByTestId('template-preview').waitFor() },
      { path: '/twilio', h1: /Twilio/ },
      { path: '/signalwire', h1: /SignalWire/ },
      { path: '/agent', h1: /AI agent/ },
      { path: '/workflows', h1: 'Workflows' },
      { path: `/simulator?number=${encodeURIComponent(demo.number)}&from=${encodeURIComponent('+15125550161')}`, h1: 'Phone simulator' },
      { path: '/api', h1: 'API', ready: (p) => p.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor() },
    ];
    const problems: Record<string, string[]> = {};
    for (const p of pages) {
      await owner.page.goto(`${base}${p.path}`);
      await owner.page.getByRole('heading', { level: 1, name: p.h1 }).first().waitFor();
      await p.ready?.(owner.page);
      await owner.page.waitForLoadState('networkidle');
      const found = await unlabelled(owner.page);
      if (found.length) problems[p.path || '/'] = found;
    }
    expect(problems).toEqual({});
    expect(owner.problems).toEqual([]);
  });

  it('the check itself fails on a control named only by its placeholder', async () => {
    await owner.page.goto(`${t.url}/w/${workspaceId}/contacts`);
    await owner.page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
    await owner.page.evaluate(`(() => {
      const i = document.createElement('input');
      i.placeholder = 'Search';
      i.setAttribute('aria-label', 'Search');
      document.querySelector('main').appendChild(i);
    })()`);
    expect(await unlabelled(owner.page)).toEqual(['input | text |  | Search | Search']);
  });
});
