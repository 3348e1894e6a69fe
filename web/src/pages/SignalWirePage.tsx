/**
 * Connect SignalWire: save the project id, API token, space and Signing Key (the server checks them
 * with SignalWire's Compatibility API), list the project's numbers, import one (its webhooks are set
 * for you) and see whether each number is ready: imported, with its calls and texts pointing here.
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
import { ImportQuestion } from './TwilioPage';
import type { CarrierAccount, CarrierNumber, PhoneNumber } from '../types';

function CredentialsForm({ current, onSaved }: { current: CarrierAccount | undefined; onSaved: () => void }) {
  const [projectId, setProjectId] = useState(current?.accountSid ?? '');
  const [spaceUrl, setSpaceUrl] = useState('');
  const [apiToken, setApiToken] = useState('');
  const [signingKey, setSigningKey] = useState('');
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
      await api.put('/api/v1/carriers/signalwire', {
        projectId: projectId.trim(),
        spaceUrl: spaceUrl.trim(),
        apiToken: apiToken.trim(),
        signingKey: signingKey.trim(),
      });
      setApiToken('');
      setSigningKey('');
      setDone(true);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const hidden = current ? 'Saved and hidden. Enter it again to change any credential.' : undefined;
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack">
      <div className="form-grid">
        <TextField label="Space URL" name="spaceUrl" autoComplete="off" spellCheck={false} placeholder="yourspace.signalwire.com" required value={spaceUrl} onChange={(e) => setSpaceUrl(e.target.value)} error={error} help="The address of your SignalWire dashboard." />
        <TextField label="Project ID" name="projectId" autoComplete="off" spellCheck={false} required value={projectId} onChange={(e) => setProjectId(e.target.value)} error={error} help="Dashboard → API → Credentials." />
        <TextField label="API token" name="apiToken" type="password" autoComplete="off" spellCheck={false} required value={apiToken} onChange={(e) => setApiToken(e.target.value)} error={error} help={hidden ?? 'A token with Messaging, Voice and Numbers scopes. Stored encrypted, never shown again.'} />
        <TextField label="Signing Key" name="signingKey" type="password" autoComplete="off" spellCheck={false} required value={signingKey} onChange={(e) => setSigningKey(e.target.value)} error={error} help={hidden ?? 'Same page, “Signing Key”: it proves webhooks come from SignalWire.'} />
      </div>
      <FormError error={error} formRef={formRef} />
      {done ? (
        <p className="save-status save-status-ok" role="status">
          SignalWire accepted these credentials.
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Checking with SignalWire…' : current ? 'Update credentials' : 'Connect'}
        </button>
      </div>
    </form>
  );
}

/** Ready when imported and both webhooks point at this Textback's SignalWire routes. */
function readiness(n: CarrierNumber): { tone: 'good' | 'warn' | 'neutral'; label: string } {
  if (!n.imported) return { tone: 'neutral', label: 'Not imported' };
  const ours = (url: string | null, path: string) => !!url && url.endsWith(`/webhooks/signalwire/${path}`);
  if (ours(n.voiceUrl, 'voice') && ours(n.smsUrl, 'sms')) return { tone: 'good', label: 'Ready' };
  return { tone: 'warn', label: 'Webhooks point elsewhere: import again' };
}

function SignalWireNumbers() {
  const { base } = useWorkspace();
  const { list, importing, setAsking, askingFor, imported, error, importNumber } = useCarrierNumbers<CarrierNumber>('signalwire');

  if (list.error) return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading label="Asking SignalWire for your numbers…" />;
  return (
    <>
      {imported ? (
        <Notice kind="success" title={`${formatPhone(imported.number)} is now in Textback.`}>
          Its SignalWire webhooks point here. <Link to={`${base}/numbers/${encodeURIComponent(imported.id)}`}>Set up its missed-call text</Link>.
        </Notice>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {list.data.data.length === 0 ? (
        <EmptyState title="This SignalWire project has no phone numbers">
          <p>Buy or port a number in your SignalWire space, then come back to import it.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Numbers in your SignalWire project</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">SignalWire name</th>
                <th scope="col">Readiness</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((n) => {
                const ready = readiness(n);
                return (
                  <tr key={n.sid}>
                    <td>{formatPhone(n.phoneNumber)}</td>
                    <td>{n.friendlyName}</td>
                    <td>
                      <Badge tone={ready.tone}>{ready.label}</Badge>
                    </td>
                    <td className="cell-actions">
                      {n.imported && ready.tone === 'good' ? null : (
                        <button type="button" className="button button-small button-primary" disabled={importing !== null} onClick={() => setAsking(n.sid)} aria-label={`Import ${formatPhone(n.phoneNumber)}`}>
                          Import
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {askingFor ? (
        <ImportQuestion
          key={askingFor.sid}
          number={askingFor}
          busy={importing !== null}
          onImport={importNumber}
          onCancel={() => setAsking(null)}
          ringHelp="Your mobile or office phones, with country code. They ring at once; if nobody answers, the caller gets a text back."
        />
      ) : null}
    </>
  );
}

export function SignalWirePage() {
  const { base } = useWorkspace();
  useTitle('Connect SignalWire');
  const accounts = useResource((signal) => api.get<{ data: CarrierAccount[] }>('/api/v1/carriers', { signal }), []);
  const account = accounts.data?.data.find((a) => a.carrier === 'signalwire');

  return (
    <>
      <PageHeader
        back={{ to: `${base}/numbers`, label: 'Phone numbers' }}
        title="Connect SignalWire"
        description="Use your own SignalWire space: your numbers, your rates. Textback answers their calls and texts through SignalWire's Twilio-compatible API."
      />
      <Section
        title="Project credentials"
        description={account ? `Connected to project ${account.accountSid} since ${formatDateTime(account.updatedAt)}.` : 'Textback checks them with SignalWire before saving.'}
      >
        {accounts.error && !(accounts.error instanceof ApiError && accounts.error.isNotFound) ? <ErrorNotice error={accounts.error} onRetry={accounts.reload} /> : null}
        {accounts.data || accounts.error ? <CredentialsForm current={account} onSaved={accounts.reload} /> : <Loading />}
      </Section>
      <Section title="Numbers in your SignalWire project" description="Import a number to handle its calls and texts here. Its webhooks are set for you.">
        {account ? <SignalWireNumbers key={account.updatedAt} /> : <p className="muted">Connect your project first.</p>}
      </Section>
    </>
  );
}
