/**
 * Tables as owners paste them — markdown with or without outer bars, tab-separated from a
 * spreadsheet, or comma-separated lines — read into cells, and a row said as a sentence with its
 * column names ("Returning patient exam and cleaning: $129.", "Half sheet: Serves 48, Price
 * $120."), so a reply never carries a bar, a tab or a bare list of values.
 */
import { stripMarkdown } from '../guardrails/fit-sms.js';

/** The cells of a table row ("| a | b |", "a | b", or tab-separated), or null for any other line. */
export function tableCells(line: string): string[] | null {
  const t = line.trim();
  const cells = (parts: string[]): string[] | null => (parts.length >= 2 ? parts.map((c) => stripMarkdown(c.trim())) : null);
  if (/^\|.*\|$/.test(t) && t.length >= 3) return cells(t.slice(1, -1).split('|'));
  // a row pasted from a spreadsheet ("Haircut<TAB>$35") or markdown without the outer bars
  // ("Haircut | $35", "---|---")
  if (t.includes('\t')) return cells(t.split(/\t+/));
  if (/\S\s*\|\s*\S/.test(t) && (/ \| /.test(t) || /^[\s:|-]+$/.test(t))) return cells(t.split('|'));
  return null;
}

/** Whether a row's cells are a markdown separator ("|---|:--:|"). */
export function isSeparatorRow(cells: readonly string[]): boolean {
  return cells.every((c) => /^:?-+:?$/.test(c) || c === '') && cells.some((c) => c.includes('-'));
}

/**
 * A table row as a sentence: "Gutter cleaning: $149." for two columns; with more, each value
 * after the first is named by its column ("Haircut: Price $35, Time 30 min.").
 */
export function tableRowSentence(cells: readonly string[], header: readonly string[] | null): string {
  const [first, ...rest] = cells;
  // an empty, dash or "n/a" cell says "not offered": it is left out, never read as "Cats -"
  const values = rest.map((v, i) => ({ v, h: header?.[i + 1] ?? '' })).filter((x) => !/^(?:|[-\u2013\u2014]+|n\/?a)$/i.test(x.v.trim()));
  if (first === undefined || first === '') return '';
  if (values.length === 0) return withPeriod(first);
  // one value of a two-column row needs no name; of a wider row it does ("DHPP: Dogs $35.")
  if (values.length === 1 && (rest.length === 1 || !values[0]?.h)) return withPeriod(`${first}: ${values[0]?.v}`);
  if (values.length === 1) return withPeriod(`${first}: ${named(values[0]?.h ?? '', values[0]?.v ?? '')}`);
  // a value that is itself a list ("Brake adjustment, tire pressure") needs a stronger separator
  const separator = values.some((x) => x.v.includes(',')) ? '; ' : ', ';
  return withPeriod(`${first}: ${values.map((x) => named(x.h, x.v)).join(separator)}`);
}

/** A value with its column's name: "Price $79", "Serves 48"; a value in words takes a colon ("What's included: Brake adjustment"). */
function named(header: string, value: string): string {
  if (header === '') return value;
  return /^[\s\p{Sc}\d(+~<>-]/u.test(value) || value.split(/\s+/).length <= 2 ? `${header} ${value}` : `${header}: ${value}`;
}

/**
 * The comma-separated fields of a line, a quoted field ("Wash, dry, fold") kept whole; null for a
 * line with no comma outside quotes.
 */
export function commaFields(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      fields.push(field.trim());
      field = '';
    } else field += ch;
  }
  fields.push(field.trim());
  return fields.length >= 2 ? fields : null;
}

/**
 * Which of `lines` (one paragraph's, in order) form comma-separated tables: runs of three or more
 * lines with the same number of fields, none ending like a sentence, most rows after the first
 * holding a figure (a price list, not prose that happens to use commas: "Tree removal, irrigation,
 * and hardscaping."). Returns, per line, its fields and the header of its table, or null.
 */
export function commaTables(lines: readonly string[]): Array<{ cells: string[]; header: string[] | null; isHeader: boolean } | null> {
  const out: Array<{ cells: string[]; header: string[] | null; isHeader: boolean } | null> = lines.map(() => null);
  const fieldsOf = lines.map((l) => (/[.!?:;]$/.test(l.trim()) || /^(?:[-*+#>\u2022]|\d+[.)])\s/.test(l.trim()) ? null : commaFields(l)));
  let start = 0;
  while (start < lines.length) {
    const width = fieldsOf[start]?.length;
    let end = start + 1;
    if (width === undefined) {
      start = end;
      continue;
    }
    while (end < lines.length && fieldsOf[end]?.length === width) end++;
    const run = fieldsOf.slice(start, end) as string[][];
    const hasHeader = looksLikeHeader(run[0] ?? []);
    const rows = hasHeader ? run.slice(1) : run;
    const figures = rows.filter((r) => /\d/.test(r.slice(1).join(' '))).length;
    if (run.length >= 3 && figures * 2 >= rows.length && rows.every((r) => r.every((c) => c.split(/\s+/).length <= 12))) {
      const header = hasHeader ? (run[0] as string[]) : null;
      run.forEach((cells, i) => {
        out[start + i] = { cells, header, isHeader: hasHeader && i === 0 };
      });
    }
    start = end;
  }
  return out;
}

/**
 * Whether a table's first row names its columns: no cell is a figure ("$35", "£35", "30", "4+") — a
 * column name may hold one inside ("Monthly (4 lessons)").
 */
export function looksLikeHeader(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((c) => !/^[\s(]*[\p{Sc}\d]/u.test(c));
}

/** A unit ends like a sentence: "Snow plowing (residential only)." gets its period, "…$45." keeps its own. */
export function withPeriod(text: string): string {
  const t = text.trim();
  return /[.!?:]["')\]]*$/.test(t) ? t : `${t}.`;
}
