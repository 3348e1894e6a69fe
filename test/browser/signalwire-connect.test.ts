/**
 * Connecting SignalWire from its dashboard page in a real browser: a refused API token is marked on
 * its input, the right credentials list the project's numbers, importing one sets its webhooks and
 * the number shows as ready.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { completeSetup, DESKTOP, horizontalOverflow, launchBrowser, openPage } from '../support/browser.js';
import { startSignalWireSimulator } from '../support/signalwire-simulator.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TwilioSimulator } from '../support/twilio-simulator.js';

let t: TestApp;
let browser: Browser;
let sim: TwilioSimulator;

beforeAll(async () => {
  [sim, browser] = await Promise.all([startSignalWireSimulator(), launchBrowser()]);
  t = await startTestApp({ manualJobs: false, env: { SIGNALWIRE_API_URL: sim.url } });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await sim?.close();
});

describe('the SignalWire page', () => {
  it('connects a project, imports a number and shows it ready', { timeout: 60_000 }, async () => {
    const projectId = randomUUID();
    const apiToken = 'PT0123456789abcdef0123456789abcdef0123';
    const signingKey = 'PSK_0123456789abcdef0123';
    sim.addAccount(projectId, apiToken, 'Acme', signingKey);
    const sid = sim.addIncomingNumber(projectId, '+15550100066', 'Front desk');

    const { page, problems } = await openPage(browser, DESKTOP);
    const ws = await completeSetup(page, t.url, t.adminToken);
    await page.goto(`${t.url}/w/${encodeURIComponent(ws)}/numbers`);
    await page.getByRole('link', { name: 'Connect SignalWire' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connect SignalWire' }).waitFor();

    await page.getByLabel('Space URL').fill('acme.signalwire.com');
    await page.getByLabel('Project ID').fill(projectId);
    await page.getByLabel('API token').fill('PTwrong-wrong-wrong-wrong');
    await page.getByLabel('Signing Key').fill(signingKey);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.locator('input[name="apiToken"][aria-invalid="true"]').waitFor();

    await page.getByLabel('API token').fill(apiToken);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('SignalWire accepted these credentials.').waitFor();
    await page.getByText('Not imported').waitFor();
    await page.getByRole('button', { name: /^Import/ }).click();
    // Where calls go is asked before importing (the number must ring someone, or be a forwarded line).
    await page.getByLabel('Phones to ring').fill('+15550109999');
    await page.getByRole('button', { name: 'Import number' }).click();
    await page.getByText('is now in Textback').waitFor();
    await page.getByText('Ready', { exact: true }).waitFor();

    const onSignalWire = sim.incomingNumbers(projectId).find((n) => n.sid === sid)!;
    expect(onSignalWire.voiceUrl).toBe(`${t.url}/webhooks/signalwire/voice`);
    expect(onSignalWire.smsUrl).toBe(`${t.url}/webhooks/signalwire/sms`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });
});
