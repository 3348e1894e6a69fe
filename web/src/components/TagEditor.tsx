/**
 * A contact's tags as removable chips, and a small form to add one. Each change is saved at once
 * (POST/DELETE on the contact's tags) and the new contact comes back from the caller.
 */
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api';
import type { Contact } from '../types';
import { fieldError } from './Field';

export function TagEditor({ contact, onChange, suggestions = [] }: { contact: Contact; onChange: (c: Contact) => void; suggestions?: string[] }) {
  const id = useId();
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const value = tag.trim();
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await api.post<Contact>(`/api/v1/contacts/${encodeURIComponent(contact.id)}/tags`, { tag: value });
      setTag('');
      onChange(updated);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (t: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.del(`/api/v1/contacts/${encodeURIComponent(contact.id)}/tags/${encodeURIComponent(t)}`);
      onChange({ ...contact, tags: contact.tags.filter((x) => x !== t) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const message = error ? (fieldError(error, 'tag') ?? (error as Error).message) : null;
  const unused = suggestions.filter((s) => !contact.tags.includes(s));

  return (
    <div className="tag-editor">
      {contact.tags.length ? (
        <ul className="chips" aria-label="Tags">
          {contact.tags.map((t) => (
            <li key={t} className="chip">
              <span>{t}</span>
              <button type="button" className="chip-remove" onClick={() => remove(t)} disabled={busy} aria-label={`Remove tag ${t}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No tags yet.</p>
      )}
      <form className="inline-form" onSubmit={add} noValidate>
        <label htmlFor={`${id}-tag`}>Add a tag</label>
        <div className="inline-form-row">
          <input
            id={`${id}-tag`}
            name="tag"
            value={tag}
            list={unused.length ? `${id}-suggestions` : undefined}
            onChange={(e) => setTag(e.target.value)}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? `${id}-error` : undefined}
            placeholder="e.g. smschat_ai"
          />
          <button type="submit" className="button button-small" disabled={busy || !tag.trim()}>
            Add tag
          </button>
        </div>
        {unused.length ? (
          <datalist id={`${id}-suggestions`}>
            {unused.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        ) : null}
        {message ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {message}
          </p>
        ) : null}
      </form>
    </div>
  );
}
