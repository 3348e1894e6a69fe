/**
 * A web page's main text: linkedom parses the HTML, Mozilla Readability (Firefox's reader view)
 * picks the article and drops navigation, footers and ads; the article is then walked into
 * structured text (headings, lists, tables kept). A page Readability finds no article in (a short
 * contact page) falls back to the whole body without its navigation.
 */
import { Readability } from '@mozilla/readability';
import { DOMParser, parseHTML } from 'linkedom';
import { htmlNodeToText } from './html-to-text.js';

export interface ExtractedDocument {
  title: string;
  text: string;
}

export function extractWebPage(html: string, url: string): ExtractedDocument {
  const { document } = parseHTML(html);
  const pageTitle = (document.querySelector('title')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const h1 = (document.querySelector('h1')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  // Readability mutates the document it reads: give it its own parse
  const article = new Readability(parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  let text = '';
  if (article?.content) {
    const { document: articleDoc } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    text = htmlNodeToText(articleDoc.body as never);
  }
  if (text.trim().length < 80 && document.body) text = htmlNodeToText(document.body as never);
  const title = article?.title?.trim() || pageTitle || h1 || new URL(url).hostname;
  return { title: title.slice(0, 200), text };
}

/** The page URLs of a sitemap (`<urlset><url><loc>`) or the child sitemaps of a sitemap index. */
export function parseSitemap(xml: string): { pages: string[]; sitemaps: string[] } {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const locs = (selector: string): string[] =>
    Array.from(document.querySelectorAll(selector) as ArrayLike<{ textContent: string | null }>)
      .map((el) => (el.textContent ?? '').trim())
      .filter((u) => /^https?:\/\//i.test(u));
  return { pages: locs('url > loc'), sitemaps: locs('sitemap > loc') };
}
