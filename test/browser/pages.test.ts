/**
 * Every dashboard page, filled with a week of realistic activity, at desktop (1280×800) and phone
 * (390×844) width: each renders without an error and without sideways scrolling. With
 * UPDATE_SCREENSHOTS=1 the run also writes docs/screenshots/<page>-desktop.png and -phone.png,
 * the images docs/dashboard.md shows (CI leaves them alone).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { completeSetup, DESKTOP, horizontalOverflow, launchBrowser, openPage, PHONE, sessionApi, settleTextBack } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTwilioSimulator, type TwilioSimulator } from '../support/twilio-simulator.js';

const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const DAY = 24 * 3600 * 1000;

let t: TestApp;
let browser: Browser;
let twilio: TwilioSimulator;

beforeAll(async () => {
  if (UPDATE) mkdirSync(SHOTS, { recursive: true });
  [twilio, browser] = await Promise.all([startTwilioSimulator(), launchBrowser()]);
  t = await startTestApp({ manualJobs: false, env: { TWILIO_API_URL: twilio.url } });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await twilio?.close();
});

const TWILIO_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TWILIO_TOKEN = 'f'.repeat(32);

/** Connect Twilio from its page: a refused token is marked on its input; the right one lists the numbers; one is imported. */
async function connectTwilio(p: Page): Promise<void> {
  twilio.addAccount(TWILIO_SID, TWILIO_TOKEN);
  twilio.addIncomingNumber(TWILIO_SID, '+15550100077', 'Front desk');
  await p.getByLabel('Account SID').fill(TWILIO_SID);
  const token = p.getByLabel('Auth token');
  await token.fill('wrong-token-wrong-token');
  await p.getByRole('button', { name: 'Connect' }).click();
  await p.locator('input[name="authToken"][aria-invalid="true"]').waitFor();
  await token.fill(TWILIO_TOKEN);
  await p.getByRole('button', { name: 'Connect' }).click();
  await p.getByRole('button', { name: /^Import/ }).click();
  // The import asks where calls go before anything is imported.
  await p.getByLabel('Phones to ring').fill('+15550109998');
  await p.getByRole('button', { name: 'Import number' }).click();
  await p.getByText('is now in Textback').waitFor();
  await p.getByText('In Textback', { exact: true }).waitFor();
}

async function shoot(page: Page, name: string, width: 'desktop' | 'phone', opts: { fullPage?: boolean } = {}): Promise<void> {
  expect(await horizontalOverflow(page), `${name} at ${width} width scrolls sideways`).toBeLessThanOrEqual(0);
  if (!UPDATE) return;
  if (opts.fullPage === false) {
    await page.screenshot({ path: `${SHOTS}${name}-${width}.png`, animations: 'disabled', caret: 'hide' });
    return;
  }
  // A window as tall as the page, rather than a stitched full-page capture, so sticky bars sit
  // where a reader expects them (at the end), not frozen mid-page.
  const viewport = page.viewportSize()!;
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.screenshot({ path: `${SHOTS}${name}-${width}.png`, animations: 'disabled', caret: 'hide' });
  await page.setViewportSize(viewport);
}

type Api = Awaited<ReturnType<typeof sessionApi>>;

/** Waits until `check` holds, asking the server again every 50 ms (the worker sends in the background). */
async function until<T>(what: string, get: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (check(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A week of calls and texts on two numbers, through the same sandbox API the simulator uses. */
async function seed(api: Api, demoNumber: string): Promise<void> {
  expect((await api('PUT', '/api/v1/agent', { debounceSeconds: 0 })).status).toBe(200);
  expect((await api('PUT', '/api/v1/pipeline', { stages: ['New lead', 'Quoted', 'Booked', 'Won'] })).status).toBe(200);
  expect((await api('PATCH', '/api/v1/workspace', { staffNumbers: ['+15550109999'], optOutFooter: { enabled: false, text: 'Reply STOP to opt out.' } })).status).toBe(200);
  const sales = await api('POST', '/api/v1/phone-numbers', { number: '+15550100022', carrier: 'sandbox', name: 'Sales line', forwardTo: ['+15550109998'] });
  expect(sales.status).toBe(201);
  // First-run setup made a workflow that tags missed callers for the agent; also file them as new leads.
  const tagWorkflow = (await api('GET', '/api/v1/workflows')).body.data.find((w: { trigger: { type: string } }) => w.trigger.type === 'call.missed');
  expect(tagWorkflow).toBeTruthy();
  const patched = await api('PATCH', `/api/v1/workflows/${tagWorkflow.id}`, { actions: [...tagWorkflow.actions, { type: 'set_stage', stage: 'New lead' }] });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  await api('POST', '/api/v1/workflows', {
    name: 'Tell the team about voicemails',
    enabled: true,
    trigger: { type: 'voicemail.received' },
    actions: [{ type: 'notify', body: 'New voicemail for {{business.name}} from {{contact.name|a caller}}.' }],
  });

  const call = async (to: string, from: string, outcome: string, voicemailTranscript?: string) => {
    const res = await api('POST', '/api/v1/sandbox/calls', { to, from, outcome, ...(voicemailTranscript ? { voicemailTranscript } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await settleTextBack(t, api, res.body.id);
  };
  const phoneThread = (phone: string) => api('GET', `/api/v1/sandbox/messages?phone=${encodeURIComponent(phone)}`);
  const contactOf = async (phone: string) => (await api('GET', `/api/v1/contacts?phone=${encodeURIComponent(phone)}`)).body.data[0];
  const text = async (to: string, from: string, body: string, expectAnswer: boolean) => {
    // The text-back can go out before the missed-call workflow has tagged the caller for the agent
    // (the text-back runs at once in the process's worker; the workflow is a chain of jobs): a
    // customer's reply comes after both, so wait for the workflow's last action, the stage.
    if (expectAnswer) await until(`the missed-call workflow for ${from}`, () => contactOf(from), (c) => c?.stage === 'New lead');
    const before = (await phoneThread(from)).body.data.length;
    expect((await api('POST', '/api/v1/sandbox/messages', { to, from, body })).status).toBe(201);
    if (expectAnswer) await until(`answer to ${from}`, () => phoneThread(from), (r) => r.body.data.length >= before + 2);
  };

  const days: Array<() => Promise<void>> = [
    async () => {
      await call(demoNumber, '+15550107001', 'no-answer');
      await call(demoNumber, '+15550107002', 'answered');
      await text(demoNumber, '+15550107001', 'Do you fix water heaters?', true);
    },
    async () => {
      await call(demoNumber, '+15550107003', 'voicemail', 'Hi, this is Sam Rivera. Our kitchen sink is backing up. Can someone come by tomorrow morning? Thanks.');
      await call('+15550100022', '+15550107004', 'busy');
    },
    async () => {
      await call(demoNumber, '+15550107005', 'no-answer');
      await text(demoNumber, '+15550107005', 'How much is your diagnostic fee?', true);
      await call(demoNumber, '+15550107006', 'answered');
    },
    async () => {
      await call('+15550100022', '+15550107007', 'caller-hangup');
      await call(demoNumber, '+15550107008', 'no-answer');
      await text(demoNumber, '+15550107008', 'STOP', true);
    },
    async () => {
      await call(demoNumber, '+15550107001', 'no-answer');
      await call(demoNumber, '+15550107009', 'no-answer');
      // Called again within the cooldown, and a caller who opted out: both get no text, with the reason.
      await call(demoNumber, '+15550107009', 'no-answer');
      await call(demoNumber, '+15550107008', 'no-answer');
    },
    async () => {
      await call(demoNumber, '+15550107777', 'voicemail', 'Hi, it’s Jordan Lee. The water heater in the garage is leaking. Please call or text me back.');
      await call('+15550100022', '+15550107010', 'no-answer');
      await text('+15550100022', '+15550107010', 'What areas do you serve?', true);
    },
    async () => {
      await call(demoNumber, '+15550107011', 'no-answer');
      await text(demoNumber, '+15550107777', 'Hi! Are you open on Saturday? How much is your diagnostic fee?', true);
    },
  ];
  for (const [i, day] of days.entries()) {
    if (i > 0) t.clock.advance(DAY);
    await day();
  }

  // Names, stages and a staff reply, as a team would add them.
  const jordan = await contactOf('+15550107777');
  await api('PATCH', `/api/v1/contacts/${jordan.id}`, { name: 'Jordan Lee', stage: 'Quoted' });
  await api('POST', `/api/v1/contacts/${jordan.id}/tags`, { tag: 'water-heater' });
  const sam = await contactOf('+15550107003');
  await api('PATCH', `/api/v1/contacts/${sam.id}`, { name: 'Sam Rivera', stage: 'Booked' });
  const pat = await contactOf('+15550107005');
  await api('PATCH', `/api/v1/contacts/${pat.id}`, { name: 'Pat Kim' });
  const samConversation = (await api('GET', `/api/v1/conversations?contactId=${sam.id}`)).body.data[0];
  await api('POST', `/api/v1/conversations/${samConversation.id}/messages`, { body: 'Hi Sam, this is Dana. We can be there at 8am tomorrow. Does that work?' });
  await text(demoNumber, '+15550107003', 'Perfect, see you then!', false);

  expect((await api('POST', '/api/v1/invites', { email: 'alex@example.com', role: 'member' })).status).toBe(201);
  expect((await api('POST', '/api/v1/api-keys', { name: 'Zapier' })).status).toBe(201);
}

/**
 * The page's dropdowns (in <main>) that lack a visible label tied to them (label htmlFor or a
 * wrapping label): a label that is only for screen readers, or none, does not count. A dropdown
 * inside a closed section needs a label with text; an open one needs that label shown on screen.
 */
async function selectsWithoutVisibleLabel(page: Page): Promise<string[]> {
  // A string, as it runs in the page (this file is compiled without the DOM's types).
  return page.evaluate<string[]>(`[...document.querySelectorAll('main select')]
    .filter((s) => {
      const shown = (el) => el.getClientRects().length > 0 && el.getBoundingClientRect().width > 1 && el.getBoundingClientRect().height > 1;
      return ![...s.labels].some((l) => l.textContent.trim() !== '' && (!shown(s) || shown(l)));
    })
    .map((s) => s.name || s.id || s.outerHTML.slice(0, 80))`);
}

describe('dashboard pages', () => {
  it('render every page at desktop and phone width without errors or sideways scrolling', { timeout: 90_000 }, async () => {
    // The signed-out pages first: setup (before anyone has set up) and sign-in.
    const phoneSetup = await openPage(browser, PHONE);
    await phoneSetup.page.goto(`${t.url}/setup?token=${encodeURIComponent(t.adminToken)}`);
    await phoneSetup.page.getByRole('heading', { name: 'Set up Textback' }).waitFor();
    await shoot(phoneSetup.page, 'setup', 'phone');

    const owner = await openPage(browser, DESKTOP);
    const { page } = owner;
    await page.goto(`${t.url}/setup?token=${encodeURIComponent(t.adminToken)}`);
    await page.getByRole('heading', { name: 'Set up Textback' }).waitFor();
    await shoot(page, 'setup', 'desktop');
    const ws = await completeSetup(page, t.url, t.adminToken);

    const api = await sessionApi(owner.context, t.url, ws);
    const numbers = (await api('GET', '/api/v1/phone-numbers')).body.data as Array<{ id: string; number: string; carrier: string }>;
    const demo = numbers.find((n) => n.carrier === 'sandbox')!;
    await seed(api, demo.number);

    const jordan = (await api('GET', '/api/v1/contacts?phone=%2B15550107777')).body.data[0];
    const conversation = (await api('GET', `/api/v1/conversations?contactId=${jordan.id}`)).body.data[0];
    const workflow = (await api('GET', '/api/v1/workflows')).body.data.find((w: { trigger: { type: string } }) => w.trigger.type === 'call.missed');

    let twilioConnected = false;
    const pages: Array<{ name: string; h1: string; path: string; ready: (p: Page) => Promise<unknown> }> = [
      { name: 'overview', h1: 'Overview', path: '', ready: (p) => p.getByRole('img', { name: /per day/ }).waitFor() },
      { name: 'inbox', h1: 'Inbox', path: `/inbox/${conversation.id}`, ready: (p) => p.locator('[data-author="agent"]').first().waitFor() },
      { name: 'calls', h1: 'Calls', path: '/calls', ready: (p) => p.getByRole('article').first().waitFor() },
      { name: 'contacts', h1: 'Contacts', path: '/contacts', ready: (p) => p.getByRole('link', { name: 'Jordan Lee' }).waitFor() },
      { name: 'contact', h1: 'Jordan Lee', path: `/contacts/${jordan.id}`, ready: (p) => p.getByRole('heading', { name: 'Consent history' }).waitFor().then(() => p.locator('.thread-item').first().waitFor()) },
      { name: 'numbers', h1: 'Phone numbers', path: '/numbers', ready: (p) => p.getByRole('link', { name: 'Sales line' }).first().waitFor() },
      { name: 'number', h1: 'Demo line (sandbox)', path: `/numbers/${demo.id}`, ready: (p) => p.getByTestId('template-preview').waitFor() },
      {
        name: 'twilio',
        h1: 'Connect Twilio',
        path: '/twilio',
        ready: async (p) => {
          await p.getByLabel('Account SID').waitFor();
          if (!twilioConnected) await connectTwilio(p);
          twilioConnected = true;
          await p.getByText('In Textback', { exact: true }).waitFor();
        },
      },
      {
        name: 'agent',
        h1: 'AI agent',
        path: '/agent',
        ready: async (p) => {
          await p.getByText(/Looked up:/).first().waitFor();
          await p.getByLabel('Message to the agent').fill('How much is your diagnostic fee?');
          await p.getByRole('button', { name: 'Send', exact: true }).click();
          await p.getByRole('log', { name: 'Test conversation' }).locator('.bubble-body').getByText(/\$89/).waitFor();
        },
      },
      { name: 'workflows', h1: 'Workflows', path: '/workflows', ready: (p) => p.getByRole('link', { name: 'Tell the team about voicemails' }).waitFor() },
      { name: 'workflow', h1: workflow.name, path: `/workflows/${workflow.id}`, ready: (p) => p.getByRole('heading', { name: 'Runs' }).waitFor().then(() => p.locator('.run').first().waitFor()) },
      { name: 'simulator', h1: 'Phone simulator', path: `/simulator?number=${encodeURIComponent(demo.number)}&from=${encodeURIComponent('+15550107777')}`, ready: (p) => p.locator('.phone-screen [data-author="agent"]').first().waitFor() },
      { name: 'settings', h1: 'Settings', path: '/settings', ready: (p) => p.getByText('alex@example.com').waitFor() },
      // The API reference, rendered from /api/v1/openapi.json: sections and their operations.
      { name: 'api', h1: 'API', path: '/api', ready: (p) => p.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor().then(() => p.getByText('Create a contact').waitFor()) },
    ];

    for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      await page.setViewportSize(viewport);
      for (const p of pages) {
        // In-app navigation (as a click on a link does), rather than reloading the app for each page.
        await page.evaluate(`history.pushState(null, '', ${JSON.stringify(`/w/${ws}${p.path}`)}); dispatchEvent(new PopStateEvent('popstate'))`);
        await page.getByRole('heading', { level: 1, name: p.h1, exact: true }).waitFor();
        await p.ready(page);
        if (p.name === 'settings' || p.name === 'workflow') {
          expect(await selectsWithoutVisibleLabel(page), `${p.name}: dropdowns without a visible label`).toEqual([]);
        }
        await shoot(page, p.name, width);
        if (width === 'phone') {
          // The narrowest phones still in common use: nothing may stick out at 375 px either.
          await page.setViewportSize({ width: 375, height: PHONE.height });
          expect(await horizontalOverflow(page), `${p.name} at 375 px scrolls sideways`).toBeLessThanOrEqual(0);
          await page.setViewportSize(PHONE);
        }
      }
      // The phone menu opens over the page and lists every section.
      if (width === 'phone') {
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Phone simulator' }).waitFor();
        await shoot(page, 'menu', 'phone', { fullPage: false });
      }
    }

    // Someone in two workspaces joins the second from an invite and gets a switcher.
    await page.setViewportSize(DESKTOP);
    const second = await t.createWorkspace({ name: 'Northside', businessName: 'Acme Plumbing Northside' });
    const invite = await t.api('POST', '/api/v1/invites', { token: second.apiKey, body: { email: 'owner@example.com', role: 'owner' } });
    expect(invite.status).toBe(201);
    await page.goto(invite.body.inviteUrl);
    await page.getByRole('button', { name: 'Join workspace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(page.url()).toContain(`/w/${second.id}`);
    await page.getByLabel('Workspace', { exact: true }).selectOption(ws);
    await page.waitForURL(`${t.url}/w/${ws}`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

    const signedOut = await openPage(browser, DESKTOP);
    await signedOut.page.goto(`${t.url}/w/${ws}/inbox`);
    await signedOut.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shoot(signedOut.page, 'login', 'desktop');
    await signedOut.page.setViewportSize(PHONE);
    await shoot(signedOut.page, 'login', 'phone');
    // Signing in returns to the page that was asked for.
    await signedOut.page.getByLabel('Email').fill('owner@example.com');
    await signedOut.page.getByLabel('Password').fill('wrong password!');
    await signedOut.page.getByRole('button', { name: 'Sign in' }).click();
    await signedOut.page.getByText('That email and password do not match').first().waitFor();
    await signedOut.page.getByLabel('Password').fill('correct horse battery');
    await signedOut.page.getByRole('button', { name: 'Sign in' }).click();
    await signedOut.page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();

    expect([...phoneSetup.problems, ...owner.problems, ...signedOut.problems]).toEqual([]);
  });
});
