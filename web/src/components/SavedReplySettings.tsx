/**
 * Settings › Saved replies: the team's ready answers, with merge fields filled per conversation
 * when inserted in the inbox's reply box.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useResource } from '../hooks';
import type { Page } from '../types';
import { ErrorNotice } from './Feedback';
import { FormError, TextArea, TextField } from './Field';
import { Section } from './Layout';

interface SavedReply {
  id: string;
  title: string;
  body: string;
}

export function SavedReplySettings() {
  const list = useResource((signal) => api.get<Page<SavedReply>>('/api/v1/saved-replies', { signal }), []);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post('/api/v1/saved-replies', { title, body });
      setTitle('');
      setBody('');
      void list.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Section title="Saved replies" description="Answers your team sends often. In the inbox, pick one to put it in the reply box; you check it before sending.">
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.data && list.data.data.length ? (
        <ul className="note-list">
          {list.data.data.map((r) => (
            <li key={r.id}>
              <strong>{r.title}</strong>
              <p className="muted">{r.body}</p>
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={async () => {
                  await api.del(`/api/v1/saved-replies/${encodeURIComponent(r.id)}`);
                  void list.reload();
                }}
              >
                Delete “{r.title}”
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form ref={formRef} onSubmit={add} noValidate className="stack">
        <TextField label="Title" name="title" value={title} onChange={(e) => setTitle(e.target.value)} error={error} />
        <TextArea
          label="Message"
          name="body"
          rows={3}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          error={error}
          help="Merge fields: {{contact.first_name|there}}, {{contact.name}}, {{business.name}}, {{number.name}}."
        />
        <FormError error={error} formRef={formRef} />
        <div>
          <button type="submit" className="button" disabled={!title.trim() || !body.trim()}>
            Add saved reply
          </button>
        </div>
      </form>
    </Section>
  );
}
