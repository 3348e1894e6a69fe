/**
 * The two flows the other browser tests cover only at desktop width, at a phone's (390×844) in
 * Debian Chromium: CSV import with a bad row (the preview says what is wrong with it, the good rows
 * import) and the phone simulator (a missed call, the auto-text on the virtual phone, a text from
 * it; a practice call to a Twilio number). Nothing may scroll sideways; every problem in the page fails the test. Screenshots with
 * UPDATE_SCREENSHOTS=1.
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSetup, horizontalOverflow, launchBrowser, openPage, PHONE, sessionApi, settleTextBack, type TrackedPage } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let t: TestApp;
let browser: Browser;
let phone: TrackedPage;
let workspaceId: string;
let api: Awaited<ReturnType<typeof sessionApi>>;

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startTestApp({ manualJobs: false });
  phone = await openPage(browser, PHONE);
  workspaceId = await completeSetup(phone.page, t.url, t.adminToken);
  api = await sessionApi(phone.context, t.url, workspaceId);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('at phone width', () => {
  it('imports contacts from CSV: the bad row is explained, the good rows import', async () => {
    const page = phone.page;
    await page.goto(`${t.url}/w/${workspaceId}/contacts`);
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'customers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('phone,name,tags\n(512) 555-0401,Erin Cole,vip\nnot a phone,Bad Row,\n512.555.0402,Femi Ade,\n'),
    });
    await page.getByText('Phone "not a phone" is not a phone number we can use', { exact: false }).waitFor();
    expect(await page.locator('.import-preview tr.row-error th').textContent()).toBe('3');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    if (UPDATE) await page.screenshot({ path: `${SHOTS}contacts-import-phone.png`, animations: 'disabled', caret: 'hide' });
    await page.getByRole('button', { name: 'Import the 2 good rows' }).click();
    await page.getByText('2 new, 0 updated, 1 rows left out', { exact: false }).waitFor();
    await page.locator('a', { hasText: 'Erin Cole' }).first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const imported = await api('GET', '/api/v1/contacts?q=Femi');
    expect(imported.body.data.map((c: any) => c.phone)).toEqual(['+15125550402']);
    expect(phone.problems).toEqual([]);
  });

  it('works the phone simulator: a missed call, the auto-text, a text back from the phone', async () => {
    const page = phone.page;
    await page.goto(`${t.url}/w/${workspaceId}/simulator`);
    await page.getByRole('heading', { level: 1, name: 'Phone simulator' }).waitFor();
    await page.getByLabel("From (the caller's phone)").fill('(512) 555-0403');
    await page.getByRole('radio', { name: /Nobody answers/ }).check();
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await page.getByText('Calls from this phone').waitFor();
    const [call] = (await api<{ data: Array<{ id: string; from: string }> }>('GET', '/api/v1/calls?limit=1')).body.data;
    expect(call!.from).toBe('+15125550403');
    await settleTextBack(t, api, call!.id);
    const thread = page.getByRole('log', { name: 'Messages on the virtual phone' });
    const sent = (await api('GET', '/api/v1/conversations')).body.data[0].lastMessage;
    expect(sent.author).toBe('textback');
    await thread.locator('[data-author="textback"]').getByText(sent.body.slice(0, 30), { exact: false }).waitFor();

    await page.getByLabel('Text message from the virtual phone').fill('Can you come Tuesday?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await thread.locator('[data-author="contact"]').getByText('Can you come Tuesday?').waitFor();
    // The composer is on screen (not below the fold) and nothing scrolls sideways.
    const box = await page.getByLabel('Text message from the virtual phone').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(phone.problems).toEqual([]);
  });

  it('practises on a Twilio number: says no real text is sent, calls from a fictional phone, the texts land on the virtual phone marked Practice', async () => {
    const page = phone.page;
    // A Twilio number (no account connected here, so nothing could reach Twilio anyway; the API test
    // test/missed-call/practice-calls.test.ts proves the Twilio simulator receives nothing).
    const added = await api('POST', '/api/v1/phone-numbers', { number: '+15550100088', carrier: 'twilio', name: 'Front desk', forwardTo: ['+15550109999'] });
    expect(added.status).toBe(201);
    await page.goto(`${t.url}/w/${workspaceId}/simulator`);
    await page.getByRole('heading', { level: 1, name: 'Phone simulator' }).waitFor();
    await page.getByLabel('Call this number').selectOption('+15550100088');
    await page.getByText('A practice call to your Twilio number').waitFor();
    await page.getByText('no real text is sent to anyone', { exact: false }).waitFor();
    // The caller it had (not fictional) was swapped for a fictional one; a real-looking one is refused here too.
    expect(await page.getByLabel("From (the caller's phone)").inputValue()).toBe('+15125550142');
    await page.getByLabel("From (the caller's phone)").fill('(512) 555-0403');
    await page.getByText('come from a made-up number from 555-0100 to 555-0199', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Practice call', exact: true }).isDisabled()).toBe(true);
    await page.getByLabel("From (the caller's phone)").fill('(512) 555-0142');
    await page.getByRole('radio', { name: /Nobody answers/ }).check();
    await page.getByRole('button', { name: 'Practice call', exact: true }).click();
    await page.getByText('Calls from this phone').waitFor();
    const [call] = (await api<{ data: Array<{ id: string; from: string; to: string; practice: boolean; carrier: string }> }>('GET', '/api/v1/calls?limit=1')).body.data;
    expect(call).toMatchObject({ from: '+15125550142', to: '+15550100088', practice: true, carrier: 'sandbox' });
    await settleTextBack(t, api, call!.id);
    const sent = (await api('GET', '/api/v1/sandbox/messages?phone=%2B15125550142')).body.data[0];
    expect(sent).toMatchObject({ author: 'textback', from: '+15550100088', status: 'delivered', practice: true });
    const thread = page.getByRole('log', { name: 'Messages on the virtual phone' });
    await thread.locator('[data-author="textback"]').getByText(sent.body.slice(0, 30), { exact: false }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The inbox marks the conversation as practice.
    await page.goto(`${t.url}/w/${workspaceId}/inbox`);
    const item = page.locator('.conversation-item', { hasText: '555-0142' });
    await item.getByText('Practice', { exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(phone.problems).toEqual([]);
  });
});
