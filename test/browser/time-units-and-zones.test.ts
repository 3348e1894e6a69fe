/**
 * Times as people think of them, in Debian Chromium: the text-back cooldown on a number's page is
 * typed and shown in minutes, hours or days (stored in minutes, as the API always had it), and the
 * inbox's "tomorrow 9:00" snooze means 9:00 where the business is, even for a member whose browser
 * is in another time zone.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSetup, DESKTOP, launchBrowser, openPage, sessionApi, type TrackedPage } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let browser: Browser;
let owner: TrackedPage;
let workspaceId: string;
let api: Awaited<ReturnType<typeof sessionApi>>;
let demo: { id: string; number: string };

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startTestApp({ manualJobs: false });
  owner = await openPage(browser, DESKTOP);
  workspaceId = await completeSetup(owner.page, t.url, t.adminToken);
  api = await sessionApi(owner.context, t.url, workspaceId);
  demo = (await api('GET', '/api/v1/phone-numbers')).body.data[0];
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const cooldownOf = async () => (await api('GET', `/api/v1/phone-numbers/${demo.id}`)).body.missedCallTextBack.cooldownMinutes;

describe('the text-back cooldown in human units', () => {
  it('shows a day as 1 day, saves 12 hours as 720 minutes, and 90 minutes as 90', async () => {
    const page = owner.page;
    await page.goto(`${t.url}/w/${workspaceId}/numbers/${demo.id}`);
    const amount = page.getByRole('spinbutton', { name: 'Text the same caller at most once every', exact: true });
    const unit = page.getByRole('combobox', { name: 'Text the same caller at most once every (unit)', exact: true });
    expect(await cooldownOf()).toBe(1440);
    expect(await amount.inputValue()).toBe('1');
    expect(await unit.inputValue()).toBe('days');
    await page.getByText('gets no second text', { exact: false }).first().waitFor();

    await amount.fill('12');
    await unit.selectOption('hours');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^Saved at /).waitFor();
    expect(await cooldownOf()).toBe(720);
    await page.reload();
    expect(await amount.inputValue()).toBe('12');
    expect(await unit.inputValue()).toBe('hours');

    await unit.selectOption('minutes');
    await amount.fill('90');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^Saved at /).waitFor();
    expect(await cooldownOf()).toBe(90);
    await page.reload();
    expect(await amount.inputValue()).toBe('90');
    expect(await unit.inputValue()).toBe('minutes');
    expect(owner.problems).toEqual([]);
  });
});

describe('snooze presets in the workspace time zone', () => {
  it('“tomorrow 9:00” is 9:00 where the business is, for a member browsing from Berlin', async () => {
    const zone = (await api('GET', '/api/v1/workspace')).body.timezone as string;
    expect(zone).toBe('America/Chicago');
    expect((await api('POST', '/api/v1/sandbox/messages', { to: demo.number, from: '+15125550171', body: 'Any time tomorrow?' })).status).toBe(201);
    const conversation = (await api('GET', '/api/v1/conversations')).body.data[0];

    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US', timezoneId: 'Europe/Berlin', reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(`${t.url}/login`);
    await page.getByLabel('Email').fill('owner@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: /sign in|log in/i }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.goto(`${t.url}/w/${workspaceId}/inbox/${conversation.id}`);
    const before = Date.now();
    await page.getByLabel('Snooze').selectOption({ label: 'Until tomorrow 9:00 (America/Chicago)' });
    await expect.poll(async () => (await api('GET', `/api/v1/conversations/${conversation.id}`)).body.status).toBe('snoozed');
    const until = new Date((await api('GET', `/api/v1/conversations/${conversation.id}`)).body.snoozedUntil);

    const inChicago = (d: Date) =>
      Object.fromEntries(
        new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
          .formatToParts(d)
          .map((p) => [p.type, p.value]),
      );
    const at = inChicago(until);
    expect([at.hour, at.minute]).toEqual(['09', '00']);
    // The day after today in Chicago (whatever day it already is in Berlin).
    const today = inChicago(new Date(before));
    const tomorrow = new Date(Date.UTC(Number(today.year), Number(today.month) - 1, Number(today.day) + 1));
    expect([Number(at.year), Number(at.month), Number(at.day)]).toEqual([tomorrow.getUTCFullYear(), tomorrow.getUTCMonth() + 1, tomorrow.getUTCDate()]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
