/**
 * The team inbox in Debian Chromium: an owner at desktop width and a second member on a phone-sized
 * screen, each in their own browser context. The member sees, live, a new text arrive unread and
 * needing a reply, the owner assigning it to her; the owner snoozes a conversation and sees it come
 * back when the customer writes; the member asks for email on new texts in Settings and the next
 * text reaches a real SMTP server on 127.0.0.1. Screenshots with UPDATE_SCREENSHOTS=1.
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSetup, DESKTOP, horizontalOverflow, launchBrowser, openPage, PHONE, sessionApi, type TrackedPage } from '../support/browser.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let t: TestApp;
let browser: Browser;
let smtp: SmtpCapture;
let owner: TrackedPage;
let mia: TrackedPage;
let workspaceId: string;
let ownerApi: Awaited<ReturnType<typeof sessionApi>>;
let demoNumber: string;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  browser = await launchBrowser();
  t = await startTestApp({ manualJobs: false, env: { SMTP_URL: smtp.url } });
  owner = await openPage(browser, DESKTOP);
  workspaceId = await completeSetup(owner.page, t.url, t.adminToken);
  ownerApi = await sessionApi(owner.context, t.url, workspaceId);
  demoNumber = (await ownerApi('GET', '/api/v1/phone-numbers')).body.data[0].number;
  await ownerApi('PATCH', '/api/v1/workspace', { staffNumbers: ['+15125550100'] });
  const invite = await ownerApi('POST', '/api/v1/invites', { email: 'mia@example.com' });
  mia = await openPage(browser, PHONE);
  await mia.page.goto(invite.body.inviteUrl);
  await mia.page.getByLabel('Your name').fill('Mia Member');
  await mia.page.getByLabel('Choose a password').fill('another good password');
  await mia.page.getByRole('button', { name: /join|accept|create/i }).click();
  await mia.page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await smtp?.close();
});

const customerTexts = (from: string, body: string) => ownerApi('POST', '/api/v1/sandbox/messages', { to: demoNumber, from, body });

describe('team inbox', () => {
  it('a second member sees a new text unread and needing a reply, then its assignment, live', async () => {
    await mia.page.goto(`${t.url}/w/${workspaceId}/inbox`);
    await mia.page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await owner.page.goto(`${t.url}/w/${workspaceId}/inbox`);
    await owner.page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();

    await customerTexts('+15125550199', 'Is anyone free to fix a leak today?');
    const item = mia.page.locator('.conversation-item', { hasText: 'Is anyone free to fix a leak today?' });
    await item.getByRole('img', { name: 'Unread' }).waitFor();
    await item.getByText('Needs reply').waitFor();
    // The in-app alert appears in both open dashboards.
    await mia.page.locator('.alert-toast', { hasText: 'New text from' }).waitFor();

    await owner.page.locator('.conversation-item', { hasText: 'fix a leak' }).click();
    await owner.page.getByLabel('Assigned to').selectOption({ label: 'Mia Member' });
    await item.getByText('→ Mia Member').waitFor();
    await mia.page.getByRole('button', { name: /^Mine/ }).click();
    await expect.poll(() => mia.page.locator('.conversation-item').count()).toBe(1);

    // Opening it on the phone reads it: the newest message and the reply box are on screen.
    await mia.page.locator('.conversation-item', { hasText: 'fix a leak' }).click();
    await mia.page.getByText('Sending pauses the AI agent here', { exact: false }).or(mia.page.getByText('The AI agent does not answer this contact', { exact: false })).waitFor();
    await expect.poll(async () => mia.page.getByRole('button', { name: 'Send reply' }).isVisible()).toBe(true);
    const box = await mia.page.locator('.reply-box textarea').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    expect(await horizontalOverflow(mia.page)).toBeLessThanOrEqual(0);
    if (UPDATE) await mia.page.screenshot({ path: `${SHOTS}team-inbox-conversation-phone.png`, animations: 'disabled', caret: 'hide' });
    await mia.page.getByLabel(/^Reply as/).fill('On our way at 2pm!');
    await mia.page.getByRole('button', { name: 'Send reply' }).click();
    await owner.page.locator('.conversation-item', { hasText: 'On our way at 2pm!' }).waitFor();
    await expect.poll(() => owner.page.locator('.conversation-item', { hasText: 'On our way' }).getByText('Needs reply').count()).toBe(0);
    expect(owner.problems).toEqual([]);
    expect(mia.problems).toEqual([]);
  });

  it('a snoozed conversation comes back when the customer writes', async () => {
    const row = owner.page.locator('.conversation-item', { hasText: 'On our way' });
    await row.click();
    await owner.page.getByLabel('Snooze').selectOption({ label: 'Until tomorrow 9:00' });
    await expect.poll(() => owner.page.locator('.conversation-list .conversation-item', { hasText: 'On our way' }).count()).toBe(0);
    await owner.page.getByLabel('Show').selectOption('snoozed');
    await owner.page.locator('.conversation-item', { hasText: 'Snoozed until' }).waitFor();
    await owner.page.getByLabel('Show').selectOption('open');

    await customerTexts('+15125550199', 'Can you come earlier?');
    await owner.page.locator('.conversation-item', { hasText: 'Can you come earlier?' }).getByText('Needs reply').waitFor();
    await expect.poll(() => owner.page.locator('.conversation-item', { hasText: 'Snoozed until' }).count()).toBe(0);
    if (UPDATE) await owner.page.screenshot({ path: `${SHOTS}team-inbox-desktop.png`, animations: 'disabled', caret: 'hide' });
    expect(owner.problems).toEqual([]);
  });

  it('a member who asks for email on new texts gets one at the SMTP server', async () => {
    await mia.page.goto(`${t.url}/w/${workspaceId}/settings`);
    const emailSection = mia.page.locator('fieldset', { hasText: 'By email' });
    await emailSection.locator('label', { hasText: 'New texts' }).click();
    await expect.poll(() => emailSection.locator('input[name="email.inbound"]').isChecked()).toBe(true);
    await mia.page.getByText('Saved', { exact: false }).first().waitFor();
    await customerTexts('+15125550142', 'Do you install water heaters?');
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes('mia@example.com') && m.subject.includes('New text')).length, { timeout: 10_000 }).toBe(1);
    const mail = smtp.mails.find((m) => m.to.includes('mia@example.com') && m.subject.includes('New text'))!;
    expect(mail.subject).toBe('New text from +15125550142');
    expect(mail.text).toContain('Do you install water heaters?');
    expect(mia.problems).toEqual([]);
  });
});

describe('installable web app', () => {
  it('serves a manifest and a service worker that caches the shell, not the API', async () => {
    const manifest = await fetch(`${t.url}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(await manifest.json()).toMatchObject({ name: 'Textback', display: 'standalone', start_url: '/' });
    const page = owner.page;
    await page.goto(`${t.url}/w/${workspaceId}/inbox`);
    await expect.poll(() => page.evaluate<boolean>('navigator.serviceWorker.getRegistration().then((r) => !!(r && r.active))'), { timeout: 10_000 }).toBe(true);
    const cached = await page.evaluate<string[]>("caches.open('textback-shell-v1').then((c) => c.keys()).then((ks) => ks.map((k) => new URL(k.url).pathname))");
    expect(cached).toContain('/');
    expect(cached.some((p) => p.startsWith('/api/'))).toBe(false);
  });
});

describe('contacts CSV in the dashboard', () => {
  it('previews a file with a bad row, says what is wrong with it, and imports the good rows', async () => {
    const page = owner.page;
    await page.goto(`${t.url}/w/${workspaceId}/contacts`);
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'customers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('phone,name,tags\n(512) 555-0301,Carla Diaz,vip\nnot a phone,Bad Row,\n512.555.0302,Dev Patel,\n'),
    });
    await page.getByText('Phone "not a phone" is not a phone number we can use', { exact: false }).waitFor();
    expect(await page.locator('.import-preview tr.row-error th').textContent()).toBe('3');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    if (UPDATE) await page.screenshot({ path: `${SHOTS}contacts-import-desktop.png`, animations: 'disabled', caret: 'hide' });
    await page.getByRole('button', { name: 'Import the 2 good rows' }).click();
    await page.getByText('2 new, 0 updated, 1 rows left out', { exact: false }).waitFor();
    await page.locator('a', { hasText: 'Carla Diaz' }).first().waitFor();
    const csv = await ownerApi('GET', '/api/v1/contacts?q=Dev');
    expect(csv.body.data.map((c: any) => c.phone)).toEqual(['+15125550302']);
    expect(owner.problems).toEqual([]);
  });
});

describe('the inbox counts', () => {
  it('the navigation badge and the views show one answer, asked for with the list and not again for the badge, and follow a new text live', async () => {
    const page = owner.page;
    const asked = { counts: 0, list: 0 };
    const onRequest = (r: { url(): string }) => {
      const path = new URL(r.url()).pathname;
      if (path === '/api/v1/conversations/counts') asked.counts++;
      if (path === '/api/v1/conversations') asked.list++;
    };
    page.on('request', onRequest);
    try {
      const firstAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/conversations/counts');
      await page.goto(`${t.url}/w/${workspaceId}/inbox`);
      await firstAnswer;
      // Asked for as the page opened, before any answer: the badge and the inbox's views share the
      // frame's counts, as many requests as for the list of conversations (one each), not one more
      // for the badge.
      expect(asked.list).toBeGreaterThan(0);
      expect(asked.counts).toBe(asked.list);
      await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
      const before = (await ownerApi('GET', '/api/v1/conversations/counts')).body.open.needs_reply;
      if (before > 0) await page.getByLabel(`${before} need a reply`).waitFor();

      await customerTexts('+15125550198', 'Do you do boiler repairs?');
      await page.getByLabel(`${before + 1} need a reply`).waitFor();
      const needsReplyTab = page.getByRole('button', { name: /^Needs reply/ });
      await expect.poll(() => needsReplyTab.locator('.count').textContent()).toBe(String(before + 1));
    } finally {
      page.off('request', onRequest);
    }
    expect(owner.problems).toEqual([]);
  });
});
