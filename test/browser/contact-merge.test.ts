/**
 * Merging duplicate contacts in Debian Chromium, at desktop and phone width: the contact page
 * suggests the duplicate (same name), the review shows what moves and which number replies go to,
 * the owner picks the name to keep, and after the merge the page shows one contact whose other
 * number keeps its own opt-out. Screenshots with UPDATE_SCREENSHOTS=1.
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSetup, DESKTOP, horizontalOverflow, launchBrowser, openPage, PHONE, sessionApi, type TrackedPage } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let t: TestApp;
let browser: Browser;
let owner: TrackedPage;
let workspaceId: string;
let api: Awaited<ReturnType<typeof sessionApi>>;
let demoNumber: string;

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startTestApp({ manualJobs: false });
  owner = await openPage(browser, DESKTOP);
  workspaceId = await completeSetup(owner.page, t.url, t.adminToken);
  api = await sessionApi(owner.context, t.url, workspaceId);
  demoNumber = (await api('GET', '/api/v1/phone-numbers')).body.data[0].number;
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function customer(from: string, body: string, name: string) {
  t.clock.advance(60_000);
  expect((await api('POST', '/api/v1/sandbox/messages', { to: demoNumber, from, body })).status).toBe(201);
  const contact = (await api('GET', `/api/v1/contacts?phone=${encodeURIComponent(from)}`)).body.data[0];
  await api('PATCH', `/api/v1/contacts/${contact.id}`, { name });
  return contact;
}

async function mergeOnPage(page: TrackedPage['page'], intoId: string, duplicateName: string, keepName: string) {
  await page.goto(`${t.url}/w/${workspaceId}/contacts/${intoId}`);
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Merge a duplicate' }) });
  await section.getByText('Same name').waitFor();
  await section.getByRole('button', { name: 'Review merge' }).click();
  const review = page.getByRole('form', { name: 'Review the merge' });
  await review.getByText('Replies go here').waitFor();
  await review.getByRole('radio', { name: keepName, exact: true }).check();
  return { section, review, duplicateName };
}

describe('merging duplicate contacts in the dashboard', () => {
  it('suggests the duplicate, previews the merge, and keeps the other number’s opt-out', async () => {
    const page = owner.page;
    const office = await customer('+15125550181', 'Hi, this is Dana from the office', 'Dana Lee');
    const mobile = await customer('+15125550182', 'Dana again, from my cell', 'dana lee');
    t.clock.advance(60_000);
    await api('POST', '/api/v1/sandbox/messages', { to: demoNumber, from: '+15125550182', body: 'STOP' });

    const { section, review } = await mergeOnPage(page, office.id, 'dana lee', 'Dana Lee');
    // One thread on the same business number: joined, not duplicated.
    await review.getByText('1 conversation (1 joined into the thread you already have on the same number)').waitFor();
    await review.getByText('Each number keeps its own opt-out', { exact: false }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    if (UPDATE) await section.screenshot({ path: `${SHOTS}contact-merge-desktop.png`, animations: 'disabled', caret: 'hide' });
    await review.getByRole('button', { name: 'Merge into this contact' }).click();

    await section.getByText('Merged dana lee into this contact.').waitFor();
    const others = page.getByRole('list', { name: 'Other numbers' });
    await others.getByText('+1 512-555-0181').waitFor();
    await others.getByText('Opted out').count().then((n) => expect(n).toBe(0));
    // Dana last wrote from the mobile (STOP): replies would go there, and it is opted out.
    await page.getByText('Opted out', { exact: false }).first().waitFor();
    const after = (await api('GET', `/api/v1/contacts/${office.id}`)).body;
    expect(after).toMatchObject({ name: 'Dana Lee', phone: '+15125550182', optedOut: true, otherPhones: [{ phone: '+15125550181', optedOut: false }] });
    expect((await api('GET', `/api/v1/contacts/${mobile.id}`)).status).toBe(404);
    await page.getByText('Merged the duplicate “dana lee” (+15125550182) into this contact', { exact: false }).waitFor();
    expect(owner.problems).toEqual([]);
  });

  it('works at phone width', async () => {
    const phone = await openPage(browser, PHONE);
    await phone.page.goto(`${t.url}/login`);
    await phone.page.getByLabel('Email').fill('owner@example.com');
    await phone.page.getByLabel('Password').fill('correct horse battery');
    await phone.page.getByRole('button', { name: /sign in|log in/i }).click();
    await phone.page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const a = await customer('+15125550191', 'Lee here', 'Sam Ortiz');
    await customer('+15125550192', 'Sam on the other phone', 'Sam Ortiz Jr');
    // Different names: find the duplicate by searching.
    await phone.page.goto(`${t.url}/w/${workspaceId}/contacts/${a.id}`);
    const section = phone.page.locator('section', { has: phone.page.getByRole('heading', { name: 'Merge a duplicate' }) });
    await section.getByLabel('Find the duplicate').fill('Ortiz Jr');
    await section.getByRole('list', { name: 'Matching contacts' }).getByRole('button', { name: 'Review merge' }).click();
    const review = phone.page.getByRole('form', { name: 'Review the merge' });
    await review.getByRole('radio', { name: 'Sam Ortiz Jr', exact: true }).check();
    expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
    if (UPDATE) await section.screenshot({ path: `${SHOTS}contact-merge-phone.png`, animations: 'disabled', caret: 'hide' });
    await review.getByRole('button', { name: 'Merge into this contact' }).click();
    await phone.page.getByRole('heading', { level: 1, name: 'Sam Ortiz Jr' }).waitFor();
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });
});
