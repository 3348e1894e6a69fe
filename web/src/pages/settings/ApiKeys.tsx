/**
 * Settings (owners): the workspace's API keys. A new key is shown once; revoking one stops it at once.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { CopyField } from '../../components/CopyButton';
import { EmptyState, ErrorNotice, Notice } from '../../components/Feedback';
import { FormError, TextField } from '../../components/Field';
import { Section } from '../../components/Layout';
import { formatDateTime } from '../../format';
import { useResource } from '../../hooks';
import type { ApiKey, CreatedApiKey } from '../../types';

export function ApiKeys() {
  const keys = useResource((signal) => api.get<{ data: ApiKey[] }>('/api/v1/api-keys', { signal }), []);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await api.post<CreatedApiKey>('/api/v1/api-keys', { name: name.trim() }));
      setName('');
      await keys.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (k: ApiKey) => {
    if (!window.confirm(`Revoke “${k.name}”? Anything using it stops working at once.`)) return;
    setError(null);
    try {
      await api.del(`/api/v1/api-keys/${encodeURIComponent(k.id)}`);
      await keys.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Section title="API keys" description="For integrations and scripts: a key acts on this workspace through the same API the dashboard uses (Authorization: Bearer …).">
      {keys.error ? <ErrorNotice error={keys.error} onRetry={keys.reload} /> : null}
      {keys.data && keys.data.data.length === 0 ? <EmptyState title="No API keys" /> : null}
      {keys.data && keys.data.data.length > 0 ? (
        <ul className="member-list" aria-label="API keys">
          {keys.data.data.map((k) => (
            <li key={k.id}>
              <div>
                <strong>{k.name}</strong>
                <div className="muted small">
                  <code>{k.prefix}…</code> · created {formatDateTime(k.createdAt)} · {k.lastUsedAt ? `last used ${formatDateTime(k.lastUsedAt)}` : 'never used'}
                </div>
              </div>
              <button type="button" className="button button-small button-quiet" onClick={() => revoke(k)} aria-label={`Revoke ${k.name}`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form ref={formRef} onSubmit={create} noValidate className="form-grid">
        <TextField label="New key name" name="name" placeholder="Zapier" value={name} onChange={(e) => setName(e.target.value)} error={error} />
        <FormError error={error} formRef={formRef} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !name.trim()}>
            {busy ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
      {created?.apiKey ? (
        <Notice kind="success" title={`Key “${created.name}” created. Copy it now: it is shown only once.`}>
          <CopyField id="new-api-key" label="API key" value={created.apiKey} />
        </Notice>
      ) : null}
    </Section>
  );
}
