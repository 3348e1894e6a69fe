/**
 * Connecting Telnyx from its dashboard page in a real browser: a refused API key is marked on its
 * input, a malformed public key on its own, the right keys list the account's numbers, importing one
 * puts it on Textback's TeXML Application and messaging profile and the number shows as ready; the
 * page still fits a phone-sized screen (the public key is a long unbroken string).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { completeSetup, DESKTOP, horizontalOverflow, launchBrowser, openPage, PHONE } from '../support/browser.js';
import { startTelnyxSimulator, type TelnyxSimulator } from '../support/telnyx-simulator.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let browser: Browser;
let sim: TelnyxSimulator;

beforeAll(async () => {
  [sim, browser] = await Promise.all([startTelnyxSimulator(), launchBrowser()]);
  t = await startTestApp({ manualJobs: false, env: { TELNYX_API_URL: sim.url } });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await sim?.close();
});

describe('the Telnyx page', () => {
  it('connects an account, imports a number and shows it ready', { timeout: 60_000 }, async () => {
    const { publicKey, apiKey } = sim.createAccount('Acme');
    const id = sim.addIncomingNumber(publicKey, '+15550100066', 'Front desk');

    const { page, problems } = await openPage(browser, DESKTOP);
    const ws = await completeSetup(page, t.url, t.adminToken);
    await page.goto(`${t.url}/w/${encodeURIComponent(ws)}/numbers`);
    await page.getByRole('link', { name: 'Connect Telnyx' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connect Telnyx' }).waitFor();

    await page.getByLabel('API key').fill(apiKey);
    await page.getByLabel('Public key').fill('not-a-public-key');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.locator('input[name="publicKey"][aria-invalid="true"]').waitFor();

    await page.getByLabel('Public key').fill(publicKey);
    await page.getByLabel('API key').fill('KEYwrong-wrong-wrong-wrong');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.locator('input[name="apiKey"][aria-invalid="true"]').waitFor();

    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('Telnyx accepted these credentials.').waitFor();
    await page.getByText('Not imported').waitFor();
    await page.getByRole('button', { name: /^Import/ }).click();
    await page.getByLabel('Phones to ring').fill('+15550109999');
    await page.getByRole('button', { name: 'Import number' }).click();
    await page.getByText('is now in Textback').waitFor();
    await page.getByText('Ready', { exact: true }).waitFor();

    const onTelnyx = sim.incomingNumbers(publicKey).find((n) => n.id === id)!;
    expect(onTelnyx.voiceUrl).toBe(`${t.url}/webhooks/telnyx/voice`);
    expect(onTelnyx.smsUrl).toBe(`${t.url}/webhooks/telnyx/sms`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // On a phone the connected account's long public key must wrap, not widen the page.
    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByText('Ready', { exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });
});
