/**
 * Notes about a contact, for the team only (never texted): who they are, what was quoted.
 */
import { useRef, useState } from 'react';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useResource } from '../hooks';
import type { Page } from '../types';
import { ErrorNotice } from './Feedback';
import { FormError, TextArea } from './Field';
import { Section } from './Layout';

interface Note {
  id: string;
  body: string;
  author: { name: string } | null;
  createdAt: string;
}

export function ContactNotes({ contactId }: { contactId: string }) {
  const notes = useResource((signal) => api.get<Page<Note>>(`/api/v1/contacts/${encodeURIComponent(contactId)}/notes`, { signal }), [contactId]);
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <Section title="Notes" description="For your team only; never texted.">
      {notes.error ? <ErrorNotice error={notes.error} onRetry={notes.reload} /> : null}
      {notes.data && notes.data.data.length ? (
        <ul className="note-list">
          {notes.data.data.map((n) => (
            <li key={n.id}>
              <p>{n.body}</p>
              <p className="muted small">
                {n.author?.name ?? 'API'} · {formatDateTime(n.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        ref={formRef}
        noValidate
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            await api.post(`/api/v1/contacts/${encodeURIComponent(contactId)}/notes`, { body });
            setBody('');
            void notes.reload();
          } catch (err) {
            setError(err);
          }
        }}
      >
        <TextArea label="Add a note" name="body" rows={2} value={body} onChange={(e) => setBody(e.target.value)} error={error} />
        <FormError error={error} formRef={formRef} />
        <div>
          <button type="submit" className="button button-small" disabled={!body.trim()}>
            Save note
          </button>
        </div>
      </form>
    </Section>
  );
}
