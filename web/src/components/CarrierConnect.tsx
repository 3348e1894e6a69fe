/**
 * One "Connect <carrier>" page for every carrier with an account (Twilio, SignalWire, Telnyx): save
 * the credentials (the server checks them with the carrier), list the account's numbers, import one
 * (its webhooks are set for you) and, where the carrier reports where a number points, see whether
 * it is ready. Each carrier page is a `CarrierPageConfig`: its fields, words and readiness rule.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../api';
import { Badge } from './Badge';
import { EmptyState, ErrorNotice, Loading, Notice } from './Feedback';
import { FormError, TextField } from './Field';
import { PageHeader, Section } from './Layout';
import { formatDateTime, formatPhone } from '../format';
import { useResource, useTitle } from '../hooks';
import { Link } from '../router';
import { useWorkspace } from '../session';
import { useCarrierNumbers } from '../use-carrier-numbers';
import type { CarrierAccount, CarrierNumber, PhoneNumber, TwilioNumber } from '../types';

export interface CredentialField {
  /** The API field (`PUT /api/v1/carriers/<carrier>` body). */
  name: string;
  label: string;
  /** Secrets are password fields, never prefilled, cleared after saving. */
  secret?: boolean;
  /** Prefilled with the connected account's id (the one field the API returns). */
  isAccountId?: boolean;
  placeholder?: string;
  help: string;
  /** The help once credentials are saved (secret fields: "saved and hidden"). */
  savedHelp?: string;
}

export interface CarrierPageConfig {
  carrier: string;
  displayName: string;
  description: string;
  credentialsTitle: string;
  /** "Connected to … since …" */
  connectedTo: (accountSid: string) => string;
  fields: CredentialField[];
  numbersTitle: string;
  /** What the carrier calls the number's name ("Twilio name"). */
  nameColumn: string;
  emptyTitle: string;
  emptyHelp: string;
  notConnected: string;
  /** The webhook path segment (`/webhooks/<carrier>/…`) when the list reports where numbers point: adds a Readiness column. */
  readinessFrom?: 'webhooks';
  /** The ring-phones help in the import question. */
  ringHelp?: string;
  /** Extra words after "Its <carrier> webhooks point here." */
  importedNote?: (n: PhoneNumber) => ReactNode;
}

function CredentialsForm({ config, current, onSaved }: { config: CarrierPageConfig; current: CarrierAccount | undefined; onSaved: () => void }) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(config.fields.map((f) => [f.name, f.isAccountId ? (current?.accountSid ?? '') : ''])),
  );
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
      await api.put(`/api/v1/carriers/${config.carrier}`, Object.fromEntries(config.fields.map((f) => [f.name, (values[f.name] ?? '').trim()])));
      setValues((v) => ({ ...v, ...Object.fromEntries(config.fields.filter((f) => f.secret).map((f) => [f.name, ''])) }));
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
        {config.fields.map((f) => (
          <TextField
            key={f.name}
            label={f.label}
            name={f.name}
            {...(f.secret ? { type: 'password' } : {})}
            autoComplete="off"
            spellCheck={false}
            placeholder={f.placeholder}
            required
            value={values[f.name] ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            error={error}
            help={current && f.savedHelp ? f.savedHelp : f.help}
          />
        ))}
      </div>
      <FormError error={error} formRef={formRef} />
      {done ? (
        <p className="save-status save-status-ok" role="status">
          {config.displayName} accepted these credentials.
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? `Checking with ${config.displayName}…` : current ? 'Update credentials' : 'Connect'}
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
            help={ringHelp ?? 'Your mobile or office phones, with country code. They ring at once; if nobody answers, the caller gets a text back. If this server is ever down, Twilio rings them itself.'}
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

/** Ready when imported and the server found both webhooks pointing exactly at this Textback. */
function readiness(n: CarrierNumber): { tone: 'good' | 'warn' | 'neutral'; label: string } {
  if (!n.imported) return { tone: 'neutral', label: 'Not imported' };
  if (n.webhooksPointHere) return { tone: 'good', label: 'Ready' };
  return { tone: 'warn', label: 'Webhooks point elsewhere: import again' };
}

function CarrierNumbers({ config }: { config: CarrierPageConfig }) {
  const { base } = useWorkspace();
  const { list, importing, setAsking, askingFor, imported, error, importNumber } = useCarrierNumbers<CarrierNumber>(config.carrier);
  const withReadiness = config.readinessFrom === 'webhooks';
  const name = config.displayName;

  if (list.error) return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading label={`Asking ${name} for your numbers…`} />;
  return (
    <>
      {imported ? (
        <Notice kind="success" title={`${formatPhone(imported.number)} is now in Textback.`}>
          Its {name} webhooks point here. {config.importedNote?.(imported)}
          <Link to={`${base}/numbers/${encodeURIComponent(imported.id)}`}>Set up its missed-call text</Link>.
        </Notice>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {list.data.data.length === 0 ? (
        <EmptyState title={config.emptyTitle}>
          <p>{config.emptyHelp}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{config.numbersTitle}</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">{config.nameColumn}</th>
                {withReadiness ? <th scope="col">Readiness</th> : null}
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((n) => {
                const ready = withReadiness ? readiness(n) : null;
                const done = ready ? n.imported && ready.tone === 'good' : n.imported;
                return (
                  <tr key={n.sid}>
                    <td>{formatPhone(n.phoneNumber)}</td>
                    <td>{n.friendlyName}</td>
                    {ready ? (
                      <td>
                        <Badge tone={ready.tone}>{ready.label}</Badge>
                      </td>
                    ) : null}
                    <td className="cell-actions">
                      {done ? (
                        ready ? null : <Badge tone="good">In Textback</Badge>
                      ) : (
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
      {askingFor ? <ImportQuestion key={askingFor.sid} number={askingFor} busy={importing !== null} onImport={importNumber} onCancel={() => setAsking(null)} ringHelp={config.ringHelp} /> : null}
    </>
  );
}

export function CarrierConnectPage({ config }: { config: CarrierPageConfig }) {
  const { base, role } = useWorkspace();
  // The credentials hold the account's keys and spend its money: only an owner may change them
  // (PUT /api/v1/carriers/:carrier answers a member 403), so a member is not shown fields that
  // could only end in that 403. Importing numbers stays open to members.
  const mayChangeCredentials = role === 'owner';
  useTitle(`Connect ${config.displayName}`);
  const accounts = useResource((signal) => api.get<{ data: CarrierAccount[] }>('/api/v1/carriers', { signal }), []);
  const account = accounts.data?.data.find((a) => a.carrier === config.carrier);

  return (
    <>
      <PageHeader back={{ to: `${base}/numbers`, label: 'Phone numbers' }} title={`Connect ${config.displayName}`} description={config.description} />
      <Section
        title={config.credentialsTitle}
        description={account ? `${config.connectedTo(account.accountSid)} since ${formatDateTime(account.updatedAt)}.` : `Textback checks them with ${config.displayName} before saving.`}
      >
        {accounts.error && !(accounts.error instanceof ApiError && accounts.error.isNotFound) ? <ErrorNotice error={accounts.error} onRetry={accounts.reload} /> : null}
        {!(accounts.data || accounts.error) ? (
          <Loading />
        ) : mayChangeCredentials ? (
          <CredentialsForm config={config} current={account} onSaved={accounts.reload} />
        ) : (
          <p className="muted">Only an owner of this workspace can change the {config.displayName} credentials: they hold its keys and spend its money.</p>
        )}
      </Section>
      <Section title={config.numbersTitle} description="Import a number to handle its calls and texts here. Its webhooks are set for you.">
        {account ? <CarrierNumbers key={account.updatedAt} config={config} /> : <p className="muted">{config.notConnected}</p>}
      </Section>
    </>
  );
}
