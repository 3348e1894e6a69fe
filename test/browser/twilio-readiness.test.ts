/**
 * Issue 10 in the dashboard, in Chromium against the Twilio simulator: the import question, the
 * number's readiness with next steps and Twilio console links, the inbound-routing fix, the paused
 * banner and its resume button, and the warning about a PUBLIC_URL Twilio cannot reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { completeSetup, launchBrowser, openPage, sessionApi } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTwilioSimulator, type TwilioSimulator } from '../support/twilio-simulator.js';

let t: TestApp;
let browser: Browser;
let twilio: TwilioSimulator;
const SID = `AC${'a1b2c3d4e5f60718'.repeat(2)}`;
const TOKEN = 'e'.repeat(32);

beforeAll(async () => {
  [twilio, browser] = await Promise.all([startTwilioSimulator(), launchBrowser()]);
  t = await startTestApp({ env: { TWILIO_API_URL: twilio.url } });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await twilio?.close();
});

describe('Twilio readiness in the dashboard', () => {
  it('asks where calls go on import, shows readiness with next steps, fixes reply routing, and shows the paused banner', async () => {
    const { page, context, problems } = await openPage(browser);
    const workspaceId = await completeSetup(page, t.url, t.adminToken);
    twilio.addAccount(SID, TOKEN);
    const pn = twilio.addIncomingNumber(SID, '+15550230001', 'Front desk');
    const svc = twilio.addMessagingService(SID, { phoneNumberSids: [pn], campaignStatus: 'IN_PROGRESS', useInboundWebhookOnNumber: false });

    const base = `${t.url}/w/${encodeURIComponent(workspaceId)}`;
    await page.goto(`${base}/twilio`);
    await page.getByLabel('Account SID').fill(SID);
    await page.getByLabel('Auth token').fill(TOKEN);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('button', { name: /^Import/ }).click();

    // The question: ring phones or forwarded line; with no phones the server refuses in words.
    await page.getByText('Where should calls to').waitFor();
    await page.getByRole('button', { name: 'Import number' }).click();
    await page.getByText(/Say where calls go/).waitFor();
    await page.getByLabel('Phones to ring').fill('+15550239999');
    await page.getByRole('button', { name: 'Import number' }).click();
    await page.getByText('is now in Textback').waitFor();
    expect(await page.getByText('not ready to text yet').count()).toBe(1);

    // The number page: readiness with owner words and console links.
    await page.getByRole('link', { name: 'Set up its missed-call text' }).click();
    await page.getByRole('heading', { name: 'Ready to text?' }).waitFor();
    await page.getByText('Action needed', { exact: true }).waitFor();
    await page.getByText(/still under review/).waitFor();
    const links = await page.getByRole('link', { name: 'Open in the Twilio Console' }).evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const href of links) expect(href).toMatch(/^https:\/\/console\.twilio\.com\//);

    await page.getByRole('button', { name: 'Send replies to Textback' }).click();
    await page.getByText('Replies to this number reach Textback.').waitFor();
    expect(svc.useInboundWebhookOnNumber).toBe(true);

    // The PUBLIC_URL warning on the overview (tests run on loopback).
    await page.goto(base);
    await page.getByText('Your carrier cannot reach this server').waitFor();
    await page.getByText(/PUBLIC_URL \(http:\/\/127\.0\.0\.1:\d+\) is a loopback address/).waitFor();

    // Paused after repeated blocking errors: the banner, and resume.
    const api = await sessionApi(context, t.url, workspaceId);
    const numbers = await api<{ data: Array<{ id: string }> }>('GET', '/api/v1/phone-numbers');
    const id = numbers.body.data[0]!.id;
    await t.runtime.ctx.db
      .updateTable('phone_numbers')
      .set({ textback_paused_at: Date.now(), textback_paused_reason: 'Carriers blocked the last 3 texts from this number: The sender is not registered for US A2P 10DLC (error 30034).' })
      .where('id', '=', id)
      .execute();
    await page.goto(`${base}/numbers/${encodeURIComponent(id)}`);
    await page.getByText('Missed-call texts are paused on this number').waitFor();
    await page.getByRole('button', { name: 'I fixed it: resume texting' }).click();
    await page.getByText('Missed-call texts are paused on this number').waitFor({ state: 'detached' });
    expect((await api<{ textBackPaused: unknown }>('GET', `/api/v1/phone-numbers/${id}`)).body.textBackPaused).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });
});
