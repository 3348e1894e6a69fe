/**
 * Connect Twilio: save the account SID and auth token (the server checks them with Twilio), list
 * the account's numbers and import one; importing points the number's webhooks at Textback.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { Badge } from '../components/Badge';
import { EmptyState, ErrorNotice, Loading, Notice } from '../components/Feedback';
import { FormError, TextField } from '../components/Field';
import { PageHeader, Section } from '../components/Layout';
import { formatDateTime, formatPhone } from '../format';
import { useResource, useTitle } from '../hooks';
import { Link } from '../router';
import { useWorkspace } from '../session';
import { useCarrierNumbers } from '../use-carrier-numbers';
import type { CarrierAccount, PhoneNumber, TwilioNumber } from '../types';

function CredentialsForm({ current, onSaved }: { current: CarrierAccount | undefined; onSaved: () => void }) {
  const [accountSid, setAccountSid] = useState(current?.accountSid ?? '');
  const [authToken, setAuthToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.put('/api/v1/carriers/twilio', { accountSid: accountSid.trim(), authToken: authToken.trim() });
      setAuthToken('');
      setDone(true);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack">
      <div className="form-grid">
        <TextField
          label="Account SID"
          name="accountSid"
          autoComplete="off"
          spellCheck={false}
          placeholder="AC…"
          required
          value={accountSid}
          onChange={(e) => setAccountSid(e.target.value)}
          error={error}
          help="On your Twilio Console home page, under Account Info."
        />
        <TextField
          label="Auth token"
          name="authToken"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={authToken}
          onChange={(e) => setAuthToken(e.target.value)}
          error={error}
          help={current ? 'Saved and hidden. Enter it again only to change it.' : 'Next to the Account SID. Stored encrypted and never shown again.'}
        />
      </div>
      <FormError error={error} formRef={formRef} />
      {done ? (
        <p className="save-status save-status-ok" role="status">
          Twilio accepted these credentials.
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Checking with Twilio…' : current ? 'Update credentials' : 'Connect'}
        </button>
      </div>
    </form>
  );
}

/**
 * The import question (issue 10): where do calls to this number go? Textback rings the business's
 * phones, or the number receives calls forwarded from the business's existing line. Never "nowhere".
 */
export function ImportQuestion({ number, busy, onImport, onCancel, ringHelp }: { number: TwilioNumber; busy: boolean; onImport: (body: Record<string, unknown>) => void; onCancel: () => void; ringHelp?: string }) {
  const [how, setHow] = useState<'ring' | 'forwarded'>('ring');
  const [phones, setPhones] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (how === 'forwarded') onImport({ sid: number.sid, mode: 'forwarded' });
    else onImport({ sid: number.sid, forwardTo: phones.split(/[\s,;]+/).map((p) => p.trim()).filter(Boolean) });
  };
  return (
    <form onSubmit={submit} noValidate className="card stack" aria-label={`Import ${formatPhone(number.phoneNumber)}`}>
      <fieldset className="stack">
        <legend>Where should calls to {formatPhone(number.phoneNumber)} go?</legend>
        <label className="radio">
          <input type="radio" name="how" value="ring" checked={how === 'ring'} onChange={() => setHow('ring')} /> Textback rings my phones
        </label>
        {how === 'ring' ? (
          <TextField
            label="Phones to ring"
            name="forwardTo"
            placeholder="+15551234567, +15557654321"
            value={phones}
            onChange={(e) => setPhones(e.target.value)}
            help={ringHelp ?? "Your mobile or office phones, with country code. They ring at once; if nobody answers, the caller gets a text back. If this server is ever down, Twilio rings them itself."}
          />
        ) : null}
        <label className="radio">
          <input type="radio" name="how" value="forwarded" checked={how === 'forwarded'} onChange={() => setHow('forwarded')} /> My existing business line forwards unanswered calls here
        </label>
        {how === 'forwarded' ? (
          <p className="muted">
            Keep your number at your phone company and turn on conditional call forwarding (no answer, busy) to {formatPhone(number.phoneNumber)}. Forward before your carrier's voicemail answers. See the forwarded lines guide in docs/forwarded-lines.md.
          </p>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Importing…' : 'Import number'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TwilioNumbers() {
  const { base } = useWorkspace();
  const { list, importing, setAsking, askingFor, imported, error, importNumber } = useCarrierNumbers<TwilioNumber>('twilio');

  if (list.error) return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading label="Asking Twilio for your numbers…" />;
  return (
    <>
      {imported ? (
        <Notice kind="success" title={`${formatPhone(imported.number)} is now in Textback.`}>
          Its Twilio webhooks point here.{' '}
          {imported.readiness && imported.readiness.status !== 'ready' ? 'It is not ready to text yet: see what to do on its page. ' : null}
          <Link to={`${base}/numbers/${encodeURIComponent(imported.id)}`}>Set up its missed-call text</Link>.
        </Notice>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {list.data.data.length === 0 ? (
        <EmptyState title="This Twilio account has no phone numbers">
          <p>Buy or port a number in the Twilio Console, then come back to import it.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Numbers in your Twilio account</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Twilio name</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((n) => (
                <tr key={n.sid}>
                  <td>{formatPhone(n.phoneNumber)}</td>
                  <td>{n.friendlyName}</td>
                  <td className="cell-actions">
                    {n.imported ? (
                      <Badge tone="good">In Textback</Badge>
                    ) : (
                      <button type="button" className="button button-small button-primary" disabled={importing !== null} onClick={() => setAsking(n.sid)} aria-label={`Import ${formatPhone(n.phoneNumber)}`}>
                        Import
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {askingFor ? <ImportQuestion key={askingFor.sid} number={askingFor} busy={importing !== null} onImport={importNumber} onCancel={() => setAsking(null)} /> : null}
    </>
  );
}

export function TwilioPage() {
  const { base } = useWorkspace();
  useTitle('Connect Twilio');
  const accounts = useResource((signal) => api.get<{ data: CarrierAccount[] }>('/api/v1/carriers', { signal }), []);
  const twilio = accounts.data?.data.find((a) => a.carrier === 'twilio');

  return (
    <>
      <PageHeader
        back={{ to: `${base}/numbers`, label: 'Phone numbers' }}
        title="Connect Twilio"
        description="Use your own Twilio account: your numbers, your rates. Textback answers their calls and texts."
      />
      <Section
        title="Account credentials"
        description={twilio ? `Connected to ${twilio.accountSid} since ${formatDateTime(twilio.updatedAt)}.` : 'Textback checks them with Twilio before saving.'}
      >
        {accounts.error && !(accounts.error instanceof ApiError && accounts.error.isNotFound) ? <ErrorNotice error={accounts.error} onRetry={accounts.reload} /> : null}
        {accounts.data || accounts.error ? <CredentialsForm key={twilio?.accountSid ?? 'new'} current={twilio} onSaved={accounts.reload} /> : <Loading />}
      </Section>
      <Section title="Numbers in your Twilio account" description="Import a number to handle its calls and texts here. Its webhooks are set for you.">
        {twilio ? <TwilioNumbers key={twilio.updatedAt} /> : <p className="muted">Connect your account first.</p>}
      </Section>
    </>
  );
}
