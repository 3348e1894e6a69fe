/**
 * First run: the link the server prints on its first start (/setup?token=…) opens this page. The
 * owner creates their account and the first workspace; the server adds a sandbox number, a sample
 * knowledge base and the builtin AI agent, so the phone simulator works straight away.
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { FormError, SelectField, TextField } from '../components/Field';
import { Notice } from '../components/Feedback';
import { navigate } from '../router';
import { rememberWorkspace, useSession } from '../session';
import type { Session } from '../types';
import { timeZones } from '../time-zones';

export function SetupPage({ token: tokenFromUrl, needsSetup }: { token: string; needsSetup: boolean }) {
  const { signedIn } = useSession();
  const zones = useMemo(() => timeZones(), []);
  const guessedZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/Chicago', []);
  const [setupToken, setSetupToken] = useState(tokenFromUrl);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [businessName, setBusinessName] = useState('');
  const [workspaceName, setWorkspaceName] = useState('');
  const [timezone, setTimezone] = useState(zones.includes(guessedZone) ? guessedZone : 'America/Chicago');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);

  if (!needsSetup) {
    return (
      <AuthLayout title="Already set up">
        <p>This Textback installation already has an owner. Sign in instead, or ask an owner to invite you.</p>
        <button type="button" className="button button-primary" onClick={() => navigate('/login')}>
          Go to sign in
        </button>
      </AuthLayout>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<Session>(
        '/api/v1/setup',
        {
          setupToken: setupToken.trim(),
          email,
          password,
          name,
          workspace: { name: workspaceName.trim() || businessName, businessName, timezone },
        },
        { noWorkspace: true },
      );
      signedIn(session);
      const ws = session.workspaces[0];
      if (ws) {
        rememberWorkspace(ws.id);
        navigate(`/w/${encodeURIComponent(ws.id)}?welcome=1`, { replace: true });
      } else navigate('/', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      wide
      title="Set up Textback"
      intro={
        <p>
          Create the owner account and your business's workspace. We'll add a practice phone number, sample answers for the AI
          agent and a phone simulator, so you can try a missed call right away without a Twilio account.
        </p>
      }
    >
      <form ref={formRef} onSubmit={submit} noValidate className="stack">
        {tokenFromUrl ? null : (
          <>
            <Notice kind="info">
              Open the setup link printed by the server when it first started, or paste the setup token from it here.
            </Notice>
            <TextField label="Setup token" name="setupToken" required value={setupToken} onChange={(e) => setSetupToken(e.target.value)} error={error} autoComplete="off" />
          </>
        )}
        <fieldset>
          <legend>Your account</legend>
          <TextField label="Your name" name="name" autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} error={error} />
          <TextField label="Email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} error={error} />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={error}
            help="At least 10 characters. A short sentence is easy to remember and hard to guess."
          />
        </fieldset>
        <fieldset>
          <legend>Your business</legend>
          <TextField
            label="Business name"
            name="workspace.businessName"
            required
            value={businessName}
            onChange={(e) => setBusinessName(e.target.value)}
            error={error}
            help="As your customers know it. It goes into your texts, e.g. “Sorry we missed your call at Acme Plumbing”."
          />
          <TextField
            label="Workspace name (optional)"
            name="workspace.name"
            value={workspaceName}
            onChange={(e) => setWorkspaceName(e.target.value)}
            error={error}
            help="For you and your team, e.g. a location. Leave empty to use the business name."
          />
          <SelectField label="Time zone" name="workspace.timezone" value={timezone} onChange={(e) => setTimezone(e.target.value)} error={error} help="Used for business hours and the overview's days.">
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </SelectField>
        </fieldset>
        <FormError error={error} formRef={formRef} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Setting up…' : 'Create my workspace'}
        </button>
      </form>
    </AuthLayout>
  );
}
