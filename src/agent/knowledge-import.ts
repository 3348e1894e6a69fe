/**
 * Knowledge from the owner's own material: a web page, a sitemap's pages (up to a limit), or an
 * uploaded file (PDF, DOCX, Markdown, plain text, CSV price list). Each page or file becomes one
 * entry that remembers its source, so a page can be re-imported on demand (same entry, new
 * text). A page already imported is refreshed rather than duplicated.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { badRequest } from '../errors.js';
import { WebhookUrlRefusedError } from '../workflows/url-guard.js';
import { addKnowledgeEntry, getKnowledgeEntry, updateKnowledgeEntry, type KnowledgeEntry } from './knowledge-base.js';
import { workspaceEmbeds } from './knowledge-embedding.js';
import { extractFileText, FILE_TYPES, fileTypeOf } from './knowledge/import/extract-file.js';
import { extractWebPage, parseSitemap } from './knowledge/import/extract-web-page.js';
import { fetchPage, PageFetchError, type FetchedPage } from './knowledge/import/fetch-page.js';

export const MAX_ENTRY_CHARS = 100_000;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_SITEMAP_PAGES = 20;
export const MAX_SITEMAP_PAGES = 50;

export const importUrlSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'Give the full address of a web page, starting with http:// or https://' }),
    /** Treat the URL as a sitemap and import its pages. Also detected from the response. */
    sitemap: z.boolean().optional(),
    maxPages: z.number().int().min(1).max(MAX_SITEMAP_PAGES).optional(),
  })
  .strict();

export const importFileSchema = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    /** The file's bytes, base64-encoded. */
    contentBase64: z.string().min(1),
    title: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export interface ImportResult {
  entries: KnowledgeEntry[];
  /** Pages that were not imported, each with the reason in words. */
  skipped: Array<{ url: string; reason: string }>;
}

function guard(ctx: AppContext) {
  return { allowPrivate: ctx.config.allowPrivateWebhookUrls };
}

/** A fetch failure as the owner should read it; refused URLs and bad answers are 400s on `url`. */
function fetchFailure(err: unknown, url: string): Error {
  if (err instanceof WebhookUrlRefusedError) return badRequest(err.message.replace('Refused to call the webhook', `Refused to fetch ${url}`), 'url');
  if (err instanceof PageFetchError) return badRequest(err.message, 'url');
  return badRequest(`Could not fetch ${url}: ${(err as Error).message}`, 'url');
}

function looksLikeSitemap(page: FetchedPage): boolean {
  const head = page.body.subarray(0, 2000).toString('utf8');
  return /xml/.test(page.contentType) && /<(?:urlset|sitemapindex)\b/.test(head);
}

function pageText(page: FetchedPage): { title: string; text: string } {
  const body = page.body.toString('utf8');
  if (/text\/plain|text\/markdown/.test(page.contentType)) return { title: new URL(page.url).pathname.split('/').pop() || new URL(page.url).hostname, text: body };
  if (!/html|xml/.test(page.contentType) && page.contentType !== '') {
    throw new PageFetchError(`${page.url} is not a web page (${page.contentType.split(';')[0]})`);
  }
  return extractWebPage(body, page.url);
}

/** Imports a page, or every page of a sitemap up to `maxPages`. */
export async function importFromUrl(ctx: AppContext, workspaceId: string, input: z.infer<typeof importUrlSchema>): Promise<ImportResult> {
  let first: FetchedPage;
  try {
    first = await fetchPage(input.url, guard(ctx));
  } catch (err) {
    throw fetchFailure(err, input.url);
  }
  const embed = await workspaceEmbeds(ctx, workspaceId);
  if (input.sitemap === true || looksLikeSitemap(first)) {
    return importSitemap(ctx, workspaceId, first, input.maxPages ?? DEFAULT_SITEMAP_PAGES, embed);
  }
  let extracted: { title: string; text: string };
  try {
    extracted = pageText(first);
  } catch (err) {
    throw fetchFailure(err, input.url);
  }
  const { title, text } = extracted;
  const entry = await saveUrlEntry(ctx, workspaceId, input.url, title, text, embed);
  return { entries: [entry], skipped: [] };
}

async function importSitemap(ctx: AppContext, workspaceId: string, sitemap: FetchedPage, maxPages: number, embed: boolean): Promise<ImportResult> {
  const { pages, sitemaps } = parseSitemap(sitemap.body.toString('utf8'));
  let urls = pages;
  // a sitemap index: read its first child sitemaps until there are enough pages
  for (const child of sitemaps) {
    if (urls.length >= maxPages) break;
    try {
      urls = urls.concat(parseSitemap((await fetchPage(child, guard(ctx))).body.toString('utf8')).pages);
    } catch {
      // an unreadable child sitemap just contributes no pages
    }
  }
  if (urls.length === 0) throw badRequest('The sitemap lists no pages (no <url><loc> entries).', 'url');
  const result: ImportResult = { entries: [], skipped: [] };
  const unique = [...new Set(urls)];
  for (const [i, url] of unique.entries()) {
    if (i >= maxPages) {
      result.skipped.push({ url, reason: `over the limit of ${maxPages} pages` });
      continue;
    }
    try {
      const page = await fetchPage(url, guard(ctx));
      const { title, text } = pageText(page);
      result.entries.push(await saveUrlEntry(ctx, workspaceId, url, title, text, embed));
    } catch (err) {
      result.skipped.push({ url, reason: fetchFailure(err, url).message });
    }
  }
  return result;
}

function checkedContent(text: string, where: string, field: string): string {
  const content = text.trim();
  if (content === '') throw badRequest(`${where} has no text to learn from.`, field);
  if (content.length > MAX_ENTRY_CHARS) {
    throw badRequest(`${where} has ${content.length.toLocaleString('en-US')} characters of text; an entry holds at most ${MAX_ENTRY_CHARS.toLocaleString('en-US')}. Split it into smaller files or pages.`, field);
  }
  return content;
}

async function saveUrlEntry(ctx: AppContext, workspaceId: string, url: string, title: string, text: string, embed: boolean): Promise<KnowledgeEntry> {
  const content = checkedContent(text, url, 'url');
  const existing = await ctx.db
    .selectFrom('knowledge_entries')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('source_type', '=', 'url')
    .where('source_url', '=', url)
    .executeTakeFirst();
  if (existing) return updateKnowledgeEntry(ctx, workspaceId, existing.id, { content }, { embed });
  return addKnowledgeEntry(ctx, workspaceId, { title: title.slice(0, 200) || url.slice(0, 200), content }, { source: { type: 'url', url, name: null }, embed });
}

/** Fetches an imported page again and replaces the entry's text (its title stays the owner's). */
export async function reimportEntry(ctx: AppContext, workspaceId: string, id: string): Promise<KnowledgeEntry> {
  const entry = await getKnowledgeEntry(ctx, workspaceId, id);
  if (entry.source.type !== 'url' || entry.source.url === null) throw badRequest('Only an entry imported from a web page can be re-imported.', 'id');
  let page: FetchedPage;
  try {
    page = await fetchPage(entry.source.url, guard(ctx));
  } catch (err) {
    throw fetchFailure(err, entry.source.url);
  }
  let text: string;
  try {
    text = pageText(page).text;
  } catch (err) {
    throw fetchFailure(err, entry.source.url);
  }
  const content = checkedContent(text, entry.source.url, 'url');
  return updateKnowledgeEntry(ctx, workspaceId, id, { content }, { embed: await workspaceEmbeds(ctx, workspaceId) });
}

/** Imports an uploaded file as one entry. */
export async function importFile(ctx: AppContext, workspaceId: string, input: z.infer<typeof importFileSchema>): Promise<KnowledgeEntry> {
  const type = fileTypeOf(input.fileName);
  if (type === null) throw badRequest(`The file name must end in one of: ${FILE_TYPES.map((t) => `.${t}`).join(', ')}.`, 'fileName');
  if (!/^[A-Za-z0-9+/=\s]+$/.test(input.contentBase64)) throw badRequest('The file content must be base64-encoded.', 'contentBase64');
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw badRequest('The file is empty.', 'contentBase64');
  if (bytes.length > MAX_FILE_BYTES) throw badRequest(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`, 'contentBase64');
  const text = await extractFileText(type, bytes);
  const where = type === 'pdf' ? `${input.fileName} (a scanned PDF holds only pictures of text)` : input.fileName;
  const content = checkedContent(text, where, 'contentBase64');
  const title = input.title ?? input.fileName.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ').trim().slice(0, 200) ?? input.fileName;
  return addKnowledgeEntry(ctx, workspaceId, { title: title || input.fileName, content }, {
    source: { type: 'file', url: null, name: input.fileName },
    embed: await workspaceEmbeds(ctx, workspaceId),
  });
}
