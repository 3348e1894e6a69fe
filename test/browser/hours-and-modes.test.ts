/**
 * The dashboard's hours and forwarded-line settings, in a real browser against a real server:
 * business hours start "not set" and are set from Settings with closed dates and own numbers (a bad
 * date is marked on its field and nothing is stored); a number gets its own hours, after-hours
 * voicemail with its own message, and forwarded mode; the calls list shows the line that forwarded
 * a call and that it came after hours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { completeSetup, launchBrowser, openPage, sessionApi } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('dashboard: hours, after hours and forwarded lines', () => {
  it('sets hours, closed dates and own numbers, then a number’s own hours, after-hours voicemail and forwarded mode', async () => {
    const { page, context, problems } = await openPage(browser);
    const ws = await completeSetup(page, t.url, t.adminToken);
    const api = await sessionApi(context, t.url, ws);

    // Settings: hours were never set, and say so.
    await page.goto(`${t.url}/w/${ws}/settings`);
    const hours = page.getByRole('group', { name: 'Business hours' });
    await hours.getByText('Not set.').waitFor();
    await page.getByRole('button', { name: 'Set business hours' }).click();
    await page.getByRole('group', { name: 'Monday' }).waitFor();
    await page.getByRole('group', { name: 'Saturday' }).getByRole('checkbox').check();
    await page.getByLabel('Closed dates').fill('2026-12-25\n2026-13-01');
    await page.getByLabel('Your own numbers (never texted)').fill('+1 555 010 7000');
    await page.getByRole('button', { name: 'Save business settings' }).click();
    await page.locator('textarea[name="closedDates"][aria-invalid="true"]').waitFor();
    expect((await api('GET', '/api/v1/workspace')).body).toMatchObject({ businessHours: null, closedDates: [], ownNumbers: [] });

    await page.getByLabel('Closed dates').fill('2026-12-25\n2026-01-15');
    await page.getByRole('button', { name: 'Save business settings' }).click();
    await page.getByText(/^Saved at /).waitFor();
    const saved = (await api('GET', '/api/v1/workspace')).body;
    expect(saved.closedDates).toEqual(['2026-01-15', '2026-12-25']);
    expect(saved.ownNumbers).toEqual(['+15550107000']);
    expect(saved.businessHours).toMatchObject({ mon: [['08:00', '17:00']], sat: [['08:00', '17:00']], sun: [] });

    // A number: forwarded mode, its own hours, straight to voicemail after hours with its own text.
    const created = await api('POST', '/api/v1/phone-numbers', { number: '+15550108100', carrier: 'sandbox', name: 'Front desk', forwardTo: ['+15550109999'] });
    expect(created.status).toBe(201);
    await page.goto(`${t.url}/w/${ws}/numbers/${created.body.id}`);
    await page.getByLabel('How calls reach this number').selectOption('forwarded');
    await page.getByText('Every call arriving counts as missed').waitFor();
    expect(await page.getByLabel('Forward calls to').isDisabled()).toBe(true);
    await page.getByLabel('Hours of this number').selectOption('own');
    await page.getByRole('group', { name: 'This number’s hours' }).getByRole('group', { name: 'Saturday' }).getByRole('checkbox').uncheck();
    await page.getByLabel('Outside hours', { exact: true }).selectOption('voicemail');
    await page.getByText('Nobody’s phone rings').waitFor();
    await page.getByText('Send a different text for calls outside hours').click();
    expect(await page.getByRole('switch', { name: 'Send a different text for calls outside hours' }).isChecked()).toBe(true);
    await page.getByLabel('After-hours text message').fill("We're closed. {{business.name}} will text you when we open.");
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^Saved at /).waitFor();
    const number = (await api('GET', `/api/v1/phone-numbers/${created.body.id}`)).body;
    expect(number).toMatchObject({
      mode: 'forwarded',
      afterHours: { ring: false, message: "We're closed. {{business.name}} will text you when we open." },
      hours: { mon: [['08:00', '17:00']], sat: [] },
    });

    // Reloaded, the page shows what was stored.
    await page.reload();
    expect(await page.getByLabel('How calls reach this number').inputValue()).toBe('forwarded');
    expect(await page.getByLabel('Outside hours', { exact: true }).inputValue()).toBe('voicemail');
    expect(await page.getByLabel('Hours of this number').inputValue()).toBe('own');

    // A forwarded call on a closed date (the test clock: Thursday 2026-01-15, 09:00 in Chicago, inside
    // the number's hours otherwise): the calls list names the line that forwarded it.
    const call = await api('POST', '/api/v1/sandbox/calls', { to: '+15550108100', from: '+15550104545', outcome: 'voicemail', forwardedFrom: '+15550107000' });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({ forwardedFrom: '+15550107000', afterHours: true });
    await page.goto(`${t.url}/w/${ws}/calls`);
    const item = page.getByRole('article', { name: /Call from/ }).first();
    await item.getByText('forwarded from +1 555-010-7000').waitFor();
    await item.getByText('After hours', { exact: true }).waitFor();

    expect(problems).toEqual([]);
  });
});
