/**
 * Merge-field templates for texts a business writes once and Textback sends many times (the
 * missed-call text-back, workflow `send_sms` bodies). Fields are `{{business.name}}`,
 * `{{contact.first_name}}`, `{{contact.name}}` and `{{number.name}}`, each with an optional
 * fallback after a bar: `{{contact.first_name|there}}`. Most callers are strangers with no name on
 * file, so an empty field must read naturally: "Hi {{contact.first_name}}, …" becomes "Hi, …",
 * not "Hi , …".
 */

/** A merge field's key as written between the braces. */
export type MergeFieldKey = 'business.name' | 'contact.first_name' | 'contact.name' | 'number.name';

/** What a template is rendered against. Missing names render as the fallback, or as nothing. */
export interface TemplateContext {
  business: { name: string };
  contact: { name?: string | null };
  number: { name?: string | null };
}

/** A merge field for editors and previews: its key, the token to insert, what it means, a sample value. */
export interface MergeFieldInfo {
  key: MergeFieldKey;
  token: string;
  description: string;
  sample: string;
}

/** The merge fields a template may use, in the order the dashboard lists them. */
export const MERGE_FIELDS: readonly MergeFieldInfo[] = Object.freeze([
  {
    key: 'business.name',
    token: '{{business.name}}',
    description: "The workspace's business name, as customers know it.",
    sample: 'Acme Plumbing',
  },
  {
    key: 'contact.first_name',
    token: '{{contact.first_name}}',
    description: "The first word of the contact's name; empty for an unknown caller, so give a fallback: {{contact.first_name|there}}.",
    sample: 'Jordan',
  },
  {
    key: 'contact.name',
    token: '{{contact.name}}',
    description: "The contact's full name; empty for an unknown caller.",
    sample: 'Jordan Lee',
  },
  {
    key: 'number.name',
    token: '{{number.name}}',
    description: 'The name of the Textback number that was called or texted (e.g. "Sales line").',
    sample: 'Sales line',
  },
] satisfies MergeFieldInfo[]);

const KNOWN = new Set<string>(MERGE_FIELDS.map((f) => f.key));

// `{{ key }}` or `{{ key | fallback }}`; no braces inside. Keys are matched case-insensitively so a
// stray capital does not silently blank a field.
const FIELD = /\{\{([^{}|]*)(?:\|([^{}]*))?\}\}/g;

/** Collapse runs of whitespace (a name typed with a newline or double space) into one space. */
function clean(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

function valueOf(key: string, ctx: TemplateContext): string {
  switch (key) {
    case 'business.name':
      return clean(ctx.business.name);
    case 'contact.name':
      return clean(ctx.contact.name);
    case 'contact.first_name':
      return clean(ctx.contact.name).split(' ')[0] ?? '';
    case 'number.name':
      return clean(ctx.number.name);
    default:
      return '';
  }
}

// Marks where a field rendered empty, so the spacing around just those spots can be repaired
// without touching the author's own spacing elsewhere. A control character no template contains.
const HOLE = '\u0000';

/**
 * Render a template. Unknown fields render as their fallback or as nothing (never as raw braces
 * sent to a customer; findTemplateProblems catches them when the template is saved). Unbalanced
 * braces are left as written.
 */
export function renderTemplate(template: string, ctx: TemplateContext): string {
  const filled = template.replace(FIELD, (_m, rawKey: string, rawFallback: string | undefined) => {
    const key = rawKey.trim().toLowerCase();
    const value = KNOWN.has(key) ? valueOf(key, ctx) : '';
    if (value !== '') return value;
    const fallback = clean(rawFallback);
    return fallback !== '' ? fallback : HOLE;
  });
  if (!filled.includes(HOLE)) return filled;

  // One or more adjacent empty fields with the spaces around them.
  const run = /([ \t]*)\u0000(?:[ \t]*\u0000)*([ \t]*)/g;
  return filled.replace(run, (_m, lead: string, trail: string, offset: number, whole: string) => {
    const before = offset === 0 ? '' : (whole[offset - 1] ?? '');
    const after = whole[offset + _m.length] ?? '';
    // "Hi {{x}}, …" → "Hi, …"; "Thanks {{x}}" → "Thanks"; "Hi {{x}}!" → "Hi!"
    if (after === '' || after === '\n' || after === '\r' || /[,.!?;:)\]]/.test(after)) return '';
    // "{{x}} hello" at the start of the text or a line → "hello"
    if (before === '' || before === '\n' || before === '\r' || before === '(' || before === '[') return '';
    // "Dear {{x}} Smith" → "Dear Smith"
    if (lead !== '' && trail !== '') return ' ';
    return lead + trail;
  });
}

/** A problem found in a template: the field concerned, if any, and a sentence for the editor. */
export interface TemplateProblem {
  field?: string;
  message: string;
}

/**
 * Problems that would make a template render wrongly: unknown or empty merge fields, `{{` or `}}`
 * without a partner, and merge fields written with single braces (`{contact.name}`), which would
 * otherwise be sent literally. An empty array means the template is fine.
 */
export function findTemplateProblems(template: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const known = MERGE_FIELDS.map((f) => f.token).join(', ');
  for (const m of template.matchAll(FIELD)) {
    const key = (m[1] ?? '').trim();
    if (key === '') {
      problems.push({ message: `Empty merge field "${m[0]}". Known fields: ${known}.` });
    } else if (!KNOWN.has(key.toLowerCase())) {
      problems.push({ field: key, message: `Unknown merge field "{{${key}}}". Known fields: ${known}.` });
    }
  }
  const rest = template.replace(FIELD, ' ');
  if (rest.includes('{{')) {
    problems.push({ message: 'A merge field opens with "{{" but never closes with "}}".' });
  }
  if (rest.includes('}}')) {
    problems.push({ message: 'A "}}" closes a merge field that never opened with "{{".' });
  }
  for (const m of rest.matchAll(/(?<!\{)\{\s*([a-z]+\.[a-z_]+)\s*(?:\|[^{}]*)?\}(?!\})/gi)) {
    const key = m[1] ?? '';
    problems.push({
      field: key,
      message: `"${m[0]}" has single braces and would be sent as written; merge fields use double braces: {{${key}}}.`,
    });
  }
  return problems;
}
