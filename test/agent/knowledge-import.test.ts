/**
 * The owner's own material becomes knowledge, over real HTTP: a web page and a sitemap served by
 * this test (main text only, page limit honoured), each file type (PDF, DOCX, Markdown, text,
 * CSV made by the test), the chunks the agent reads, edit in place, re-import, the SSRF guard, and
 * hybrid retrieval with the scripted OpenAI-compatible server's /v1/embeddings.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedModelServer, type ScriptedModelServer } from '../support/scripted-model-server.js';
import { makeDocx, makePdf } from '../support/knowledge-files.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let site: Server;
let siteUrl: string;
let pricesVersion = 1;

const PAGE = (body: string, title = 'Bright Salon') =>
  `<!doctype html><html><head><title>${title}</title></head><body>
  <nav><a href="/">Home</a> <a href="/book">Book now</a> NAVIGATION-LINKS</nav>
  <main><h1>${title}</h1>${body}</main>
  <footer>FOOTER-COPYRIGHT 2024 Bright Salon</footer></body></html>`;

const SERVICES = PAGE(
  `<p>Bright Salon is a full-service hair salon in downtown Springfield. Our stylists are trained in modern cuts,
  colour and styling, and we take walk-ins whenever a chair is free during the week.</p>
  <h2>Prices</h2><ul><li>Women's cut: $55</li><li>Men's cut: $30</li></ul>
  <table><tr><th>Colour</th><th>Price</th></tr><tr><td>Full colour</td><td>$120</td></tr></table>`,
  'Our services',
);

beforeAll(async () => {
  site = createServer((req, res) => {
    const base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const send = (type: string, body: string, status = 200) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    switch (req.url) {
      case '/services':
        return send('text/html; charset=utf-8', SERVICES);
      case '/prices':
        return send(
          'text/html',
          PAGE(`<p>Our price list is updated every season so that you always know what a visit costs before you sit down in the chair.</p><p>Blow-dry: $${pricesVersion === 1 ? 40 : 45}. Beard trim: $15.</p>`, 'Prices'),
        );
      case '/parking':
        return send('text/html', PAGE('<p>Free parking is behind the salon, off Elm Street, with twelve spaces reserved for our clients every day of the week.</p>', 'Parking'));
      case '/moved':
        res.writeHead(301, { location: '/services' });
        return res.end();
      case '/sitemap.xml':
        return send(
          'application/xml',
          `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>${base}/services</loc></url><url><loc>${base}/prices</loc></url><url><loc>${base}/parking</loc></url><url><loc>${base}/missing</loc></url></urlset>`,
        );
      case '/photo.png':
        return send('image/png', 'PNG');
      default:
        return send('text/html', 'not found', 404);
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => site.close(resolve));
});

describe('importing with private addresses allowed (a site on this host)', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true' } });
    key = (await t.createWorkspace()).apiKey;
  });
  afterAll(async () => t?.close());

  it('imports the main text of a web page, keeping headings, lists and tables, without navigation or footer', async () => {
    const res = await t.api('POST', '/api/v1/knowledge/import/url', { token: key, body: { url: `${siteUrl}/moved` } });
    expect(res.status).toBe(201);
    expect(res.body.skipped).toEqual([]);
    const [entry] = res.body.entries;
    expect(entry.source).toEqual({ type: 'url', url: `${siteUrl}/moved`, name: null });
    expect(entry.content).toContain("- Women's cut: $55");
    expect(entry.content).toContain('## Prices');
    expect(entry.content).toContain('| Full colour | $120 |');
    expect(entry.content).not.toContain('NAVIGATION-LINKS');
    expect(entry.content).not.toContain('FOOTER-COPYRIGHT');

    const chunks = await t.api('GET', `/api/v1/knowledge/${entry.id}/chunks`, { token: key });
    expect(chunks.status).toBe(200);
    expect(chunks.body.data.length).toBe(entry.chunks);
    expect(chunks.body.data.map((c: { text: string }) => c.text).join('\n')).toContain('$120');
  });

  it('imports a sitemap up to the page limit, reporting pages it skipped and why', async () => {
    const res = await t.api('POST', '/api/v1/knowledge/import/url', { token: key, body: { url: `${siteUrl}/sitemap.xml`, maxPages: 3 } });
    expect(res.status).toBe(201);
    expect(res.body.entries.map((e: { source: { url: string } }) => e.source.url)).toEqual([`${siteUrl}/services`, `${siteUrl}/prices`, `${siteUrl}/parking`]);
    expect(res.body.skipped).toEqual([{ url: `${siteUrl}/missing`, reason: 'over the limit of 3 pages' }]);

    // importing the same page again refreshes its entry instead of adding a second one
    const again = await t.api('POST', '/api/v1/knowledge/import/url', { token: key, body: { url: `${siteUrl}/prices` } });
    expect(again.body.entries[0].id).toBe(res.body.entries[1].id);
  });

  it('re-imports a page on demand: same entry, the page’s new text, the agent reads the new price', async () => {
    pricesVersion = 1;
    const first = await t.api('POST', '/api/v1/knowledge/import/url', { token: key, body: { url: `${siteUrl}/prices` } });
    const id = first.body.entries[0].id;
    expect(first.body.entries[0].content).toContain('Blow-dry: $40');
    pricesVersion = 2;
    const re = await t.api('POST', `/api/v1/knowledge/${id}/reimport`, { token: key });
    expect(re.status).toBe(200);
    expect(re.body.id).toBe(id);
    expect(re.body.content).toContain('Blow-dry: $45');
    const chat = await t.api('POST', '/api/v1/agent/test', { token: key, body: { messages: [{ role: 'contact', text: 'how much is a blow-dry?' }] } });
    expect(chat.body.reply).toContain('$45');
    expect(chat.body.reply).not.toContain('$40');
  });

  it('refuses to re-import an entry that was typed in', async () => {
    const typed = await t.api('POST', '/api/v1/knowledge', { token: key, body: { title: 'Typed', content: 'Typed in by hand.' } });
    const res = await t.api('POST', `/api/v1/knowledge/${typed.body.id}/reimport`, { token: key });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Only an entry imported from a web page');
  });

  it('says clearly why a page cannot be imported: an error status, not a web page', async () => {
    const missing = await t.api('POST', '/api/v1/knowledge/import/url', { token: key, body: { url: `${siteUrl}/nothing-here` } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ field: 'url', message: expect.stringContaining('HTTP 404') });
    const image = await t.api('POST', '/api/v1/knowledge/import/url', { token: key, body: { url: `${siteUrl}/photo.png` } });
    expect(image.status).toBe(400);
    expect(image.body.error.message).toContain('not a web page');
    const bad = await t.api('POST', '/api/v1/knowledge/import/url', { token: key, body: { url: 'ftp://example.com/x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('url');
  });

  it('imports each file type: PDF, DOCX, Markdown, plain text and a CSV price list', async () => {
    const upload = (fileName: string, bytes: Buffer | string) =>
      t.api('POST', '/api/v1/knowledge/import/file', { token: key, body: { fileName, contentBase64: Buffer.from(bytes).toString('base64') } });

    const pdf = await upload('furnace-prices.pdf', makePdf(['Furnace tune-up: $129', 'We service all brands (Carrier, Trane).']));
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ title: 'furnace prices', source: { type: 'file', url: null, name: 'furnace-prices.pdf' } });
    expect(pdf.body.content).toContain('Furnace tune-up: $129');

    const docx = await upload('price-list.docx', makeDocx({ heading: 'Price list', paragraphs: ['All prices include tax.'], table: [['Service', 'Price'], ['Gel manicure', '$38']] }));
    expect(docx.status).toBe(201);
    expect(docx.body.content).toContain('# Price list');
    expect(docx.body.content).toContain('| Gel manicure | $38 |');

    const md = await upload('faq.md', '# Parking\n\nThere is free parking behind the building.');
    expect(md.status).toBe(201);
    expect(md.body.content).toContain('# Parking');

    const txt = await upload('notes.txt', 'We close early on Christmas Eve.');
    expect(txt.body.content).toBe('We close early on Christmas Eve.');

    const csv = await upload('prices.csv', 'Service,Price\n"Duct cleaning, whole house",$399\nThermostat install,$189\n');
    expect(csv.status).toBe(201);
    expect(csv.body.content).toContain('| Duct cleaning, whole house | $399 |');

    const chat = await t.api('POST', '/api/v1/agent/test', { token: key, body: { messages: [{ role: 'contact', text: 'what do you charge to install a thermostat?' }] } });
    expect(chat.body.reply).toContain('$189');
  });

  it('rejects files it cannot read with a 400 naming the field', async () => {
    const exe = await t.api('POST', '/api/v1/knowledge/import/file', { token: key, body: { fileName: 'setup.exe', contentBase64: 'AAAA' } });
    expect(exe.status).toBe(400);
    expect(exe.body.error.field).toBe('fileName');
    const notPdf = await t.api('POST', '/api/v1/knowledge/import/file', { token: key, body: { fileName: 'x.pdf', contentBase64: Buffer.from('hello').toString('base64') } });
    expect(notPdf.status).toBe(400);
    expect(notPdf.body.error.field).toBe('file');
    const empty = await t.api('POST', '/api/v1/knowledge/import/file', { token: key, body: { fileName: 'x.txt', contentBase64: Buffer.from('   ').toString('base64') } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('no text');
    const before = await t.api('GET', '/api/v1/knowledge?limit=200', { token: key });
    expect(before.body.data.some((e: { source: { name: string | null } }) => e.source.name === 'x.pdf' || e.source.name === 'x.txt')).toBe(false);
  });

  it('edits an entry in place: same id, new chunks, and the agent answers from the new text', async () => {
    const created = await t.api('POST', '/api/v1/knowledge', { token: key, body: { title: 'Gift cards', content: 'Gift cards come in $25 and $50.' } });
    const id = created.body.id;
    const oldChunks = await t.api('GET', `/api/v1/knowledge/${id}/chunks`, { token: key });
    const edited = await t.api('PATCH', `/api/v1/knowledge/${id}`, { token: key, body: { content: 'Gift cards come in $30 and $60, sold at the front desk.' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id, title: 'Gift cards', content: 'Gift cards come in $30 and $60, sold at the front desk.' });
    const newChunks = await t.api('GET', `/api/v1/knowledge/${id}/chunks`, { token: key });
    expect(newChunks.body.data[0].text).toContain('$30');
    expect(newChunks.body.data[0].id).not.toBe(oldChunks.body.data[0].id);
    const chat = await t.api('POST', '/api/v1/agent/test', { token: key, body: { messages: [{ role: 'contact', text: 'what sizes do gift cards come in?' }] } });
    expect(chat.body.reply).toContain('$30');
    expect(chat.body.reply).not.toContain('$25');

    const empty = await t.api('PATCH', `/api/v1/knowledge/${id}`, { token: key, body: {} });
    expect(empty.status).toBe(400);
    const blank = await t.api('PATCH', `/api/v1/knowledge/${id}`, { token: key, body: { content: '  ' } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.field).toBe('content');
    const other = await t.api('PATCH', '/api/v1/knowledge/kb_nope', { token: key, body: { title: 'x' } });
    expect(other.status).toBe(404);
  });
});

describe('the SSRF guard (default: private addresses refused)', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp();
    key = (await t.createWorkspace()).apiKey;
  });
  afterAll(async () => t?.close());

  it('refuses a page on a loopback or private address, and stores nothing', async () => {
    for (const url of [`${siteUrl}/services`, 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://10.0.0.1/sitemap.xml']) {
      const res = await t.api('POST', '/api/v1/knowledge/import/url', { token: key, body: { url } });
      expect(res.status, url).toBe(400);
      expect(res.body.error.field).toBe('url');
      expect(res.body.error.message).toMatch(/Refused to fetch .*(loopback|link-local|private)/);
    }
    const list = await t.api('GET', '/api/v1/knowledge', { token: key });
    expect(list.body.data).toEqual([]);
  });
});

describe('hybrid retrieval with an embedding model', () => {
  let t: TestApp;
  let key: string;
  let model: ScriptedModelServer;
  // Concepts the test's embedder knows: a text's vector says which of them it speaks about.
  const CONCEPTS: Array<[RegExp, number]> = [
    [/van|truck|recogni[sz]e|uniform|marked|badge/i, 0],
    [/price|cost|\$/i, 1],
    [/parking|park/i, 2],
  ];
  const conceptEmbedder = (text: string): number[] => {
    const v = [0.05, 0.05, 0.05, 0.05];
    for (const [re, i] of CONCEPTS) if (re.test(text)) v[i] = 1;
    return v;
  };

  beforeAll(async () => {
    model = await startScriptedModelServer();
    t = await startTestApp({ env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true', ALLOW_PRIVATE_MODEL_URLS: 'true' } });
    key = (await t.createWorkspace()).apiKey;
  });
  afterAll(async () => {
    await t?.close();
    await model?.close();
  });

  it('embeds chunks in a background job, re-embeds an edit, and ranks by BM25 and meaning together', async () => {
    model.setEmbedder(conceptEmbedder);
    const entries = [
      { title: 'Arrival', content: 'Our technicians arrive in a white van with the Acme logo and wear a photo badge.' },
      { title: 'Prices', content: 'A diagnostic visit is $89. Repairs are quoted before work starts.' },
      { title: 'Parking', content: 'Please leave room in the driveway.' },
    ];
    for (const body of entries) expect((await t.api('POST', '/api/v1/knowledge', { token: key, body })).status).toBe(201);

    // builtin: no embeddings, no job
    expect(model.embeddingRequests).toEqual([]);
    const put = await t.api('PUT', '/api/v1/agent', {
      token: key,
      body: { enabled: true, model: { provider: 'openai-compatible', name: 'scripted-1', baseUrl: model.url, apiKey: 'sk-test', embeddingModel: 'scripted-embed' } },
    });
    expect(put.status).toBe(200);
    expect(put.body.model.embeddingModel).toBe('scripted-embed');
    await t.drainJobs();
    expect(model.embeddingRequests).toHaveLength(1);
    expect(model.embeddingRequests[0]).toMatchObject({ model: 'scripted-embed' });
    expect(model.embeddingRequests[0]!.input).toHaveLength(3);
    const list = await t.api('GET', '/api/v1/knowledge', { token: key });
    for (const e of list.body.data) {
      const chunks = await t.api('GET', `/api/v1/knowledge/${e.id}/chunks`, { token: key });
      expect(chunks.body.data.every((c: { embedded: boolean }) => c.embedded)).toBe(true);
    }

    // "how will I recognise your guys" shares no word with the arrival entry: BM25 alone misses
    // it, the embedding finds it, and the model is shown that passage.
    model.script({ text: 'Look for our white van and the photo badge.' });
    const chat = await t.api('POST', '/api/v1/agent/test', { token: key, body: { messages: [{ role: 'contact', text: 'how will I recognise your guys?' }] } });
    expect(chat.status).toBe(200);
    const prompt = model.requests[0]!.system;
    expect(prompt).toContain('white van');
    const knowledge = prompt.slice(prompt.indexOf('# Knowledge'));
    expect(knowledge.indexOf('## Arrival')).toBeGreaterThan(-1);

    // an edit re-embeds only the edited entry's chunks, in the background
    const arrival = list.body.data.find((e: { title: string }) => e.title === 'Parking');
    model.embeddingRequests.length = 0;
    await t.api('PATCH', `/api/v1/knowledge/${arrival.id}`, { token: key, body: { content: 'Free parking is on the street in front of the house.' } });
    await t.drainJobs();
    expect(model.embeddingRequests.map((r) => r.input.length)).toEqual([1]);
    expect(model.embeddingRequests[0]!.input[0]).toContain('Free parking');
  });

  it('falls back to BM25 when embedding the question fails: the reply is never blocked', async () => {
    model.reset();
    model.setEmbedder(conceptEmbedder);
    model.failEmbeddings(503);
    model.script({ text: 'A diagnostic visit is $89.' });
    const chat = await t.api('POST', '/api/v1/agent/test', { token: key, body: { messages: [{ role: 'contact', text: 'what is the price of a diagnostic visit?' }] } });
    expect(chat.status).toBe(200);
    expect(model.embeddingRequests).toHaveLength(1);
    expect(model.requests[0]!.system).toContain('A diagnostic visit is $89.');
  });
});
