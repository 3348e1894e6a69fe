/**
 * Sentence splitting for knowledge text and customer texts: at sentence punctuation and line
 * breaks, never after an abbreviation, an initial or inside a decimal. Shared by the chunker, the
 * structure reader and the question splitter.
 */

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'ave', 'blvd', 'rd', 'jr', 'sr', 'inc', 'co', 'corp', 'ltd', 'llc', 'vs',
  'etc', 'approx', 'appt', 'est', 'no', 'nos', 'dept', 'mt', 'ft', 'sq', 'min', 'max', 'hr', 'hrs', 'incl',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * Splits text into sentences: at . ! ? … followed by a space or the end, and at line breaks.
 * Periods after abbreviations ("St.", "approx."), initials ("A.O. Smith") and dotted forms
 * ("e.g.", "a.m.") do not end a sentence; decimals ("$89.50") never had a space to split on.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const rawLine of text.split(/\n+/)) {
    const line = rawLine.trim();
    if (line === '') continue;
    let start = 0;
    for (const match of line.matchAll(/[.!?\u2026]+["'\u201d\u2019)\]]*(?=\s|$)/g)) {
      const end = match.index + match[0].length;
      if (match[0].startsWith('.') && !match[0].startsWith('..')) {
        const before = /(\S+)$/.exec(line.slice(start, match.index))?.[1] ?? '';
        const word = before.replace(/^[("'\u201c\u2018[]+/, '').toLowerCase();
        if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) continue;
      }
      const sentence = line.slice(start, end).trim();
      if (sentence !== '') sentences.push(sentence);
      start = end;
    }
    const rest = line.slice(start).trim();
    if (rest !== '') sentences.push(rest);
  }
  return sentences;
}
