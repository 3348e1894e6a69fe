/**
 * A member of workspace A cannot reach workspace B: B's pages show "not found" in the dashboard,
 * B's objects are not found under A's pages either, and the API answers 404 to a direct request
 * naming B, from the member's own signed-in browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { completeSetup, launchBrowser, openPage } from '../support/browser.js';
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

describe('dashboard: workspace isolation', () => {
  it("keeps a member of workspace A out of workspace B's pages and data", async () => {
    // Workspace A, through the browser; its owner invites a member.
    const owner = await openPage(browser);
    const a = await completeSetup(owner.page, t.url, t.adminToken);
    await owner.page.goto(`${t.url}/w/${a}/settings`);
    await owner.page.getByLabel('Email', { exact: true }).fill('member@example.com');
    await owner.page.getByRole('button', { name: 'Create invite link' }).click();
    const inviteUrl = await owner.page.getByRole('textbox', { name: 'Invite link' }).inputValue();
    expect(inviteUrl).toContain('/invite?token=');

    // Workspace B, made by the operator, with data in it.
    const b = await t.createWorkspace({ name: 'Rival', businessName: 'Rival Plumbing' });
    const bContact = await t.api('POST', '/api/v1/contacts', { token: b.apiKey, body: { phone: '+15550104242', name: 'Secret Customer' } });
    expect(bContact.status).toBe(201);
    const bNumber = await t.api('POST', '/api/v1/phone-numbers', { token: b.apiKey, body: { number: '+15550104343', carrier: 'sandbox', name: 'Rival line' } });
    expect(bNumber.status).toBe(201);

    // The member joins A from the invite link, in a browser of their own.
    const member = await openPage(browser);
    const { page } = member;
    await page.goto(inviteUrl.replace(/^https?:\/\/[^/]+/, t.url));
    await page.getByLabel('Your name').fill('Morgan Member');
    await page.getByLabel('Choose a password').fill('another long password');
    await page.getByRole('button', { name: 'Join workspace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(page.url()).toContain(`/w/${a}`);

    // B's pages: not found, and nothing of B on screen.
    for (const path of [`/w/${b.id}`, `/w/${b.id}/contacts`, `/w/${b.id}/contacts/${bContact.body.id}`, `/w/${b.id}/numbers/${bNumber.body.id}`]) {
      await page.goto(`${t.url}${path}`);
      await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
      expect(await page.getByText('Secret Customer').count()).toBe(0);
      expect(await page.getByText('Rival').count()).toBe(0);
    }
    // B's objects under A's own pages: not found either.
    await page.goto(`${t.url}/w/${a}/contacts/${bContact.body.id}`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    await page.goto(`${t.url}/w/${a}/numbers/${bNumber.body.id}`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    // A's contacts list holds nothing of B.
    await page.goto(`${t.url}/w/${a}/contacts`);
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
    await page.getByText('No contacts yet').waitFor();

    // The API, called directly with the member's session: B is 404, whatever is asked.
    const direct = await page.evaluate(
      async ({ a, b, contactId }) => {
        const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string; workspaces: Array<{ id: string }> };
        const get = async (path: string, ws: string) => (await fetch(path, { headers: { 'x-workspace-id': ws } })).status;
        const patch = async (path: string, ws: string) =>
          (
            await fetch(path, {
              method: 'PATCH',
              headers: { 'x-workspace-id': ws, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
              body: JSON.stringify({ name: 'Stolen' }),
            })
          ).status;
        return {
          workspaces: session.workspaces.map((w) => w.id),
          contactsOfB: await get('/api/v1/contacts', b),
          workspaceB: await get('/api/v1/workspace', b),
          contactOfBAsB: await get(`/api/v1/contacts/${contactId}`, b),
          contactOfBAsA: await get(`/api/v1/contacts/${contactId}`, a),
          patchContactOfB: await patch(`/api/v1/contacts/${contactId}`, b),
          ownContacts: await get('/api/v1/contacts', a),
        };
      },
      { a, b: b.id, contactId: bContact.body.id as string },
    );
    expect(direct).toEqual({
      workspaces: [a],
      contactsOfB: 404,
      workspaceB: 404,
      contactOfBAsB: 404,
      contactOfBAsA: 404,
      patchContactOfB: 404,
      ownContacts: 200,
    });

    // B's data is untouched.
    const still = await t.api('GET', `/api/v1/contacts/${bContact.body.id}`, { token: b.apiKey });
    expect(still.body.name).toBe('Secret Customer');
    expect(member.problems).toEqual([]);
    expect(owner.problems).toEqual([]);
  });
});
