/**
 * Sign in with email and password. Wrong credentials and the rate limit are said plainly.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { FormError, TextField } from '../components/Field';
import { Notice } from '../components/Feedback';
import { navigate } from '../router';
import { useSession } from '../session';
import type { Session } from '../types';

export function LoginPage({ next, expired }: { next: string | null; expired: boolean }) {
  const { signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<Session>('/api/v1/auth/login', { email, password }, { noWorkspace: true });
      signedIn(session);
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_credentials') {
        setError(new ApiError(401, err.code, 'That email and password do not match an account. Check both and try again.', 'password'));
      } else if (err instanceof ApiError && err.status === 429) {
        setError(new ApiError(429, err.code, err.message || 'Too many attempts. Wait a few minutes, then try again.'));
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Sign in" intro={<p>Sign in to see your missed calls, texts and the AI agent's conversations.</p>}>
      {expired ? <Notice kind="info">Your session ended. Sign in again to continue.</Notice> : null}
      <form ref={formRef} onSubmit={submit} noValidate className="stack">
        <TextField label="Email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} error={error} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={error} />
        <FormError error={error} formRef={formRef} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <ForgotPassword initialEmail={email} />
    </AuthLayout>
  );
}

/** "Forgot your password?": a reset link by email when the server can send email; otherwise who can help. */
function ForgotPassword({ initialEmail }: { initialEmail: string }) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState(initialEmail);
  const [state, setState] = useState<'idle' | 'sent' | 'busy'>('idle');
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  if (!open) {
    return (
      <p className="muted small">
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          Forgot your password?
        </button>
      </p>
    );
  }
  if (state === 'sent') return <Notice kind="success">If {email} has an account, a link to choose a new password is on its way. It works once, for one hour.</Notice>;
  return (
    <form
      ref={formRef}
      noValidate
      className="stack"
      onSubmit={async (e) => {
        e.preventDefault();
        setState('busy');
        setError(null);
        try {
          await api.post('/api/v1/auth/password-reset', { email }, { noWorkspace: true });
          setState('sent');
        } catch (err) {
          setError(err);
          setState('idle');
        }
      }}
    >
      <TextField label="Your email" name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={error} />
      <FormError error={error} formRef={formRef} />
      <button type="submit" className="button button-block" disabled={state === 'busy' || !email.trim()}>
        Email me a reset link
      </button>
    </form>
  );
}

/** /reset-password?token=…: choose a new password from the emailed link. */
export function ResetPasswordPage({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <AuthLayout title="Choose a new password" intro={<p>After this, you are signed out everywhere; sign in with the new password.</p>}>
      {done ? (
        <Notice kind="success" title="Password changed.">
          <a href="/login">Sign in</a> with your new password.
        </Notice>
      ) : (
        <form
          ref={formRef}
          noValidate
          className="stack"
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              await api.post('/api/v1/auth/password-reset/confirm', { token, password }, { noWorkspace: true });
              setDone(true);
            } catch (err) {
              setError(err);
            }
          }}
        >
          <TextField label="New password" name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={error} help="At least 10 characters." />
          <FormError error={error} formRef={formRef} />
          <button type="submit" className="button button-primary button-block" disabled={!password}>
            Save the new password
          </button>
        </form>
      )}
    </AuthLayout>
  );
}
