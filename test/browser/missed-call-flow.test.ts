/**
 * The whole flow in a real browser, offline: first-run setup, the number's text-back message, a
 * missed call placed from the phone simulator, the auto-text on the virtual phone and in the
 * inbox, a reply from the phone, and the AI agent's answer arriving in the inbox live.
 *
 * The server is the real one (startTestApp, background job worker running), so the texts come
 * from the worker exactly as in production; every wait is on something visible, never a sleep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { completeSetup, launchBrowser, openPage, sessionApi, settleTextBack, type TrackedPage } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp({ manualJobs: false }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('dashboard: missed call to AI answer', () => {
  it('sets up, configures the text-back, texts a missed caller, and the agent answers', async () => {
    const owner: TrackedPage = await openPage(browser);
    const { page } = owner;
    const workspaceId = await completeSetup(page, t.url, t.adminToken);
    const base = `${t.url}/w/${workspaceId}`;

    // — The number's "Voicemail & Missed Call Text Back" section —
    await page.getByRole('link', { name: 'Phone numbers' }).click();
    await page.getByRole('link', { name: 'Demo line (sandbox)' }).first().click();
    await page.getByRole('heading', { name: 'Voicemail & Missed Call Text Back' }).waitFor();
    const message = page.getByLabel('Text message', { exact: true });
    await message.fill('Sorry we missed you. Reply here.');
    // Best-practice hint: the text does not say who is texting.
    await page.getByText('Say who you are').waitFor();
    await message.fill('Hi {{contact.first_name|there}}, thanks for calling {{business.name}}! Sorry we missed you. What can we help with? Reply here.');
    await expect.poll(() => page.getByTestId('template-preview').textContent()).toBe(
      'Hi Jordan, thanks for calling Acme Plumbing! Sorry we missed you. What can we help with? Reply here. Reply STOP to opt out.',
    );
    await page.getByRole('radio', { name: 'Unknown caller' }).check();
    await expect.poll(() => page.getByTestId('template-preview').textContent()).toContain('Hi there, thanks for calling Acme Plumbing!');
    await page.getByText(/characters · 1 SMS segment · GSM-7/).waitFor();
    expect(await page.getByText('Say who you are').count()).toBe(0);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^Saved at/).waitFor();

    // — The agent answers at once (no debounce), so the test needs no clock moves —
    await page.getByRole('link', { name: 'AI agent' }).click();
    await page.getByLabel('Wait for more texts before answering').fill('0');
    await page.getByRole('button', { name: 'Save agent settings' }).click();
    await page.getByText(/^Saved at/).waitFor();

    // — A missed call from the simulator —
    await page.getByRole('link', { name: 'Phone simulator' }).click();
    await page.getByLabel("From (the caller's phone)").fill('+15550107777');
    await page.getByRole('radio', { name: /Nobody answers/ }).check();
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await page.getByText('Calls from this phone').waitFor();
    const api = await sessionApi(owner.context, t.url, workspaceId);
    const [call] = (await api<{ data: Array<{ id: string }> }>('GET', '/api/v1/calls?limit=1')).body.data;
    await settleTextBack(t, api, call!.id);
    const phone = page.getByRole('log', { name: 'Messages on the virtual phone' });
    await phone.locator('[data-author="textback"]').getByText('Hi there, thanks for calling Acme Plumbing!').waitFor();
    await page.getByText('Texted back').first().waitFor();

    // — The auto-text in the inbox, labelled as such —
    const inbox = await owner.context.newPage();
    await inbox.goto(`${base}/inbox`);
    await inbox.getByRole('link', { name: /\+1 555-010-7777/ }).click();
    const thread = inbox.getByRole('region', { name: /Messages with/ });
    const autoText = thread.locator('[data-author="textback"]');
    await autoText.getByText('thanks for calling Acme Plumbing').waitFor();
    await autoText.getByText('Auto-text').waitFor();

    // — The caller has the agent's tag (the ready-made workflow adds it on a missed call; the
    // simulator offers one click otherwise), replies from the phone, and the agent answers —
    await page.bringToFront();
    const addTag = page.getByRole('button', { name: 'Add “smschat_ai”' });
    const tagged = page.getByText(/has the “smschat_ai” tag/);
    await addTag.or(tagged).first().waitFor();
    if (await addTag.isVisible()) await addTag.click();
    await tagged.waitFor();
    await page.getByLabel('Text message from the virtual phone').fill('How much is your diagnostic fee?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await phone.locator('[data-author="contact"]').getByText('How much is your diagnostic fee?').waitFor();
    await phone.locator('[data-author="agent"]').getByText(/\$89/).waitFor({ timeout: 15_000 });

    // The inbox, left open in the other tab, shows the reply and the answer without a reload.
    await thread.locator('[data-author="contact"]').getByText('How much is your diagnostic fee?').waitFor({ timeout: 15_000 });
    const agentReply = thread.locator('[data-author="agent"]');
    await agentReply.getByText(/\$89/).waitFor({ timeout: 15_000 });
    await agentReply.getByText('AI agent').waitFor();

    // — Staff reply from the inbox: labelled, and it reaches the phone —
    await inbox.getByLabel(/^Reply as/).fill('Dana here: we can come by at 3pm today.');
    await inbox.getByRole('button', { name: 'Send reply' }).click();
    await thread.locator('[data-author="human"]').getByText('Dana here').waitFor();
    await phone.locator('[data-author="human"]').getByText('Dana here: we can come by at 3pm today.').waitFor();

    // The call is listed with its outcome and why it was texted.
    await page.goto(`${base}/calls`);
    const callCard = page.getByRole('article', { name: /Call from/ }).first();
    await callCard.getByText('Missed', { exact: true }).waitFor();
    await callCard.getByText('Texted back', { exact: true }).waitFor();

    expect(owner.problems).toEqual([]);
  });
});
