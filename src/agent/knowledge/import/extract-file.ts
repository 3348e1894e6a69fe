/**
 * An uploaded file's text, by type: PDF (pdf.js, Mozilla's PDF reader, legacy Node build), DOCX
 * (mammoth, to HTML so headings, lists and tables survive, then the same DOM walk as web pages),
 * Markdown and plain text as they are, and CSV price lists (csv-parse) as a markdown table the
 * chunker keeps whole and the responder reads row by row.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { badRequest } from '../../../errors.js';
import { htmlNodeToText } from './html-to-text.js';

export const FILE_TYPES = ['pdf', 'docx', 'md', 'txt', 'csv'] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** The file type from its name's extension, or null when it is not one we read. */
export function fileTypeOf(fileName: string): FileType | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'markdown') return 'md';
  if (ext === 'text') return 'txt';
  return (FILE_TYPES as readonly string[]).includes(ext ?? '') ? (ext as FileType) : null;
}

export async function extractFileText(type: FileType, bytes: Uint8Array): Promise<string> {
  switch (type) {
    case 'pdf':
      return extractPdf(bytes);
    case 'docx':
      return extractDocx(bytes);
    case 'csv':
      return csvToTable(decodeText(bytes));
    case 'md':
    case 'txt':
      return decodeText(bytes);
  }
}

function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

async function extractPdf(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  } catch {
    throw badRequest('The file is not a PDF this server can read.', 'file');
  }
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str;
      if (item.hasEOL) text += '\n';
    }
    pages.push(text.replace(/[ \t]+\n/g, '\n').trim());
  }
  await doc.destroy();
  return pages.filter((p) => p !== '').join('\n\n');
}

async function extractDocx(bytes: Uint8Array): Promise<string> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch {
    throw badRequest('The file is not a Word document (.docx) this server can read.', 'file');
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return htmlNodeToText(document.body as never);
}

/** A CSV price list as a markdown table, its first row the header. */
function csvToTable(text: string): string {
  let rows: string[][];
  try {
    rows = parseCsv(text, { skip_empty_lines: true, relax_column_count: true, trim: true, bom: true }) as string[][];
  } catch (err) {
    throw badRequest(`The CSV file could not be read: ${(err as Error).message}`, 'file');
  }
  rows = rows.filter((r) => r.some((c) => c !== ''));
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((r) => r.length));
  const line = (r: string[]): string => `| ${Array.from({ length: width }, (_, i) => (r[i] ?? '').replace(/\|/g, '/')).join(' | ')} |`;
  const [header, ...body] = rows as [string[], ...string[][]];
  return [line(header), `| ${Array.from({ length: width }, () => '---').join(' | ')} |`, ...body.map(line)].join('\n');
}
