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
      <p className="muted small">Forgot your password? Ask an owner of your workspace to invite you again, or the operator to reset it.</p>
    </AuthLayout>
  );
}
