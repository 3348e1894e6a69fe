/**
 * Phone numbers: every number of the workspace with its text-back state, a way to add a sandbox
 * (practice) number, and the way to Twilio.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { Badge } from '../components/Badge';
import { EmptyState, ErrorNotice, Loading } from '../components/Feedback';
import { FormError, SelectField, TextField } from '../components/Field';
import { PageHeader, Section } from '../components/Layout';
import { formatMinutes, formatPhone } from '../format';
import { useResource, useTitle } from '../hooks';
import { Link, navigate } from '../router';
import { useWorkspace } from '../session';
import type { Page, PhoneNumber } from '../types';

export function carrierLabel(carrier: string): string {
  if (carrier === 'sandbox') return 'Sandbox';
  if (carrier === 'twilio') return 'Twilio';
  if (carrier === 'signalwire') return 'SignalWire';
  if (carrier === 'telnyx') return 'Telnyx';
  return carrier;
}

function AddNumberForm({ onAdded }: { onAdded: (n: PhoneNumber) => void }) {
  const [number, setNumber] = useState('');
  const [name, setName] = useState('');
  const [carrier, setCarrier] = useState<'sandbox' | 'twilio'>('sandbox');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<PhoneNumber>('/api/v1/phone-numbers', { number: number.trim(), name: name.trim(), carrier });
      setNumber('');
      setName('');
      onAdded(created);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} className="form-grid" noValidate>
      <TextField
        label="Phone number"
        name="number"
        inputMode="tel"
        placeholder="+15550100002"
        required
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        error={error}
        help="In international form, starting with + and the country code."
      />
      <TextField label="Name" name="name" placeholder="Sales line" value={name} onChange={(e) => setName(e.target.value)} error={error} help="So your team knows which line a call came in on." />
      <SelectField
        label="Carrier"
        name="carrier"
        value={carrier}
        onChange={(e) => setCarrier(e.target.value as 'sandbox' | 'twilio')}
        error={error}
        help={carrier === 'sandbox' ? 'A practice number for the phone simulator: no real calls or texts.' : 'Prefer “Connect Twilio”: it imports the number and sets its webhooks for you.'}
      >
        <option value="sandbox">Sandbox (practice)</option>
        <option value="twilio">Twilio (set webhooks yourself)</option>
      </SelectField>
      <FormError error={error} formRef={formRef} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add number'}
        </button>
      </div>
    </form>
  );
}

export function NumbersPage() {
  const { base } = useWorkspace();
  useTitle('Phone numbers');
  const numbers = useResource((signal) => api.get<Page<PhoneNumber>>('/api/v1/phone-numbers?limit=200', { signal }), []);
  const [adding, setAdding] = useState(false);

  return (
    <>
      <PageHeader
        title="Phone numbers"
        description="Each number has its own call forwarding, voicemail and missed-call text."
        actions={
          <>
            <Link to={`${base}/twilio`} className="button">
              Connect Twilio
            </Link>
            <Link to={`${base}/signalwire`} className="button">
              Connect SignalWire
            </Link>
            <Link to={`${base}/telnyx`} className="button">
              Connect Telnyx
            </Link>
            <button type="button" className="button button-primary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
              {adding ? 'Close' : 'Add a number'}
            </button>
          </>
        }
      />
      {adding ? (
        <Section title="Add a number">
          <AddNumberForm
            onAdded={(n) => {
              setAdding(false);
              navigate(`${base}/numbers/${encodeURIComponent(n.id)}`);
            }}
          />
        </Section>
      ) : null}
      {numbers.error ? <ErrorNotice error={numbers.error} onRetry={numbers.reload} /> : null}
      {!numbers.data && !numbers.error ? <Loading /> : null}
      {numbers.data && numbers.data.data.length === 0 ? (
        <EmptyState title="No phone numbers yet">
          <p>Connect your Twilio account to import your business numbers, or add a sandbox number to practice with the phone simulator.</p>
        </EmptyState>
      ) : null}
      {numbers.data && numbers.data.data.length > 0 ? (
        <ul className="card-list" aria-label="Phone numbers">
          {numbers.data.data.map((n) => (
            <li key={n.id} className="card number-card">
              <div className="number-card-main">
                <h2 className="number-title">
                  <Link to={`${base}/numbers/${encodeURIComponent(n.id)}`}>{n.name || formatPhone(n.number)}</Link>
                </h2>
                <p className="muted">
                  {formatPhone(n.number)} · {carrierLabel(n.carrier)}
                </p>
              </div>
              <dl className="facts">
                <div>
                  <dt>Missed-call text</dt>
                  <dd>
                    {n.missedCallTextBack.enabled ? <Badge tone="good">On</Badge> : <Badge>Off</Badge>}
                    {n.missedCallTextBack.enabled ? <span className="muted small"> once per caller every {formatMinutes(n.missedCallTextBack.cooldownMinutes)}</span> : null}
                  </dd>
                </div>
                <div>
                  <dt>Rings</dt>
                  <dd>
                    {n.mode === 'forwarded'
                      ? 'Forwarded line: your own line rings first'
                      : n.forwardTo.length
                        ? n.forwardTo.map(formatPhone).join(', ')
                        : 'Straight to voicemail'}
                  </dd>
                </div>
                <div>
                  <dt>Voicemail</dt>
                  <dd>{n.voicemail.enabled ? 'On' : 'Off'}</dd>
                </div>
              </dl>
              <Link to={`${base}/numbers/${encodeURIComponent(n.id)}`} className="button button-small" aria-label={`Set up ${n.name || formatPhone(n.number)}`}>
                Set up
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
