/**
 * A DOM → plain text walk that keeps the structure the chunker and the responder read: headings as
 * markdown "#" lines, list items as "- " lines, table rows as "| a | b |" lines, paragraphs apart.
 * It walks a parsed DOM (linkedom), so markup, scripts and entities are the parser's business.
 */

/** The minimal DOM node surface used here (linkedom's and the browser's nodes both have it). */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'NAV', 'FOOTER', 'FORM', 'BUTTON', 'IFRAME']);
const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'ASIDE', 'BLOCKQUOTE', 'PRE', 'DL', 'DT', 'DD', 'FIGURE', 'FIGCAPTION', 'ADDRESS']);

/** Collapses whitespace inside one line. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text of an element, inline (no structure), as one line. */
function inlineText(node: DomNode): string {
  if (node.nodeType === 3) return node.textContent ?? '';
  if (node.nodeType !== 1 || SKIP.has(node.nodeName.toUpperCase())) return '';
  const name = node.nodeName.toUpperCase();
  if (name === 'BR') return ' ';
  let out = '';
  for (const child of Array.from(node.childNodes)) out += inlineText(child);
  return BLOCK.has(name) || name === 'LI' || name === 'TD' || name === 'TH' ? ` ${out} ` : out;
}

/** The structured text of `root` (an element or document body). */
export function htmlNodeToText(root: DomNode): string {
  const lines: string[] = [];
  let paragraph = '';
  const flush = (): void => {
    const text = inline(paragraph);
    if (text !== '') lines.push(text, '');
    paragraph = '';
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      paragraph += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    const heading = /^H([1-6])$/.exec(name);
    if (heading) {
      flush();
      const text = inline(inlineText(node));
      if (text !== '') lines.push(`${'#'.repeat(Number(heading[1]))} ${text}`, '');
      return;
    }
    if (name === 'LI') {
      flush();
      const text = inline(inlineText(node));
      if (text !== '') lines.push(`- ${text}`);
      return;
    }
    if (name === 'UL' || name === 'OL') {
      flush();
      for (const child of Array.from(node.childNodes)) walk(child);
      lines.push('');
      return;
    }
    if (name === 'TR') {
      flush();
      const cells = Array.from(node.childNodes)
        .filter((c) => c.nodeType === 1 && /^T[DH]$/i.test(c.nodeName))
        .map((c) => inline(inlineText(c)).replace(/\|/g, '/'));
      if (cells.some((c) => c !== '')) {
        lines.push(`| ${cells.join(' | ')} |`);
        // a header row is followed by the markdown separator, so the table reads as one with a header
        if (Array.from(node.childNodes).some((c) => c.nodeType === 1 && c.nodeName.toUpperCase() === 'TH')) {
          lines.push(`| ${cells.map(() => '---').join(' | ')} |`);
        }
      }
      return;
    }
    if (name === 'TABLE') {
      flush();
      for (const child of Array.from(node.childNodes)) walk(child);
      lines.push('');
      return;
    }
    if (name === 'BR') {
      paragraph += '\n';
      flush();
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
