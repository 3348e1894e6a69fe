/**
 * The knowledge editor in a real browser: import a web page served by this test, see the chunks
 * the agent reads, edit an entry in place, import a CSV price list from a file, re-import the page
 * after it changed; no console errors along the way.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { completeSetup, DESKTOP, launchBrowser, openPage, sessionApi } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let browser: Browser;
let site: Server;
let siteUrl: string;
let price = '$55';

beforeAll(async () => {
  site = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      `<html><head><title>Salon prices</title></head><body><nav>MENU-LINKS</nav><main><h1>Salon prices</h1>
      <p>Every visit starts with a short consultation so your stylist knows exactly what you would like before a single cut is made.</p>
      <ul><li>Women's cut: ${price}</li><li>Men's cut: $30</li></ul></main></body></html>`,
    );
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/prices`;
  browser = await launchBrowser();
  t = await startTestApp({ env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true' } });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await new Promise((resolve) => site.close(resolve));
});

describe('knowledge editor', () => {
  it('imports a page, shows its chunks, edits in place, imports a CSV file and re-imports the page', { timeout: 60_000 }, async () => {
    const owner = await openPage(browser, DESKTOP);
    const { page } = owner;
    const ws = await completeSetup(page, t.url, t.adminToken);
    const api = await sessionApi(owner.context, t.url, ws);
    // first-run setup seeds the sample knowledge base; this test works beside it
    const seeded = (await api('GET', '/api/v1/knowledge?limit=200')).body.data.length;
    await page.goto(`${t.url}/w/${ws}/agent`);
    await page.getByRole('heading', { level: 1, name: 'AI agent' }).waitFor();

    // import a web page
    await page.getByRole('button', { name: 'Import a web page' }).click();
    await page.getByLabel('Web page or sitemap address').fill(siteUrl);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Imported 1 page.' }).waitFor();
    const item = page.locator('.knowledge-list > li', { hasText: 'Salon prices' });
    await item.locator('summary').click();
    await item.getByText(`From ${siteUrl}`).waitFor();

    // the chunks the agent reads
    await item.getByRole('button', { name: /Show what the agent reads/ }).click();
    const chunks = item.getByRole('list', { name: 'What the agent reads' });
    await chunks.getByText("Women's cut: $55", { exact: false }).waitFor();
    expect(await chunks.textContent()).not.toContain('MENU-LINKS');

    // edit in place
    await item.getByRole('button', { name: 'Edit Salon prices' }).click();
    await item.getByLabel('Content').fill("Women's cut: $58. Men's cut: $30.");
    await item.getByRole('button', { name: 'Save changes' }).click();
    // Saving closes the form and leaves the entry open on what was saved (the entry's paragraph,
    // not the form's field, which holds the same text until the form closes).
    const edited = page.locator('.knowledge-list > li', { hasText: 'Salon prices' });
    await edited.locator('p.knowledge-content', { hasText: "Women's cut: $58. Men's cut: $30." }).waitFor();
    expect(await edited.locator('details').getAttribute('open')).not.toBeNull();
    expect(await edited.getByLabel('Content').count()).toBe(0);
    const list = (await api('GET', '/api/v1/knowledge?limit=200')).body.data;
    expect(list).toHaveLength(seeded + 1);
    expect(list.find((e: { title: string }) => e.title === 'Salon prices').content).toBe("Women's cut: $58. Men's cut: $30.");

    // import a CSV price list from a file
    await page.getByRole('button', { name: 'Import a file' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'colour-prices.csv', mimeType: 'text/csv', buffer: Buffer.from('Service,Price\nFull colour,$120\nHighlights,$95\n') });
    await page.getByRole('button', { name: 'Import file' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported “colour prices”' }).waitFor();
    const csvItem = page.locator('.knowledge-list > li', { hasText: 'colour prices' });
    await csvItem.locator('summary').click();
    await csvItem.getByText('From file colour-prices.csv').waitFor();

    // a file it cannot read: the reason is shown, nothing is added
    await page.getByRole('button', { name: 'Import a file' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('PNG') });
    await page.getByRole('button', { name: 'Import file' }).click();
    await page.getByText('The file name must end in one of').first().waitFor();
    expect((await api('GET', '/api/v1/knowledge?limit=200')).body.data).toHaveLength(seeded + 2);

    // re-import the page after it changed
    price = '$60';
    const pageItem = page.locator('.knowledge-list > li', { hasText: 'Salon prices' });
    await pageItem.getByRole('button', { name: 'Re-import Salon prices' }).click();
    await expect.poll(async () => (await api('GET', '/api/v1/knowledge?limit=200')).body.data.find((e: { title: string }) => e.title === 'Salon prices').content).toContain("Women's cut: $60");
    // Still open from the edit: the list's redraw keeps each entry as the owner left it.
    const refreshed = page.locator('.knowledge-list > li', { hasText: 'Salon prices' });
    await refreshed.locator('p.knowledge-content', { hasText: "Women's cut: $60" }).waitFor();
    // And it folds when asked.
    await refreshed.locator('summary').click();
    await refreshed.locator('p.knowledge-content').waitFor({ state: 'hidden' });

    expect(owner.problems).toEqual([]);
  });
});
