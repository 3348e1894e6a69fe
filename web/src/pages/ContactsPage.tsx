/**
 * Contacts: search by name or number, filter by tag, see each contact's tags, stage and whether
 * they can be texted, and add a contact by hand.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api, qs } from '../api';
import { Badge, PracticeBadge } from '../components/Badge';
import { EmptyState, ErrorNotice, Loading } from '../components/Feedback';
import { FormError, TextField } from '../components/Field';
import { PageHeader, Section } from '../components/Layout';
import { contactLabel, formatDateTime, formatPhone } from '../format';
import { useDebounced, useLiveRefresh, useResource, useTitle } from '../hooks';
import { Link, navigate, useLocation } from '../router';
import { useWorkspace } from '../session';
import type { Contact, Page } from '../types';
import { ContactImport } from '../components/ContactImport';

function AddContactForm({ onAdded }: { onAdded: (c: Contact) => void }) {
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onAdded(await api.post<Contact>('/api/v1/contacts', { phone: phone.trim(), name: name.trim() || null }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={formRef} onSubmit={submit} className="form-grid" noValidate>
      <TextField label="Phone number" name="phone" inputMode="tel" placeholder="+15550107777" required value={phone} onChange={(e) => setPhone(e.target.value)} error={error} />
      <TextField label="Name" name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={error} />
      <FormError error={error} formRef={formRef} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add contact'}
        </button>
      </div>
    </form>
  );
}

export function ContactsPage() {
  const { base, workspace } = useWorkspace();
  const { search } = useLocation();
  useTitle('Contacts');
  const [q, setQ] = useState(search.get('q') ?? '');
  const [tag, setTag] = useState(search.get('tag') ?? '');
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const dq = useDebounced(q.trim(), 250);
  const dtag = useDebounced(tag.trim(), 250);
  const contacts = useResource((signal) => api.get<Page<Contact>>(`/api/v1/contacts${qs({ q: dq, tag: dtag, limit: 100 })}`, { signal }), [dq, dtag]);
  useLiveRefresh(workspace.id, (e) => !e || e.type === 'contact', () => void contacts.reload());

  return (
    <>
      <PageHeader
        title="Contacts"
        description="Everyone who called or texted you. A caller becomes a contact on their first call or text."
        actions={
          <div className="header-actions">
            <a className="button" href={`/api/v1/contacts/export.csv?workspaceId=${encodeURIComponent(workspace.id)}`} download>
              Export CSV
            </a>
            <button type="button" className="button" aria-expanded={importing} onClick={() => setImporting((a) => !a)}>
              {importing ? 'Close import' : 'Import CSV'}
            </button>
            <button type="button" className="button button-primary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
              {adding ? 'Close' : 'Add a contact'}
            </button>
          </div>
        }
      />
      {importing ? (
        <Section title="Import contacts from a CSV file">
          <ContactImport onImported={() => void contacts.reload()} />
        </Section>
      ) : null}
      {adding ? (
        <Section title="Add a contact">
          <AddContactForm onAdded={(c) => navigate(`${base}/contacts/${encodeURIComponent(c.id)}`)} />
        </Section>
      ) : null}
      <div className="filters" role="search">
        <TextField label="Search" name="q" type="search" placeholder="Name or phone number" value={q} onChange={(e) => setQ(e.target.value)} />
        <TextField label="Tag" name="tag" placeholder="Any tag" value={tag} onChange={(e) => setTag(e.target.value)} />
      </div>
      {contacts.error ? <ErrorNotice error={contacts.error} onRetry={contacts.reload} /> : null}
      {!contacts.data && !contacts.error ? <Loading /> : null}
      {contacts.data && contacts.data.data.length === 0 ? (
        <EmptyState title={dq || dtag ? 'No contacts match' : 'No contacts yet'}>{dq || dtag ? <p>Try another name, number or tag.</p> : <p>Callers and texters appear here automatically.</p>}</EmptyState>
      ) : null}
      {contacts.data && contacts.data.data.length > 0 ? (
        <div className="table-wrap">
          <table className="responsive-table">
            <caption className="visually-hidden">Contacts</caption>
            <thead>
              <tr>
                <th scope="col">Contact</th>
                <th scope="col">Tags</th>
                <th scope="col">Stage</th>
                <th scope="col">Texting</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {contacts.data.data.map((c) => (
                <tr key={c.id}>
                  <td data-label="Contact">
                    <div>
                      <Link to={`${base}/contacts/${encodeURIComponent(c.id)}`} className="strong-link">
                        {contactLabel(c)}
                      </Link>
                      {c.practice ? <> <PracticeBadge /></> : null}
                      {c.name ? <div className="muted small">{formatPhone(c.phone)}</div> : null}
                    </div>
                  </td>
                  <td data-label="Tags">
                    <div className="badge-row">{c.tags.length ? c.tags.map((t) => <Badge key={t}>{t}</Badge>) : <span className="muted">—</span>}</div>
                  </td>
                  <td data-label="Stage">
                    <div>{c.stage ?? <span className="muted">—</span>}</div>
                  </td>
                  <td data-label="Texting">
                    <div>{c.optedOut ? <Badge tone="bad">Opted out</Badge> : !c.textable ? <Badge tone="warn">Can't receive texts</Badge> : <Badge tone="good">OK</Badge>}</div>
                  </td>
                  <td data-label="Added">
                    <div>{formatDateTime(c.createdAt)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
