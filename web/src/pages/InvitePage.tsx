/**
 * Accepting an invite: the link an owner shared (/invite?token=…) opens this page; the new member
 * picks a name and password and lands in the workspace.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { useResource } from '../hooks';
import { AuthLayout } from '../components/AuthLayout';
import { FormError, TextField } from '../components/Field';
import { Notice } from '../components/Feedback';
import { navigate } from '../router';
import { rememberWorkspace, useSession } from '../session';
import type { Session } from '../types';

interface InvitePreview {
  businessName: string;
  invitedBy: string | null;
  email: string;
  role: 'owner' | 'member';
}

export function InvitePage({ token }: { token: string }) {
  const { state, signedIn, refresh, signOut } = useSession();
  const current = state.status === 'signed-in' ? state.session.user : null;
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const preview = useResource(
    (signal) => (token ? api.get<InvitePreview>(`/api/v1/invites/preview?token=${encodeURIComponent(token)}`, { signal, noWorkspace: true }) : Promise.resolve(null)),
    [token],
  );
  const p = preview.data;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Signed in already: join with this account (the server checks the invite is for its email).
      const body = current ? { token } : { token, name, password };
      const result = await api.post<Partial<Session>>('/api/v1/invites/accept', body, { noWorkspace: true });
      if (result && result.csrfToken && result.workspaces && result.user) {
        signedIn(result as Session);
        // The workspace just joined: the one that was not in the list before.
        const before = new Set(state.status === 'signed-in' ? state.session.workspaces.map((w) => w.id) : []);
        const ws = result.workspaces.find((w) => !before.has(w.id)) ?? result.workspaces[0];
        if (ws) rememberWorkspace(ws.id);
        navigate(ws ? `/w/${encodeURIComponent(ws.id)}` : '/', { replace: true });
      } else {
        await refresh();
        navigate('/login', { replace: true });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title={p ? `Join ${p.businessName} on Textback` : 'Join your team on Textback'}
      intro={
        p ? (
          <p>
            {p.invitedBy ? <strong>{p.invitedBy}</strong> : 'An owner'} invited <strong>{p.email}</strong> to {p.businessName} as {p.role === 'owner' ? 'an owner' : 'a team member'}. Choose your name and a password to finish.
          </p>
        ) : (
          <p>You've been invited to a workspace. Choose your name and a password to finish.</p>
        )
      }
    >
      {preview.error ? <Notice kind="error">{errorMessage(preview.error)}</Notice> : null}
      {!token ? (
        <Notice kind="error">This invite link is incomplete. Open the full link you were sent, or ask for a new invite.</Notice>
      ) : current ? (
        <form ref={formRef} onSubmit={submit} noValidate className="stack">
          <p>
            You're signed in as <strong>{current.name || current.email}</strong> ({current.email}). Join with this account?
          </p>
          <FormError error={error} formRef={formRef} />
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? 'Joining…' : 'Join workspace'}
          </button>
          <button type="button" className="button button-quiet button-block" onClick={() => void signOut()}>
            Not you? Sign out
          </button>
        </form>
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate className="stack">
          <TextField label="Your name" name="name" autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} error={error} />
          <TextField
            label="Choose a password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={error}
            help="At least 10 characters."
          />
          <FormError error={error} formRef={formRef} />
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? 'Joining…' : 'Join workspace'}
          </button>
        </form>
      )}
    </AuthLayout>
  );
}
