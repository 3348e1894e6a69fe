/**
 * Turns a zod issue into a sentence a person can act on: the field's label (not its JSON path),
 * what is wrong, and how to fix it — "Message is too long: use at most 1200 characters." This is
 * the one place request validation errors become words, so every route speaks the same way.
 */
import type { z } from 'zod';

/** Labels for the API's field names, as the dashboard shows them. Unknown names are spelled out from camelCase. */
const LABELS: Record<string, string> = {
  accountSid: 'Account SID',
  activeTags: 'Active tags',
  aiEnabled: 'AI on/off',
  apiKey: 'API key',
  assigneeUserId: 'Assigned to',
  authToken: 'Auth token',
  automatedRepliesPerHour: 'Automatic replies per hour',
  baseUrl: 'Base URL',
  body: 'Message',
  businessHours: 'Business hours',
  businessName: 'Business name',
  contactId: 'Contact',
  cooldownMinutes: 'Cooldown',
  currentPassword: 'Current password',
  delaySeconds: 'Delay',
  email: 'Email',
  forwardTo: 'Forward calls to',
  from: 'From',
  greeting: 'Voicemail greeting',
  maxRepliesPerContactPerDay: 'Replies per contact per day',
  message: 'Message',
  missedCallTextBack: 'Missed-call text',
  name: 'Name',
  newPassword: 'New password',
  number: 'Phone number',
  optOutFooter: 'Opt-out footer',
  password: 'Password',
  phone: 'Phone',
  phoneNumberId: 'Phone number',
  quietHours: 'Quiet hours',
  ringTimeoutSeconds: 'Ring time',
  setupToken: 'Setup token',
  sleepMinutesAfterHuman: 'Pause after a staff reply',
  snoozedUntil: 'Snooze until',
  staffNumbers: 'Staff numbers',
  stage: 'Stage',
  stages: 'Pipeline stages',
  systemPrompt: 'Instructions',
  tag: 'Tag',
  tags: 'Tags',
  timezone: 'Time zone',
  title: 'Title',
  to: 'To',
  url: 'URL',
  content: 'Content',
};

/** "cooldownMinutes" → "Cooldown minutes"; list positions become "item 2". */
export function fieldLabel(path: ReadonlyArray<PropertyKey>): string {
  const keys = path.filter((p): p is string => typeof p === 'string');
  const last = keys[keys.length - 1];
  const index = path.length && typeof path[path.length - 1] === 'number' ? (path[path.length - 1] as number) : null;
  const base = last ? (LABELS[last] ?? spell(last)) : 'The request';
  return index !== null ? `${base} (item ${index + 1})` : base;
}

function spell(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const FORMATS: Record<string, string> = {
  email: 'an email address, like name@example.com',
  url: 'a web address, like https://example.com',
  datetime: 'a date and time, like 2026-03-01T09:00:00Z',
  date: 'a date, like 2026-03-01',
  time: 'a time, like 09:30',
  uuid: 'an id',
  regex: 'in the expected format',
};

const TYPES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'on or off (true or false)',
  array: 'a list',
  object: 'a group of settings',
};

function sizeWords(origin: string | undefined, n: number): string {
  if (origin === 'string') return `${n} character${n === 1 ? '' : 's'}`;
  if (origin === 'array' || origin === 'set') return `${n} item${n === 1 ? '' : 's'}`;
  return String(n);
}

/** The person-readable message and the field (dotted path) of one zod issue. */
export function describeIssue(issue: z.core.$ZodIssue): { message: string; field: string | undefined } {
  const i = issue as z.core.$ZodIssue & Record<string, unknown>;
  let path = [...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const keys = (i.keys as string[]) ?? [];
    path = [...path, keys[0] ?? ''];
    const where = issue.path.length ? ` in ${fieldLabel(issue.path)}` : '';
    return {
      field: path.join('.') || undefined,
      message: `${keys.map((k) => `"${k}"`).join(', ')} ${keys.length === 1 ? 'is not a setting' : 'are not settings'}${where}: remove ${keys.length === 1 ? 'it' : 'them'}.`,
    };
  }
  const field = path.map(String).join('.') || undefined;
  const label = fieldLabel(path);
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return { field, message: `${label} is required: fill it in.` };
      if (/received null/.test(issue.message)) return { field, message: `${label} can't be empty: fill it in.` };
      return { field, message: `${label} must be ${TYPES[String(i.expected)] ?? String(i.expected)}.` };
    case 'too_small': {
      const min = Number(i.minimum);
      if (i.origin === 'string' && min <= 1) return { field, message: `${label} is required: fill it in.` };
      if (i.origin === 'array' && min <= 1) return { field, message: `${label} needs at least one item: add one.` };
      if (i.origin === 'string' || i.origin === 'array') return { field, message: `${label} is too short: use at least ${sizeWords(String(i.origin), min)}.` };
      return { field, message: i.inclusive === false ? `${label} is too low: use more than ${min}.` : `${label} is too low: use ${min} or more.` };
    }
    case 'too_big': {
      const max = Number(i.maximum);
      if (i.origin === 'string' || i.origin === 'array') return { field, message: `${label} is too long: use at most ${sizeWords(String(i.origin), max)}.` };
      return { field, message: `${label} is too high: use ${max} or less.` };
    }
    case 'invalid_value': {
      const values = ((i.values as unknown[]) ?? []).map((v) => `"${String(v)}"`);
      return { field, message: values.length === 1 ? `${label} must be ${values[0]}.` : `${label} must be one of ${values.join(', ')}.` };
    }
    case 'invalid_format':
      return { field, message: `${label} must be ${FORMATS[String(i.format)] ?? 'in the expected format'}.` };
    case 'not_multiple_of':
      return { field, message: `${label} must be a multiple of ${String(i.divisor)}.` };
    case 'invalid_union':
      return { field, message: `${label} is not in a form we accept: check it against the documentation.` };
    default: {
      // Our own refinements already say what is wrong in words ("must be…", "appears twice…").
      const text = issue.message.trim();
      if (/^[a-z]/.test(text)) return { field, message: `${label} ${text}${/[.!?]$/.test(text) ? '' : '.'}` };
      const sentence = /[.!?]$/.test(text) ? text : `${text}.`;
      return { field, message: field && !text.startsWith(label) ? `${label}: ${sentence}` : sentence };
    }
  }
}
