/**
 * Settings: the business (name, time zone, hours or none set, closed dates), texting rules (staff
 * numbers, own numbers never texted, quiet hours, opt-out footer), pipeline stages, the team (members and invites), API keys, and your password.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { Badge } from '../components/Badge';
import { CopyField } from '../components/CopyButton';
import { EmptyState, ErrorNotice, Loading, Notice, SaveStatus, type SaveState } from '../components/Feedback';
import { FormError, NumberField, SelectField, TextArea, TextField, Toggle, useFocusInvalid } from '../components/Field';
import { CopyButton } from '../components/CopyButton';
import { starterHours, WeeklyHoursEditor } from '../components/HoursEditor';
import { PageHeader, Section } from '../components/Layout';
import { NotificationSettings } from '../components/NotificationSettings';
import { SavedReplySettings } from '../components/SavedReplySettings';
import { formatDateTime } from '../format';
import { useResource, useTitle } from '../hooks';
import { useSession, useSignedIn, useWorkspace } from '../session';
import { timeZones } from '../time-zones';
import type { Invite, LooseApiKey as ApiKey, Member, Pipeline, Role, Workspace } from '../types';

interface BusinessForm {
  name: string;
  businessName: string;
  timezone: string;
  businessHours: Workspace['businessHours'];
  closedDates: string;
  staffNumbers: string;
  ownNumbers: string;
  quietHours: Workspace['quietHours'];
  optOutFooter: Workspace['optOutFooter'];
  automatedRepliesPerHour: number;
}

function toForm(w: Workspace): BusinessForm {
  return {
    name: w.name,
    businessName: w.businessName,
    timezone: w.timezone,
    businessHours: w.businessHours ? structuredClone(w.businessHours) : null,
    closedDates: (w.closedDates ?? []).join('\n'),
    staffNumbers: w.staffNumbers.join('\n'),
    ownNumbers: (w.ownNumbers ?? []).join('\n'),
    quietHours: { ...w.quietHours },
    optOutFooter: { ...w.optOutFooter },
    automatedRepliesPerHour: w.automatedRepliesPerHour ?? 5,
  };
}

function toBody(f: BusinessForm) {
  return {
    name: f.name.trim(),
    businessName: f.businessName.trim(),
    timezone: f.timezone,
    businessHours: f.businessHours,
    closedDates: splitList(f.closedDates),
    staffNumbers: splitList(f.staffNumbers),
    ownNumbers: splitList(f.ownNumbers),
    quietHours: f.quietHours,
    optOutFooter: f.optOutFooter,
    automatedRepliesPerHour: f.automatedRepliesPerHour,
  };
}

function splitList(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function BusinessSettings() {
  const { refresh } = useSession();
  const workspace = useResource((signal) => api.get<Workspace>('/api/v1/workspace', { signal }), []);
  const [form, setForm] = useState<BusinessForm | null>(null);
  const [saved, setSaved] = useState<BusinessForm | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);
  const error = save.kind === 'error' ? save.error : null;
  useFocusInvalid(error, formRef);
  const zones = useMemo(() => timeZones(workspace.data?.timezone), [workspace.data?.timezone]);

  useEffect(() => {
    if (workspace.data) {
      const f = toForm(workspace.data);
      setForm(f);
      setSaved(f);
    }
  }, [workspace.data]);

  if (workspace.error) return <ErrorNotice error={workspace.error} onRetry={workspace.reload} />;
  if (!form) return <Loading />;
  const dirty = !!saved && JSON.stringify(toBody(form)) !== JSON.stringify(toBody(saved));
  const update = (patch: Partial<BusinessForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    if (save.kind !== 'saving') setSave({ kind: 'idle' });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSave({ kind: 'saving' });
    try {
      const updated = await api.patch<Workspace>('/api/v1/workspace', toBody(form));
      workspace.setData(updated);
      setSave({ kind: 'saved', at: new Date() });
      void refresh();
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack-lg">
      <Section title="Business profile">
        <div className="form-grid">
          <TextField label="Business name" name="businessName" value={form.businessName} onChange={(e) => update({ businessName: e.target.value })} error={error} help="As customers know you; used in texts as {{business.name}}." />
          <TextField label="Workspace name" name="name" value={form.name} onChange={(e) => update({ name: e.target.value })} error={error} help="For your team, e.g. a location." />
          <SelectField label="Time zone" name="timezone" value={form.timezone} onChange={(e) => update({ timezone: e.target.value })} error={error}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </SelectField>
        </div>
        {form.businessHours ? (
          <WeeklyHoursEditor
            hours={form.businessHours}
            onChange={(businessHours) => update({ businessHours })}
            error={error}
            fieldName="businessHours"
            legend="Business hours"
            help="In your time zone. The AI agent quotes them, numbers can send after-hours calls to voicemail, and workflows can check whether you're open."
            actions={
              <button type="button" className="button button-small button-quiet" onClick={() => update({ businessHours: null })}>
                Clear hours (not set)
              </button>
            }
          />
        ) : (
          <fieldset className="hours" aria-label="Business hours">
            <legend>Business hours</legend>
            <p className="field-help">
              Not set. Until you set them, nobody (the AI agent included) tells customers your hours, and no call counts as after hours except on closed dates.
            </p>
            <button type="button" className="button" onClick={() => update({ businessHours: starterHours() })}>
              Set business hours
            </button>
          </fieldset>
        )}
        <TextArea
          label="Closed dates"
          name="closedDates"
          rows={2}
          value={form.closedDates}
          onChange={(e) => update({ closedDates: e.target.value })}
          placeholder="2026-12-25"
          help="Holidays, one per line as YYYY-MM-DD, in your time zone. The whole day counts as outside hours."
          error={error}
        />
      </Section>
      <Section title="Texting rules">
        <TextArea
          label="Staff numbers"
          name="staffNumbers"
          rows={2}
          value={form.staffNumbers}
          onChange={(e) => update({ staffNumbers: e.target.value })}
          placeholder="+15550109999"
          help="One per line. They get a text when the AI agent hands a conversation over, and from workflows' “text your team” steps."
          error={error}
        />
        <TextArea
          label="Your own numbers (never texted)"
          name="ownNumbers"
          rows={2}
          value={form.ownNumbers}
          onChange={(e) => update({ ownNumbers: e.target.value })}
          placeholder="+15550107000"
          help="Your business lines and staff phones, one per line. A call from one of them never gets a text back, e.g. when your phone system shows its main line as the caller."
          error={error}
        />
        <Toggle
          name="quietHours.enabled"
          label="Quiet hours: hold automated texts at night"
          checked={form.quietHours.enabled}
          onChange={(enabled) => update({ quietHours: { ...form.quietHours, enabled } })}
          help="Judged in the contact's own time zone (from their area code). Some states limit texting hours."
          error={error}
        />
        {form.quietHours.enabled ? (
          <div className="form-grid form-grid-tight">
            <TextField label="Quiet from" name="quietHours.start" type="time" value={form.quietHours.start} onChange={(e) => update({ quietHours: { ...form.quietHours, start: e.target.value } })} error={error} />
            <TextField label="Until" name="quietHours.end" type="time" value={form.quietHours.end} onChange={(e) => update({ quietHours: { ...form.quietHours, end: e.target.value } })} error={error} />
          </div>
        ) : null}
        <Toggle
          name="optOutFooter.enabled"
          label="Add an opt-out line to automated texts"
          checked={form.optOutFooter.enabled}
          onChange={(enabled) => update({ optOutFooter: { ...form.optOutFooter, enabled } })}
          help="STOP always works, whether or not you say so."
          error={error}
        />
        {form.optOutFooter.enabled ? (
          <TextField label="Opt-out line" name="optOutFooter.text" value={form.optOutFooter.text} onChange={(e) => update({ optOutFooter: { ...form.optOutFooter, text: e.target.value } })} error={error} />
        ) : null}
        <NumberField
          label="Automated texts per contact per hour, at most"
          name="automatedRepliesPerHour"
          min={1}
          max={100}
          value={form.automatedRepliesPerHour}
          onChange={(automatedRepliesPerHour) => update({ automatedRepliesPerHour })}
          help="Stops endless loops with another business's auto-responder."
          error={error}
        />
      </Section>
      <div className="save-bar">
        <div className="save-bar-row">
          <button type="submit" className="button button-primary" disabled={save.kind === 'saving'}>
            {save.kind === 'saving' ? 'Saving…' : 'Save business settings'}
          </button>
          <SaveStatus state={save} dirty={dirty} />
        </div>
      </div>
    </form>
  );
}

function PipelineSettings() {
  const pipeline = useResource((signal) => api.get<Pipeline>('/api/v1/pipeline', { signal }), []);
  const [text, setText] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const error = save.kind === 'error' ? save.error : null;
  useEffect(() => {
    if (pipeline.data) setText(pipeline.data.stages.join('\n'));
  }, [pipeline.data]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSave({ kind: 'saving' });
    try {
      const stages = (text ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
      pipeline.setData(await api.put<Pipeline>('/api/v1/pipeline', { stages }));
      setSave({ kind: 'saved', at: new Date() });
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  return (
    <Section title="Pipeline stages" description="The steps a lead moves through, in order. Workflows can move contacts and start when they move.">
      {pipeline.error ? <ErrorNotice error={pipeline.error} onRetry={pipeline.reload} /> : null}
      {text === null ? (
        pipeline.error ? null : <Loading />
      ) : (
        <form onSubmit={submit} noValidate className="stack">
          <TextArea label="Stages, one per line" name="stages" rows={5} value={text} onChange={(e) => setText(e.target.value)} placeholder={'New lead\nQuoted\nBooked\nWon'} error={error} />
          {pipeline.data?.contactCounts && pipeline.data.stages.length ? (
            <p className="muted small">{pipeline.data.stages.map((s) => `${s}: ${pipeline.data?.contactCounts?.[s] ?? 0}`).join(' · ')}</p>
          ) : null}
          <div className="save-bar-row">
            <button type="submit" className="button" disabled={save.kind === 'saving'}>
              Save stages
            </button>
            <SaveStatus state={save} />
          </div>
        </form>
      )}
    </Section>
  );
}

function Team() {
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

function ApiKeys() {
  const keys = useResource((signal) => api.get<{ data: ApiKey[] }>('/api/v1/api-keys', { signal }), []);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<ApiKey | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await api.post<ApiKey>('/api/v1/api-keys', { name: name.trim() }));
      setName('');
      await keys.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (k: ApiKey) => {
    if (!window.confirm(`Revoke “${k.name}”? Anything using it stops working at once.`)) return;
    setError(null);
    try {
      await api.del(`/api/v1/api-keys/${encodeURIComponent(k.id)}`);
      await keys.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Section title="API keys" description="For integrations and scripts: a key acts on this workspace through the same API the dashboard uses (Authorization: Bearer …).">
      {keys.error ? <ErrorNotice error={keys.error} onRetry={keys.reload} /> : null}
      {keys.data && keys.data.data.length === 0 ? <EmptyState title="No API keys" /> : null}
      {keys.data && keys.data.data.length > 0 ? (
        <ul className="member-list" aria-label="API keys">
          {keys.data.data.map((k) => (
            <li key={k.id}>
              <div>
                <strong>{k.name}</strong>
                <div className="muted small">
                  <code>{k.prefix ?? k.keyPrefix}…</code> · created {formatDateTime(k.createdAt)} · {k.lastUsedAt ? `last used ${formatDateTime(k.lastUsedAt)}` : 'never used'}
                </div>
              </div>
              <button type="button" className="button button-small button-quiet" onClick={() => revoke(k)} aria-label={`Revoke ${k.name}`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form ref={formRef} onSubmit={create} noValidate className="form-grid">
        <TextField label="New key name" name="name" placeholder="Zapier" value={name} onChange={(e) => setName(e.target.value)} error={error} />
        <FormError error={error} formRef={formRef} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !name.trim()}>
            {busy ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
      {created?.apiKey ? (
        <Notice kind="success" title={`Key “${created.name}” created. Copy it now: it is shown only once.`}>
          <CopyField id="new-api-key" label="API key" value={created.apiKey} />
        </Notice>
      ) : null}
    </Section>
  );
}

function PasswordChange() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);
  const error = save.kind === 'error' ? save.error : null;
  useFocusInvalid(error, formRef);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSave({ kind: 'saving' });
    try {
      await api.post('/api/v1/auth/password', { currentPassword, newPassword }, { noWorkspace: true });
      setCurrent('');
      setNew('');
      setSave({ kind: 'saved', at: new Date() });
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  return (
    <Section title="Your password" description="Changing it signs you out everywhere else.">
      <form ref={formRef} onSubmit={submit} noValidate className="stack">
        <div className="form-grid">
          <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} error={error} />
          <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" minLength={10} value={newPassword} onChange={(e) => setNew(e.target.value)} error={error} help="At least 10 characters." />
        </div>
        <div className="save-bar-row">
          <button type="submit" className="button" disabled={save.kind === 'saving' || !currentPassword || !newPassword}>
            Change password
          </button>
          <SaveStatus state={save} />
        </div>
      </form>
    </Section>
  );
}

export function SettingsPage() {
  const { role } = useWorkspace();
  useTitle('Settings');
  return (
    <>
      <PageHeader title="Settings" />
      <div className="stack-lg">
        <BusinessSettings />
        <PipelineSettings />
        <Team />
        {role === 'owner' ? <ApiKeys /> : null}
        <NotificationSettings />
        <SavedReplySettings />
        <PasswordChange />
      </div>
    </>
  );
}
