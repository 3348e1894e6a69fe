import { describe, it, expect } from 'vitest';
import { MERGE_FIELDS, findTemplateProblems, renderTemplate, type TemplateContext } from './message-template.js';

const known: TemplateContext = {
  business: { name: 'Acme Plumbing' },
  contact: { name: 'Jordan  Lee' },
  number: { name: 'Sales line' },
};
const stranger: TemplateContext = { business: { name: 'Acme Plumbing' }, contact: { name: null }, number: {} };

describe('renderTemplate', () => {
  it('fills every field', () => {
    expect(
      renderTemplate('Hi {{contact.first_name}} ({{contact.name}}), {{business.name}} {{number.name}} here.', known),
    ).toBe('Hi Jordan (Jordan Lee), Acme Plumbing Sales line here.');
  });

  it('tolerates whitespace and case inside the braces', () => {
    expect(renderTemplate('Hi {{ contact.first_name }} from {{  Business.Name }}', known)).toBe(
      'Hi Jordan from Acme Plumbing',
    );
  });

  it('uses the fallback only when the value is empty', () => {
    const t = 'Hi {{contact.first_name|there}}!';
    expect(renderTemplate(t, known)).toBe('Hi Jordan!');
    expect(renderTemplate(t, stranger)).toBe('Hi there!');
    expect(renderTemplate('Hi {{ contact.first_name | valued customer }}!', stranger)).toBe('Hi valued customer!');
  });

  it('treats a blank name as no name', () => {
    expect(renderTemplate('Hi {{contact.first_name|there}}', { ...stranger, contact: { name: '   ' } })).toBe(
      'Hi there',
    );
  });

  it.each([
    ['Hi {{contact.first_name}}, sorry we missed your call.', 'Hi, sorry we missed your call.'],
    ['Hi {{contact.first_name}}! Sorry we missed you.', 'Hi! Sorry we missed you.'],
    ['Thanks {{contact.name}}', 'Thanks'],
    ['Thanks {{contact.name}}\nAcme', 'Thanks\nAcme'],
    ['{{contact.first_name}} we missed your call', 'we missed your call'],
    ['Dear {{contact.first_name}} {{contact.name}}, hello', 'Dear, hello'],
    ['Dear {{contact.name}} customer', 'Dear customer'],
    ['Hi{{contact.first_name}}, hello', 'Hi, hello'],
    ['Hi {{contact.first_name|}}, ok', 'Hi, ok'],
  ])('an empty field without fallback collapses: %j', (template, expected) => {
    expect(renderTemplate(template, stranger)).toBe(expected);
  });

  it('keeps the author’s own spacing away from empty fields', () => {
    expect(renderTemplate('A  B {{contact.name}}, C', stranger)).toBe('A  B, C');
  });

  it('renders unknown fields as their fallback or nothing, and leaves unbalanced braces alone', () => {
    expect(renderTemplate('Hi {{contact.nickname|friend}}, {{foo}} ok', known)).toBe('Hi friend, ok');
    expect(renderTemplate('Hi {{contact.name', known)).toBe('Hi {{contact.name');
  });
});

describe('findTemplateProblems', () => {
  it('accepts a good template', () => {
    expect(findTemplateProblems('Hi {{contact.first_name|there}}, {{ business.name }} here. {{number.name}}')).toEqual(
      [],
    );
    expect(findTemplateProblems('No fields at all.')).toEqual([]);
  });

  it('reports unknown and empty fields', () => {
    const problems = findTemplateProblems('Hi {{contact.firstName}} {{ }} {{appointment.time|soon}}');
    expect(problems.map((p) => p.field)).toEqual(['contact.firstName', undefined, 'appointment.time']);
    expect(problems[0]?.message).toMatch(/Unknown merge field/);
    expect(problems[1]?.message).toMatch(/Empty merge field/);
  });

  it('reports unbalanced braces', () => {
    expect(findTemplateProblems('Hi {{contact.name, welcome')).toEqual([
      { message: expect.stringMatching(/never closes/) },
    ]);
    expect(findTemplateProblems('Hi contact.name}}')).toEqual([{ message: expect.stringMatching(/never opened/) }]);
  });

  it('reports single-brace fields', () => {
    const problems = findTemplateProblems('Hi {contact.first_name}, from {{business.name}}');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('contact.first_name');
  });
});

describe('MERGE_FIELDS', () => {
  it('lists the four contract fields with a description and a sample', () => {
    expect(MERGE_FIELDS.map((f) => f.key)).toEqual(['business.name', 'contact.first_name', 'contact.name', 'number.name']);
    for (const f of MERGE_FIELDS) {
      expect(f.token).toBe(`{{${f.key}}}`);
      expect(f.description.length).toBeGreaterThan(10);
      expect(f.sample.length).toBeGreaterThan(0);
      expect(findTemplateProblems(f.token)).toEqual([]);
    }
  });

  it('renders the samples in a preview', () => {
    const sample = Object.fromEntries(MERGE_FIELDS.map((f) => [f.key, f.sample]));
    const ctx: TemplateContext = {
      business: { name: sample['business.name'] ?? '' },
      contact: { name: sample['contact.name'] ?? null },
      number: { name: sample['number.name'] ?? null },
    };
    expect(renderTemplate('{{contact.first_name}}', ctx)).toBe(sample['contact.first_name']);
  });
});
