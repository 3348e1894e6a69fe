/**
 * Settings: the team. Everyone sees the members; owners also invite (a link shown once), withdraw
 * invites and remove members.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Badge } from '../../components/Badge';
import { CopyButton, CopyField } from '../../components/CopyButton';
import { ErrorNotice, Loading, Notice } from '../../components/Feedback';
import { FormError, SelectField, TextField } from '../../components/Field';
import { Section } from '../../components/Layout';
import { formatDateTime } from '../../format';
import { useResource } from '../../hooks';
import { useSignedIn, useWorkspace } from '../../session';
import type { Invite, Member, Role } from '../../types';

export function Team() {
  const { role } = useWorkspace();
  const session = useSignedIn();
  const isOwner = role === 'owner';
  const members = useResource((signal) => api.get<{ data: Member[] }>('/api/v1/members', { signal }), []);
  const invites = useResource((signal) => (isOwner ? api.get<{ data: Invite[] }>('/api/v1/invites', { signal }) : Promise.resolve({ data: [] as Invite[] })), [isOwner]);
  const [email, setEmail] = useState('');
  const [inviteRole, setInviteRole] = useState<Role>('member');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<(Invite & { inviteUrl: string }) | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const res = await api.post<Invite & { inviteUrl: string }>('/api/v1/invites', { email: email.trim(), role: inviteRole });
      setCreated(res);
      setEmail('');
      await invites.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      await Promise.all([members.reload(), invites.reload()]);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Section title="Team" description={isOwner ? 'Owners manage the team, API keys and Twilio; members handle calls and conversations.' : 'Only owners can invite people.'}>
      {members.error ? <ErrorNotice error={members.error} onRetry={members.reload} /> : null}
      {!members.data && !members.error ? <Loading /> : null}
      {members.data ? (
        <ul className="member-list" aria-label="Members">
          {members.data.data.map((m) => {
            const self = m.email === session.user.email;
            return (
              <li key={m.userId ?? m.email}>
                <div>
                  <strong>{m.name}</strong>
                  {self ? <span className="muted small"> (you)</span> : null}
                  <div className="muted small">{m.email}</div>
                </div>
                <div className="badge-row">
                  <Badge tone={m.role === 'owner' ? 'accent' : 'neutral'}>{m.role === 'owner' ? 'Owner' : 'Member'}</Badge>
                  {isOwner && !self && m.userId ? (
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      aria-label={`Remove ${m.name}`}
                      onClick={() => window.confirm(`Remove ${m.name} from this workspace?`) && act(() => api.del(`/api/v1/members/${encodeURIComponent(m.userId!)}`))}
                    >
                      Remove
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      {isOwner ? (
        <>
          <h3>Invite someone</h3>
          <form ref={formRef} onSubmit={invite} noValidate className="form-grid">
            <TextField label="Email" name="email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={error} />
            <SelectField label="Role" name="role" value={inviteRole} onChange={(e) => setInviteRole(e.target.value as Role)} error={error}>
              <option value="member">Member</option>
              <option value="owner">Owner</option>
            </SelectField>
            <FormError error={error} formRef={formRef} />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy || !email.trim()}>
                {busy ? 'Creating invite…' : 'Create invite link'}
              </button>
            </div>
          </form>
          {created ? (
            <Notice kind="success" title={`Invite for ${created.email} created.`}>
              <p>Send them this link. It works once, for 7 days; Textback does not email it.</p>
              <CopyField id="invite-url" label="Invite link" value={created.inviteUrl} />
            </Notice>
          ) : null}
          {invites.data && invites.data.data.length ? (
            <>
              <h3>Pending invites</h3>
              <ul className="member-list" aria-label="Pending invites">
                {invites.data.data.map((i) => (
                  <li key={i.id}>
                    <div>
                      <strong>{i.email}</strong>
                      <div className="muted small">
                        {i.role === 'owner' ? 'Owner' : 'Member'}
                        {i.expiresAt ? ` · expires ${formatDateTime(i.expiresAt)}` : ''}
                      </div>
                    </div>
                    {i.inviteUrl ? <CopyButton value={i.inviteUrl} label="Copy link" what={`the invite link for ${i.email}`} /> : null}
                    <button type="button" className="button button-small button-quiet" aria-label={`Withdraw the invite for ${i.email}`} onClick={() => act(() => api.del(`/api/v1/invites/${encodeURIComponent(i.id)}`))}>
                      Withdraw
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
