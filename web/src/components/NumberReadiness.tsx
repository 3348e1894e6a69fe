/**
 * A carrier number's texting readiness (A2P 10DLC, toll-free verification, reply routing) with the
 * next step in owner words and a link to the carrier's console, and the banner shown while
 * text-back is paused after carriers blocked its texts, with the owner's "I fixed it" button.
 */
import { useState } from 'react';
import { api } from '../api';
import type { PhoneNumber } from '../types';
import { Badge } from './Badge';
import { ErrorNotice, Notice } from './Feedback';
import { Section } from './Layout';

const STATUS = {
  ready: { label: 'Ready to text', tone: 'good' as const },
  action_needed: { label: 'Action needed', tone: 'bad' as const },
  unknown: { label: 'Not confirmed', tone: 'warn' as const },
};

export function PausedBanner({ number, onChanged }: { number: PhoneNumber; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!number.textBackPaused) return null;
  const resume = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/phone-numbers/${encodeURIComponent(number.id)}/resume-texting`);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Notice kind="error" title="Missed-call texts are paused on this number">
      <p>{number.textBackPaused.reason} Every missed call meanwhile is listed with this reason, so you can call those people back.</p>
      <p>Fix the cause at your carrier (see “Ready to text?” below), then resume.</p>
      {error ? <ErrorNotice error={error} /> : null}
      <button type="button" className="button button-primary" onClick={resume} disabled={busy}>
        {busy ? 'Resuming…' : 'I fixed it: resume texting'}
      </button>
    </Notice>
  );
}

export function ReadinessSection({ number, onChanged }: { number: PhoneNumber; onChanged: () => void }) {
  const [busy, setBusy] = useState<'check' | 'fix' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const readiness = number.readiness;
  if (!readiness || number.carrier === 'sandbox') return null;
  const status = STATUS[readiness.status];
  const run = async (what: 'check' | 'fix') => {
    setBusy(what);
    setError(null);
    try {
      await api.post(`/api/v1/phone-numbers/${encodeURIComponent(number.id)}/readiness/${what === 'check' ? 'check' : 'fix-inbound'}`);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const routingBroken = readiness.checks.some((c) => c.id === 'inbound_routing' && !c.ok);
  return (
    <Section title="Ready to text?" description="US carriers block texts from numbers that are not registered. Textback asks your carrier every day.">
      <div className="stack" aria-label="Texting readiness">
        <p>
          <Badge tone={status.tone}>{status.label}</Badge>
          {readiness.checkedAt ? <span className="muted"> · checked {new Date(readiness.checkedAt).toLocaleString()}</span> : null}
        </p>
        <ul className="readiness-checks">
          {readiness.checks.map((c) => (
            <li key={c.id} className={c.ok ? 'readiness-ok' : 'readiness-todo'}>
              <span aria-hidden="true">{c.ok ? '✓ ' : '! '}</span>
              <span className="visually-hidden">{c.ok ? 'Done: ' : 'To do: '}</span>
              {c.message}{' '}
              {c.link && !c.ok ? (
                <a href={c.link} target="_blank" rel="noreferrer noopener">
                  Open in the Twilio Console
                </a>
              ) : null}
            </li>
          ))}
        </ul>
        {error ? <ErrorNotice error={error} /> : null}
        <div className="form-actions">
          {routingBroken ? (
            <button type="button" className="button button-primary" onClick={() => run('fix')} disabled={busy !== null}>
              {busy === 'fix' ? 'Fixing…' : 'Send replies to Textback'}
            </button>
          ) : null}
          <button type="button" className="button" onClick={() => run('check')} disabled={busy !== null}>
            {busy === 'check' ? 'Asking the carrier…' : 'Check again'}
          </button>
        </div>
      </div>
    </Section>
  );
}

/** Deployment problems the owner must fix (PUBLIC_URL the carrier cannot reach). */
export function DeploymentWarnings({ warnings }: { warnings: Array<{ id: string; message: string }> }) {
  if (warnings.length === 0) return null;
  return (
    <Notice kind="warning" title="Your carrier cannot reach this server">
      {warnings.map((w) => (
        <p key={w.id}>{w.message}</p>
      ))}
    </Notice>
  );
}
