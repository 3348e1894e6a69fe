/**
 * Browser tests' helpers: launch Debian's Chromium through playwright-core (no bundled browser),
 * make a fresh context per test, fail on any page error or CSP violation, and call the dashboard's
 * API with the browser's own session (cookie + CSRF + workspace headers), as the dashboard does.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestApp } from './test-app.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions, console errors and CSP violations seen so far. */
  problems: string[];
}

/** A new, isolated context (its own cookies and storage) with one page that records problems. */
export async function openPage(browser: Browser, viewport: { width: number; height: number } = DESKTOP): Promise<TrackedPage> {
  const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'America/Chicago', reducedMotion: 'reduce' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // A 4xx the page asked for on purpose (not-found checks, a refused login) logs as a console error.
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    problems.push(`console error: ${text}`);
  });
  return { page, context, problems };
}

/** Calls the API as the signed-in browser does: session cookie, CSRF token, workspace header. */
export async function sessionApi(context: BrowserContext, baseUrl: string, workspaceId: string) {
  const session = await context.request.get(`${baseUrl}/api/v1/auth/session`);
  if (!session.ok()) throw new Error(`no session: ${session.status()}`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return async <T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await context.request.fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'x-workspace-id': workspaceId, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status(), body: (text ? JSON.parse(text) : null) as T };
  };
}

/** How far the page is wider than its window (0 or less: nothing sticks out sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  // A string, as it runs in the page (this file is compiled without the DOM's types).
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

/** Goes through first-run setup in the page; returns the new workspace's id. */
export async function completeSetup(
  page: Page,
  baseUrl: string,
  setupToken: string,
  owner = { name: 'Dana Owner', email: 'owner@example.com', password: 'correct horse battery', businessName: 'Acme Plumbing' },
): Promise<string> {
  await page.goto(`${baseUrl}/setup?token=${encodeURIComponent(setupToken)}`);
  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByLabel('Business name').fill(owner.businessName);
  await page.getByRole('button', { name: 'Create my workspace' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  const match = /\/w\/([^/?#]+)/.exec(page.url());
  if (!match) throw new Error(`setup did not land in a workspace: ${page.url()}`);
  return decodeURIComponent(match[1]!);
}

type SessionApi = Awaited<ReturnType<typeof sessionApi>>;

/**
 * Waits until the background worker has decided a call's text-back (sent, skipped or failed).
 * Nothing here moves the clock: a text-back that waits for its call to end is woken by the end of
 * the call itself, even when the wake-up lands while its job is running (jobs remember nudges).
 */
export async function settleTextBack(t: Pick<TestApp, 'runtime' | 'clock'>, api: SessionApi, callId: string): Promise<void> {
  // Real time, not the test clock: how long the worker may take on a machine that also runs the
  // rest of the suite next to a browser (10 s was once not enough on PostgreSQL in CI).
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await api<{ textBack: { status: string | null } }>('GET', `/api/v1/calls/${encodeURIComponent(callId)}`);
    if (res.body.textBack.status !== 'pending') return;
    if (Date.now() > deadline) throw new Error(`the text-back of call ${callId} is still pending: ${await textBackState(t, callId)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What a stuck text-back's call, jobs and message look like, to say why in the failure. */
async function textBackState(t: Pick<TestApp, 'runtime' | 'clock'>, callId: string): Promise<string> {
  const db = t.runtime.ctx.db;
  const call = await db.selectFrom('calls').select(['outcome', 'ended_at', 'textback_status', 'textback_message_id']).where('id', '=', callId).executeTakeFirst();
  // The text-back's job names the call; a send job handed the text names its message.
  const named = [callId, ...(call?.textback_message_id ? [call.textback_message_id] : [])];
  const jobs = await db
    .selectFrom('jobs')
    .select(['kind', 'status', 'attempts', 'run_at', 'locked_until', 'nudged_run_at', 'last_error'])
    .where((eb) => eb.or(named.map((id) => eb('payload', 'like', `%${id}%`))))
    .execute();
  const message = call?.textback_message_id
    ? await db.selectFrom('messages').select(['status', 'error_code']).where('id', '=', call.textback_message_id).executeTakeFirst()
    : undefined;
  return JSON.stringify({ now: t.clock.now(), call, jobs, message });
}
