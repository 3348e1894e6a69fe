/**
 * The AI agent page for a member, in Debian Chromium: the model (provider, name, key) spends the
 * workspace's money and holds its key, so only an owner may change it. A member sees it read-only
 * with a line saying so, no editable model fields that would only end in a 403 on save, and can
 * still save the prompt and limits; the model stays as the owner set it. The owner still edits it.
 * The same for a carrier's credentials: a member sees who is connected and why they cannot change it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { completeSetup, DESKTOP, launchBrowser, openPage, sessionApi, type TrackedPage } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let browser: Browser;
let owner: TrackedPage;
let member: TrackedPage;
let workspaceId: string;
let ownerApi: Awaited<ReturnType<typeof sessionApi>>;

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startTestApp();
  owner = await openPage(browser, DESKTOP);
  workspaceId = await completeSetup(owner.page, t.url, t.adminToken);
  ownerApi = await sessionApi(owner.context, t.url, workspaceId);
  const model = await ownerApi('PUT', '/api/v1/agent', { model: { provider: 'openai', name: 'gpt-4o-mini', apiKey: 'sk-owner-secret-key' } });
  expect(model.status).toBe(200);
  const invite = await ownerApi('POST', '/api/v1/invites', { email: 'mia@example.com' });
  member = await openPage(browser, DESKTOP);
  await member.page.goto(invite.body.inviteUrl);
  await member.page.getByLabel('Your name').fill('Mia Member');
  await member.page.getByLabel('Choose a password').fill('another good password');
  await member.page.getByRole('button', { name: /join|accept|create/i }).click();
  await member.page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('a member sees the model read-only with the reason, and saves the prompt without a 403', async () => {
  const { page } = member;
  await page.goto(`${t.url}/w/${workspaceId}/agent`);
  await page.getByRole('heading', { level: 1, name: 'AI agent' }).waitFor();
  await page.getByText('Only an owner of this workspace can change the model').waitFor();
  const model = page.getByRole('group', { name: 'Model' });
  await expect.poll(() => model.locator('dd').allInnerTexts()).toEqual(['OpenAI', 'gpt-4o-mini', 'Saved (hidden)']);
  // No editable model fields at all.
  expect(await page.getByLabel('Provider').count()).toBe(0);
  expect(await page.getByLabel('Model name').count()).toBe(0);
  expect(await page.getByLabel('API key').count()).toBe(0);

  await page.getByLabel('System prompt').fill('You answer for Acme Plumbing. Be brief.');
  await page.getByRole('button', { name: 'Save agent settings' }).click();
  await page.locator('.save-status-ok').waitFor();
  expect(await page.locator('.save-status-error').count()).toBe(0);

  const saved = await ownerApi('GET', '/api/v1/agent');
  expect(saved.body.systemPrompt).toBe('You answer for Acme Plumbing. Be brief.');
  expect(saved.body.model).toMatchObject({ provider: 'openai', name: 'gpt-4o-mini', apiKeySet: true });
  expect(member.problems).toEqual([]);
});

it('the owner still edits the model', async () => {
  const { page } = owner;
  await page.goto(`${t.url}/w/${workspaceId}/agent`);
  await page.getByRole('heading', { level: 1, name: 'AI agent' }).waitFor();
  await page.getByLabel('Provider').waitFor();
  expect(await page.getByText('Only an owner of this workspace can change the model').count()).toBe(0);
  await page.getByLabel('Model name').fill('gpt-4o');
  await page.getByRole('button', { name: 'Save agent settings' }).click();
  await page.locator('.save-status-ok').waitFor();
  expect((await ownerApi('GET', '/api/v1/agent')).body.model).toMatchObject({ provider: 'openai', name: 'gpt-4o', apiKeySet: true });
  expect(owner.problems).toEqual([]);
});

it.each(['twilio', 'signalwire', 'telnyx'])("a member sees no credential fields on the %s page, and the reason; the owner does", async (carrier) => {
  await member.page.goto(`${t.url}/w/${workspaceId}/${carrier}`);
  await member.page.getByText(/Only an owner of this workspace can change the .* credentials/).waitFor();
  expect(await member.page.locator('form input').count()).toBe(0);
  expect(member.problems).toEqual([]);

  await owner.page.goto(`${t.url}/w/${workspaceId}/${carrier}`);
  await owner.page.locator('form input').first().waitFor();
  expect(await owner.page.getByText(/Only an owner of this workspace can change the .* credentials/).count()).toBe(0);
});
