/**
 * Merging a duplicate into the contact on screen: pick it (from the suggestions, or by searching),
 * see exactly what would move and which number replies will go to, choose the name to keep, then
 * confirm. The server does it in one transaction; nothing changes before the confirm.
 */
import { useRef, useState } from 'react';
import { api, qs } from '../api';
import { contactLabel, formatPhone } from '../format';
import { useDebounced, useResource } from '../hooks';
import type { Contact, ContactDetail, Page } from '../types';
import { Badge } from './Badge';
import { ErrorNotice, Loading, Notice } from './Feedback';
import { FormError, TextField } from './Field';
import { Section } from './Layout';

interface Suggestion {
  contact: Contact;
  reason: string;
}

interface MergePreview {
  into: ContactDetail;
  from: ContactDetail;
  result: { name: string | null; phone: string; otherPhones: { phone: string; optedOut: boolean }[]; tags: string[]; stage: string | null };
  moves: { conversationsMoved: number; conversationsJoined: number; messages: number; calls: number; notes: number; workflowRuns: number };
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function ContactMerge({ contact, onMerged }: { contact: Contact; onMerged: () => void }) {
  const [picked, setPicked] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const q = useDebounced(search.trim(), 250);
  const suggestions = useResource((signal) => api.get<{ data: Suggestion[] }>(`/api/v1/contacts/${encodeURIComponent(contact.id)}/duplicates`, { signal }), [contact.id, done]);
  const found = useResource(
    (signal) => (q ? api.get<Page<Contact>>(`/api/v1/contacts${qs({ q, limit: 8 })}`, { signal }) : Promise.resolve(null)),
    [q, done],
  );
  const others = (found.data?.data ?? []).filter((c) => c.id !== contact.id);

  return (
    <Section title="Merge a duplicate" description="The same person under two contacts (another phone, or imported twice)? Merge the duplicate into this one.">
      {done ? <Notice kind="success">{done}</Notice> : null}
      {picked ? (
        <MergeReview
          key={picked}
          intoId={contact.id}
          fromId={picked}
          onCancel={() => setPicked(null)}
          onMerged={(message) => {
            setPicked(null);
            setSearch('');
            setDone(message);
            onMerged();
          }}
        />
      ) : (
        <div className="stack">
          {suggestions.error ? <ErrorNotice error={suggestions.error} /> : null}
          {suggestions.data && suggestions.data.data.length ? (
            <>
              <h3>Possible duplicates</h3>
              <ul className="plain-list">
                {suggestions.data.data.map((s) => (
                  <li key={s.contact.id} className="row-between">
                    <span>
                      {contactLabel(s.contact)} <span className="muted small">· {formatPhone(s.contact.phone)} · {s.reason}</span>
                    </span>
                    <button type="button" className="button button-small" onClick={() => setPicked(s.contact.id)}>
                      Review merge
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <TextField label="Find the duplicate" name="mergeSearch" type="search" placeholder="Name or phone" autoComplete="off" value={search} onChange={(e) => setSearch(e.target.value)} />
          {q && found.data && others.length === 0 ? <p className="muted small">No other contact matches “{q}”.</p> : null}
          {others.length ? (
            <ul className="plain-list" aria-label="Matching contacts">
              {others.map((c) => (
                <li key={c.id} className="row-between">
                  <span>
                    {contactLabel(c)} <span className="muted small">· {formatPhone(c.phone)}</span>
                  </span>
                  <button type="button" className="button button-small" onClick={() => setPicked(c.id)}>
                    Review merge
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </Section>
  );
}

function MergeReview({ intoId, fromId, onCancel, onMerged }: { intoId: string; fromId: string; onCancel: () => void; onMerged: (message: string) => void }) {
  const preview = useResource((signal) => api.get<MergePreview>(`/api/v1/contacts/${encodeURIComponent(intoId)}/merge-preview${qs({ from: fromId })}`, { signal }), [intoId, fromId]);
  const [nameChoice, setNameChoice] = useState<'into' | 'from'>('into');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  if (preview.error) return <ErrorNotice error={preview.error} onRetry={preview.reload} />;
  if (!preview.data) return <Loading label="Working out what would move…" />;
  const p = preview.data;
  const names = { into: p.into.name, from: p.from.name };
  const askName = !!names.into && !!names.from && names.into !== names.from;
  const keptName = askName ? names[nameChoice] : p.result.name;
  const conversations = p.moves.conversationsMoved + p.moves.conversationsJoined;

  return (
    <form
      ref={formRef}
      className="stack merge-review"
      aria-label="Review the merge"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await api.post(`/api/v1/contacts/${encodeURIComponent(intoId)}/merge`, { from: fromId, name: keptName });
          onMerged(`Merged ${contactLabel(p.from)} into this contact.`);
        } catch (err) {
          setError(err);
          setBusy(false);
        }
      }}
    >
      <p>
        Merge <strong>{contactLabel(p.from)}</strong> ({formatPhone(p.from.phone)}) into this contact. The duplicate is then deleted; this cannot be undone.
      </p>
      {askName ? (
        <fieldset>
          <legend>Name to keep</legend>
          <div className="stack">
            {(['into', 'from'] as const).map((k) => (
              <label key={k} className="radio-card">
                <input type="radio" name="mergeName" value={k} checked={nameChoice === k} onChange={() => setNameChoice(k)} />
                <span>{names[k]}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <h3>What moves here</h3>
      <ul className="merge-moves">
        <li>
          {count(conversations, 'conversation', 'conversations')}
          {p.moves.conversationsJoined ? ` (${p.moves.conversationsJoined} joined into the thread you already have on the same number)` : ''}
        </li>
        <li>{count(p.moves.messages, 'message', 'messages')}</li>
        <li>{count(p.moves.calls, 'call', 'calls')}</li>
        <li>{count(p.moves.notes, 'note', 'notes')}</li>
        {p.moves.workflowRuns ? <li>{count(p.moves.workflowRuns, 'workflow run', 'workflow runs')}</li> : null}
        <li>Tags afterwards: {p.result.tags.length ? p.result.tags.join(', ') : 'none'}</li>
      </ul>
      <h3>Phone numbers afterwards</h3>
      <ul className="merge-moves">
        <li>
          {formatPhone(p.result.phone)} <Badge tone="accent">Replies go here</Badge>
          <div className="muted small">The number they last called or texted from. Whenever they reach you from another of their numbers, replies follow.</div>
        </li>
        {p.result.otherPhones.map((o) => (
          <li key={o.phone}>
            {formatPhone(o.phone)} {o.optedOut ? <Badge tone="bad">Opted out</Badge> : null}
          </li>
        ))}
      </ul>
      {p.result.otherPhones.some((o) => o.optedOut) || p.into.optedOut || p.from.optedOut ? (
        <p className="muted small">Each number keeps its own opt-out: an opted-out number stays opted out and is never texted.</p>
      ) : null}
      <FormError error={error} formRef={formRef} />
      <div className="save-bar-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Merging…' : 'Merge into this contact'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
