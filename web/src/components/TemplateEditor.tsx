/**
 * The editor for a text a business writes once and Textback sends many times (the missed-call
 * text-back, a workflow's text): merge-field buttons, a live preview for a sample contact, the
 * character and SMS-segment count with its encoding, and the server's own template checks plus
 * best-practice hints. It uses the very functions the server renders and counts with
 * (src/domain/message-template.ts, src/domain/sms-segments.ts), so the preview is what is sent.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { findTemplateProblems, MERGE_FIELDS, renderTemplate } from '../../../src/domain/message-template.js';
import { countSegments } from '../../../src/domain/sms-segments.js';
import { fieldError } from './Field';

export interface TemplateHints {
  /** Warn when the text does not name the business. */
  businessName?: boolean;
  /** Warn when the text does not invite a reply. */
  inviteReply?: boolean;
  /** Warn above this many segments. */
  maxSegments?: number;
}

interface TemplateEditorProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  businessName: string;
  numberName?: string;
  /** The workspace's opt-out footer, appended to automated texts when on. */
  footer?: { enabled: boolean; text: string } | null;
  hints?: TemplateHints;
  help?: string;
  error?: unknown;
  rows?: number;
  disabled?: boolean;
}

export interface TemplateCheck {
  rendered: string;
  segments: ReturnType<typeof countSegments>;
  problems: string[];
  warnings: string[];
}

const INVITES_REPLY = /\?|\breply\b|\brespond\b|\btext (us|me|back|here)\b|\btext us back\b|\bwrite back\b|\blet us know\b/i;

/** Renders and checks a template the way the editor shows it; exported for tests and other views. */
export function checkTemplate(
  template: string,
  opts: { businessName: string; numberName?: string; contactName: string | null; footer?: { enabled: boolean; text: string } | null; hints?: TemplateHints },
): TemplateCheck {
  const body = renderTemplate(template, {
    business: { name: opts.businessName },
    contact: { name: opts.contactName },
    number: { name: opts.numberName ?? '' },
  });
  const rendered = opts.footer?.enabled && opts.footer.text.trim() ? `${body} ${opts.footer.text.trim()}` : body;
  const segments = countSegments(rendered);
  const problems = findTemplateProblems(template).map((p) => p.message);
  const warnings: string[] = [];
  const hints = opts.hints ?? {};
  if (template.trim()) {
    if (hints.businessName) {
      const namesBusiness = /\{\{\s*business\.name/i.test(template) || (opts.businessName.trim() !== '' && template.toLowerCase().includes(opts.businessName.trim().toLowerCase()));
      if (!namesBusiness) {
        warnings.push('Say who you are: callers may not recognize your number. Add your business name, e.g. with {{business.name}}.');
      }
    }
    const max = hints.maxSegments ?? 0;
    if (max > 0 && segments.segments > max) {
      warnings.push(`This text is ${segments.segments} SMS segments long. Keep it to one or two short sentences (${max} segments at most): long texts cost more and get skimmed.`);
    }
    if (hints.inviteReply && !INVITES_REPLY.test(body)) {
      warnings.push('Invite a reply: ask a question or say something like “Reply here”, so callers know they can text back and get an answer.');
    }
  }
  return { rendered, segments, problems, warnings };
}

export function TemplateEditor({ label, name, value, onChange, businessName, numberName, footer, hints, help, error, rows = 4, disabled }: TemplateEditorProps) {
  const id = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [knownContact, setKnownContact] = useState(true);
  const sample = MERGE_FIELDS.find((f) => f.key === 'contact.name')?.sample ?? 'Jordan Lee';
  const check = useMemo(
    () => checkTemplate(value, { businessName, numberName, contactName: knownContact ? sample : null, footer, hints }),
    [value, businessName, numberName, knownContact, sample, footer, hints],
  );
  const serverError = fieldError(error, name);

  const insert = (token: string) => {
    const el = textareaRef.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const before = value.slice(0, start);
    const needsSpace = before !== '' && !/\s$/.test(before);
    const text = `${needsSpace ? ' ' : ''}${token}`;
    onChange(before + text + value.slice(end));
    window.requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      const pos = start + text.length;
      el.setSelectionRange(pos, pos);
    });
  };

  const { segments } = check;
  const countText = `${segments.characters} characters · ${segments.segments} SMS ${segments.segments === 1 ? 'segment' : 'segments'} · ${segments.encoding}`;

  return (
    <div className={`template-editor${serverError || check.problems.length ? ' field-invalid' : ''}`}>
      <div className="template-grid">
        <div className="field">
          <label htmlFor={`${id}-text`}>{label}</label>
          <textarea
            id={`${id}-text`}
            ref={textareaRef}
            name={name}
            rows={rows}
            value={value}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={serverError || check.problems.length ? true : undefined}
            aria-describedby={`${id}-count ${help ? `${id}-help` : ''} ${check.problems.length || serverError ? `${id}-problems` : ''}`.trim()}
          />
          {help ? (
            <p className="field-help" id={`${id}-help`}>
              {help}
            </p>
          ) : null}
          <div className="merge-fields" role="group" aria-label="Insert a merge field">
            <span className="merge-fields-label" aria-hidden="true">
              Insert:
            </span>
            {MERGE_FIELDS.map((f) => (
              <button
                key={f.key}
                type="button"
                className="chip-button"
                disabled={disabled}
                title={f.description}
                onClick={() => insert(f.key === 'contact.first_name' ? '{{contact.first_name|there}}' : f.token)}
              >
                {f.key === 'business.name' ? 'Business name' : f.key === 'contact.first_name' ? 'First name' : f.key === 'contact.name' ? 'Full name' : 'Number name'}
              </button>
            ))}
          </div>
          <p className="segment-count" id={`${id}-count`}>
            {countText}
            {segments.encoding === 'UCS-2' ? (
              <span className="segment-note">
                {' '}
                — {segments.unicodeCharacters.length ? `“${segments.unicodeCharacters.join(' ')}”` : 'a character'} is outside the standard SMS alphabet, so each segment holds 70
                characters instead of 160.
              </span>
            ) : null}
          </p>
          {check.problems.length || serverError ? (
            <ul className="problems" id={`${id}-problems`}>
              {serverError ? <li>{serverError}</li> : null}
              {check.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          {check.warnings.length ? (
            <ul className="hints" aria-label="Suggestions">
              {check.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="preview">
          <div className="preview-head">
            <span className="preview-title" id={`${id}-preview-title`}>
              Preview
            </span>
            <div className="segmented" role="radiogroup" aria-label="Preview for">
              <label>
                <input type="radio" name={`${id}-who`} checked={knownContact} onChange={() => setKnownContact(true)} />
                <span>{sample}</span>
              </label>
              <label>
                <input type="radio" name={`${id}-who`} checked={!knownContact} onChange={() => setKnownContact(false)} />
                <span>Unknown caller</span>
              </label>
            </div>
          </div>
          <div className="phone-preview" aria-labelledby={`${id}-preview-title`}>
            <div className="bubble bubble-in preview-bubble" data-testid="template-preview">
              {check.rendered || <span className="muted">Your text appears here.</span>}
            </div>
          </div>
          {footer?.enabled ? <p className="field-help">Includes your opt-out footer (Settings).</p> : null}
        </div>
      </div>
    </div>
  );
}
