/**
 * Create or edit a workflow: its trigger and the trigger's filter (number, tag or stage), the
 * ordered actions (each with an optional "only if" condition), on/off, and the runs so far with
 * every step's result. The server's warnings about the setup are shown after each save.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { Badge } from '../components/Badge';
import { CopyField } from '../components/CopyButton';
import { EmptyState, ErrorNotice, Loading, Notice, SaveStatus, type SaveState } from '../components/Feedback';
import { SelectField, TextArea, TextField, Toggle, useFocusInvalid } from '../components/Field';
import { PageHeader, Section } from '../components/Layout';
import { TemplateEditor } from '../components/TemplateEditor';
import { formatDateTime, formatPhone } from '../format';
import { useResource, useTitle } from '../hooks';
import { Link, navigate } from '../router';
import { useWorkspace } from '../session';
import type { LoosePipeline as Pipeline, LooseWorkflow as Workflow, Page, PhoneNumber, TriggerType, WorkflowAction, WorkflowCondition, WorkflowRun, Workspace } from '../types';
import { ACTIONS, actionLabel, NUMBER_TRIGGERS, RECIPES, TAG_TRIGGERS, TRIGGERS, triggerLabel } from '../workflow-text';
import { NotFoundPage } from './NotFoundPage';

/** Signing secrets of workflows just created, handed from the create form to the edit page once. */
const createdSecrets = new Map<string, string>();

interface Draft {
  name: string;
  enabled: boolean;
  trigger: { type: TriggerType; phoneNumberId: string; tag: string; stage: string };
  actions: WorkflowAction[];
}

const EMPTY: Draft = { name: '', enabled: true, trigger: { type: 'call.missed', phoneNumberId: '', tag: '', stage: '' }, actions: [{ type: 'add_tag', tag: 'smschat_ai' }] };

function toDraft(w: Pick<Workflow, 'name' | 'enabled' | 'trigger' | 'actions'>): Draft {
  return {
    name: w.name,
    enabled: w.enabled,
    trigger: { type: w.trigger.type, phoneNumberId: w.trigger.phoneNumberId ?? '', tag: w.trigger.tag ?? '', stage: w.trigger.stage ?? '' },
    actions: w.actions.map((a) => ({ ...a })),
  };
}

function toBody(d: Draft) {
  const t = d.trigger;
  const trigger: Record<string, string> = { type: t.type };
  if (NUMBER_TRIGGERS.includes(t.type) && t.phoneNumberId) trigger.phoneNumberId = t.phoneNumberId;
  if (TAG_TRIGGERS.includes(t.type) && t.tag.trim()) trigger.tag = t.tag.trim();
  if (t.type === 'contact.stage_changed' && t.stage.trim()) trigger.stage = t.stage.trim();
  const actions = d.actions.map((a) => {
    const copy = { ...a } as WorkflowAction;
    if (copy.if && Object.values(copy.if).every((v) => v === undefined || v === '')) delete copy.if;
    if (copy.type === 'notify' && (!copy.to || copy.to.length === 0)) delete copy.to;
    return copy;
  });
  return { name: d.name.trim(), enabled: d.enabled, trigger, actions };
}

function newAction(type: WorkflowAction['type']): WorkflowAction {
  switch (type) {
    case 'add_tag':
    case 'remove_tag':
      return { type, tag: '' };
    case 'send_sms':
      return { type, body: 'Hi {{contact.first_name|there}}, ' };
    case 'wait':
      return { type, seconds: 3600 };
    case 'set_stage':
      return { type, stage: '' };
    case 'notify':
      return { type, body: '' };
    case 'webhook':
      return { type, url: 'https://' };
  }
}

const WAIT_UNITS = [
  { value: 60, label: 'minutes' },
  { value: 3600, label: 'hours' },
  { value: 86400, label: 'days' },
];

function WaitEditor({ seconds, onChange, name, error }: { seconds: number; onChange: (s: number) => void; name: string; error: unknown }) {
  const unit = [...WAIT_UNITS].reverse().find((u) => seconds % u.value === 0) ?? WAIT_UNITS[0]!;
  const amount = Math.max(1, Math.round(seconds / unit.value));
  return (
    <div className="form-grid form-grid-tight">
      <TextField label="Wait for" name={name} type="number" min={1} value={String(amount)} onChange={(e) => onChange(Math.max(1, Math.trunc(Number(e.target.value) || 1)) * unit.value)} error={error} />
      <SelectField label="Unit" name={`${name}-unit`} value={String(unit.value)} onChange={(e) => onChange(amount * Number(e.target.value))}>
        {WAIT_UNITS.map((u) => (
          <option key={u.value} value={u.value}>
            {u.label}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

function ConditionEditor({ condition, onChange, prefix, error }: { condition: WorkflowCondition | undefined; onChange: (c: WorkflowCondition | undefined) => void; prefix: string; error: unknown }) {
  const c = condition ?? {};
  const set = (patch: Partial<WorkflowCondition>) => {
    const next: WorkflowCondition = { ...c, ...patch };
    for (const k of Object.keys(next) as Array<keyof WorkflowCondition>) if (next[k] === undefined || next[k] === '') delete next[k];
    onChange(Object.keys(next).length ? next : undefined);
  };
  return (
    <details className="condition" open={!!condition}>
      <summary>Only if… {condition ? <Badge tone="info">condition set</Badge> : <span className="muted small">(optional)</span>}</summary>
      <div className="form-grid">
        <SelectField label="Business hours" name={`${prefix}.if.businessHours`} value={c.businessHours ?? ''} onChange={(e) => set({ businessHours: (e.target.value || undefined) as WorkflowCondition['businessHours'] })} error={error}>
          <option value="">Any time</option>
          <option value="open">Only while open</option>
          <option value="closed">Only while closed</option>
        </SelectField>
        <SelectField
          label="First-time caller"
          name={`${prefix}.if.firstTimeCaller`}
          value={c.firstTimeCaller === undefined ? '' : String(c.firstTimeCaller)}
          onChange={(e) => set({ firstTimeCaller: e.target.value === '' ? undefined : e.target.value === 'true' })}
          error={error}
        >
          <option value="">Anyone</option>
          <option value="true">Only first-time callers</option>
          <option value="false">Only repeat callers</option>
        </SelectField>
        <TextField label="Contact has tag" name={`${prefix}.if.hasTag`} value={c.hasTag ?? ''} onChange={(e) => set({ hasTag: e.target.value || undefined })} error={error} />
        <TextField label="Contact lacks tag" name={`${prefix}.if.lacksTag`} value={c.lacksTag ?? ''} onChange={(e) => set({ lacksTag: e.target.value || undefined })} error={error} />
      </div>
    </details>
  );
}

function ActionEditor({
  action,
  index,
  count,
  onChange,
  onMove,
  onRemove,
  error,
  businessName,
  footer,
  stages,
}: {
  action: WorkflowAction;
  index: number;
  count: number;
  onChange: (a: WorkflowAction) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  error: unknown;
  businessName: string;
  footer: Workspace['optOutFooter'] | null;
  stages: string[];
}) {
  const prefix = `actions.${index}`;
  return (
    <li className="action-card">
      <div className="action-head">
        <span className="step-number" aria-hidden="true">
          {index + 1}
        </span>
        <SelectField
          label={`Step ${index + 1}`}
          name={`${prefix}.type`}
          value={action.type}
          onChange={(e) => onChange({ ...newAction(e.target.value as WorkflowAction['type']), if: action.if } as WorkflowAction)}
          error={error}
          className="grow"
        >
          {ACTIONS.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </SelectField>
        <div className="action-buttons">
          <button type="button" className="button button-small button-quiet" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move step ${index + 1} up`}>
            ↑
          </button>
          <button type="button" className="button button-small button-quiet" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move step ${index + 1} down`}>
            ↓
          </button>
          <button type="button" className="button button-small button-quiet" onClick={onRemove} disabled={count === 1} aria-label={`Remove step ${index + 1}`}>
            Remove
          </button>
        </div>
      </div>
      {action.type === 'add_tag' || action.type === 'remove_tag' ? (
        <TextField label="Tag" name={`${prefix}.tag`} value={action.tag} onChange={(e) => onChange({ ...action, tag: e.target.value })} error={error} help={action.type === 'add_tag' ? 'smschat_ai lets the AI agent answer this contact.' : undefined} />
      ) : null}
      {action.type === 'send_sms' ? (
        <TemplateEditor label="Text to send" name={`${prefix}.body`} value={action.body} onChange={(body) => onChange({ ...action, body })} businessName={businessName} footer={footer} hints={{ businessName: true, maxSegments: 2 }} error={error} rows={3} />
      ) : null}
      {action.type === 'wait' ? <WaitEditor name={`${prefix}.seconds`} seconds={action.seconds} onChange={(seconds) => onChange({ ...action, seconds })} error={error} /> : null}
      {action.type === 'set_stage' ? (
        <TextField label="Stage" name={`${prefix}.stage`} value={action.stage} list={stages.length ? 'workflow-stages' : undefined} onChange={(e) => onChange({ ...action, stage: e.target.value })} error={error} />
      ) : null}
      {action.type === 'notify' ? (
        <>
          <TextField
            label="Send to"
            name={`${prefix}.to`}
            placeholder="Your staff numbers (Settings)"
            value={(action.to ?? []).join(', ')}
            onChange={(e) => {
              const to = e.target.value
                .split(/[,\s]+/)
                .map((s) => s.trim())
                .filter(Boolean);
              onChange({ ...action, to: to.length ? to : undefined });
            }}
            help="Leave empty to text the staff numbers from Settings."
            error={error}
          />
          <TextArea label="Message to your team" name={`${prefix}.body`} rows={2} value={action.body} onChange={(e) => onChange({ ...action, body: e.target.value })} error={error} help="Merge fields such as {{contact.name}} work here too." />
        </>
      ) : null}
      {action.type === 'webhook' ? (
        <TextField label="URL" name={`${prefix}.url`} type="url" value={action.url} onChange={(e) => onChange({ ...action, url: e.target.value })} error={error} help="Textback POSTs the event as JSON, signed with the X-Textback-Signature header." />
      ) : null}
      <ConditionEditor condition={action.if} prefix={prefix} error={error} onChange={(cond) => onChange({ ...action, if: cond } as WorkflowAction)} />
    </li>
  );
}

function runTone(status: string): 'good' | 'bad' | 'warn' | 'info' | 'neutral' {
  if (status === 'completed') return 'good';
  if (status === 'failed') return 'bad';
  if (status === 'stopped' || status === 'skipped' || status === 'canceled') return 'warn';
  if (status === 'running' || status === 'waiting') return 'info';
  return 'neutral';
}

/** What a step did, in words: the server's note or reason when it gave one. */
function stepResult(type: string, result: Record<string, unknown> | null): string | null {
  if (!result) return null;
  for (const key of ['note', 'reason']) if (typeof result[key] === 'string') return result[key] as string;
  const str = (k: string) => (typeof result[k] === 'string' ? (result[k] as string) : null);
  if (type === 'add_tag' && str('tag')) return `added “${str('tag')}”`;
  if (type === 'remove_tag' && str('tag')) return `removed “${str('tag')}”`;
  if (type === 'set_stage' && str('stage')) return `moved to “${str('stage')}”`;
  if (type === 'send_sms' && str('to')) return `texted ${str('to')}`;
  if (type === 'notify' && Array.isArray(result.messageIds)) return `texted ${result.messageIds.length === 1 ? '1 team member' : `${result.messageIds.length} team members`}`;
  if (type === 'wait' && typeof result.waitedSeconds === 'number') return `waited ${result.waitedSeconds} s`;
  if (type === 'webhook' && typeof result.statusCode === 'number') return `the URL answered HTTP ${result.statusCode}`;
  const parts = Object.entries(result)
    .filter(([k, v]) => k !== 'changed' && v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.length ? parts.join(' · ') : null;
}

function Runs({ id }: { id: string }) {
  const { base } = useWorkspace();
  const runs = useResource((signal) => api.get<Page<WorkflowRun>>(`/api/v1/workflows/${encodeURIComponent(id)}/runs?limit=50`, { signal }), [id]);
  return (
    <Section
      title="Runs"
      description="Each time the trigger happened: what every step did."
      actions={
        <button type="button" className="button button-small button-quiet" onClick={() => void runs.reload()}>
          Refresh
        </button>
      }
    >
      {runs.error ? <ErrorNotice error={runs.error} onRetry={runs.reload} /> : null}
      {!runs.data && !runs.error ? <Loading /> : null}
      {runs.data && runs.data.data.length === 0 ? <EmptyState title="No runs yet">Runs appear here when the trigger happens.</EmptyState> : null}
      {runs.data && runs.data.data.length > 0 ? (
        <ol className="runs">
          {runs.data.data.map((r) => (
            <li key={r.id} className="run">
              <div className="row-between">
                <div className="badge-row">
                  <Badge tone={runTone(r.status)}>{r.status}</Badge>
                  <span className="small">{triggerLabel(r.eventType)}</span>
                  {r.contactId ? (
                    <Link to={`${base}/contacts/${encodeURIComponent(r.contactId)}`} className="small">
                      contact
                    </Link>
                  ) : null}
                </div>
                <time className="muted small" dateTime={r.createdAt}>
                  {formatDateTime(r.createdAt)}
                </time>
              </div>
              {r.reason ? <p className="small">{r.reason}</p> : null}
              <ol className="run-steps">
                {r.steps.map((s) => (
                  <li key={s.index}>
                    <Badge tone={runTone(s.status)}>{s.status}</Badge> <span>{actionLabel(s.type)}</span>
                    {s.waitUntil && s.status === 'waiting' ? <span className="muted small"> until {formatDateTime(s.waitUntil)}</span> : null}
                    {stepResult(s.type, s.result) ? <span className="muted small"> — {stepResult(s.type, s.result)}</span> : null}
                    {s.error ? <span className="field-error small"> — {s.error}</span> : null}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      ) : null}
    </Section>
  );
}

export function WorkflowEditPage({ id }: { id: string | null }) {
  const { base } = useWorkspace();
  const existing = useResource((signal) => (id ? api.get<Workflow>(`/api/v1/workflows/${encodeURIComponent(id)}`, { signal }) : Promise.resolve(null)), [id]);
  const numbers = useResource((signal) => api.get<Page<PhoneNumber>>('/api/v1/phone-numbers?limit=200', { signal }), []);
  const workspace = useResource((signal) => api.get<Workspace>('/api/v1/workspace', { signal }), []);
  const pipeline = useResource((signal) => api.get<Pipeline>('/api/v1/pipeline', { signal }).catch(() => ({ stages: [] }) as Pipeline), []);
  const [draft, setDraft] = useState<Draft | null>(id ? null : EMPTY);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [warnings, setWarnings] = useState<string[]>([]);
  // Shown once, right after creation, and only when the workflow calls a webhook (it signs them).
  const [secret] = useState<string | null>(() => (id ? (createdSecrets.get(id) ?? null) : null));
  useEffect(() => {
    if (id) createdSecrets.delete(id);
  }, [id]);
  const formRef = useRef<HTMLFormElement>(null);
  const error = save.kind === 'error' ? save.error : null;
  useFocusInvalid(error, formRef);
  useTitle(id ? (existing.data?.name ?? 'Workflow') : 'New workflow');

  useEffect(() => {
    if (existing.data) {
      setDraft(toDraft(existing.data));
      setWarnings(existing.data.warnings ?? []);
    }
  }, [existing.data]);

  if (id && existing.error instanceof ApiError && existing.error.isNotFound) return <NotFoundPage what="workflow" />;
  if (id && existing.error) return <ErrorNotice error={existing.error} onRetry={existing.reload} />;
  if (!draft) return <Loading />;
  const stages = pipeline.data?.stages ?? [];
  const update = (patch: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    if (save.kind !== 'saving') setSave({ kind: 'idle' });
  };
  const setTrigger = (patch: Partial<Draft['trigger']>) => update({ trigger: { ...draft.trigger, ...patch } });
  const setAction = (i: number, a: WorkflowAction) => update({ actions: draft.actions.map((x, j) => (j === i ? a : x)) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSave({ kind: 'saving' });
    try {
      const body = toBody(draft);
      const saved = id ? await api.patch<Workflow>(`/api/v1/workflows/${encodeURIComponent(id)}`, body) : await api.post<Workflow>('/api/v1/workflows', body);
      setWarnings(saved.warnings ?? []);
      setSave({ kind: 'saved', at: new Date() });
      if (!id) {
        if (saved.signingSecret) createdSecrets.set(saved.id, saved.signingSecret);
        navigate(`${base}/workflows/${encodeURIComponent(saved.id)}`, { replace: true });
      } else existing.setData(saved);
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  const remove = async () => {
    if (!id || !window.confirm('Delete this workflow and its run history? Runs in progress stop.')) return;
    try {
      await api.del(`/api/v1/workflows/${encodeURIComponent(id)}`);
      navigate(`${base}/workflows`);
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  const t = draft.trigger;
  return (
    <>
      <PageHeader back={{ to: `${base}/workflows`, label: 'Workflows' }} title={id ? draft.name || 'Workflow' : 'New workflow'} />
      {secret && draft.actions.some((a) => a.type === 'webhook') ? (
        <Notice kind="success" title="Workflow created. Copy its webhook signing secret now.">
          <p>It signs every webhook this workflow sends (X-Textback-Signature). It is shown only this once.</p>
          <CopyField id="wf-secret" label="Signing secret" value={secret} />
        </Notice>
      ) : null}
      {!id ? (
        <Section title="Start from a recipe" description="Or build your own below.">
          <ul className="recipes">
            {RECIPES.map((r) => (
              <li key={r.name}>
                <button
                  type="button"
                  className="recipe"
                  onClick={() => setDraft({ ...toDraft({ name: r.name, enabled: true, trigger: r.trigger, actions: r.actions }) })}
                >
                  <strong>{r.name}</strong>
                  <span className="muted small">{r.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <form ref={formRef} onSubmit={submit} noValidate className="stack-lg">
        <Section title="Basics">
          <div className="form-grid">
            <TextField label="Name" name="name" required value={draft.name} onChange={(e) => update({ name: e.target.value })} error={error} placeholder="Tag missed callers for the AI agent" />
          </div>
          <Toggle name="enabled" label="On" checked={draft.enabled} onChange={(enabled) => update({ enabled })} help="Off keeps the workflow but stops new runs." />
        </Section>
        <Section title="When" description="The event that starts the workflow, and an optional filter.">
          <div className="form-grid">
            <SelectField label="Trigger" name="trigger.type" value={t.type} onChange={(e) => setTrigger({ type: e.target.value as TriggerType })} error={error}>
              {TRIGGERS.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </SelectField>
            {NUMBER_TRIGGERS.includes(t.type) ? (
              <SelectField label="On number" name="trigger.phoneNumberId" value={t.phoneNumberId} onChange={(e) => setTrigger({ phoneNumberId: e.target.value })} error={error}>
                <option value="">Any of your numbers</option>
                {(numbers.data?.data ?? []).map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.name ? `${n.name} (${formatPhone(n.number)})` : formatPhone(n.number)}
                  </option>
                ))}
              </SelectField>
            ) : null}
            {TAG_TRIGGERS.includes(t.type) ? <TextField label="Only this tag" name="trigger.tag" value={t.tag} onChange={(e) => setTrigger({ tag: e.target.value })} error={error} placeholder="Any tag" /> : null}
            {t.type === 'contact.stage_changed' ? (
              <TextField label="Only moves to stage" name="trigger.stage" value={t.stage} list={stages.length ? 'workflow-stages' : undefined} onChange={(e) => setTrigger({ stage: e.target.value })} error={error} placeholder="Any stage" />
            ) : null}
          </div>
        </Section>
        <Section title="Then" description="Steps run in order. A wait pauses the run; conditions are checked when the step runs.">
          <ol className="action-list">
            {draft.actions.map((a, i) => (
              <ActionEditor
                key={i}
                action={a}
                index={i}
                count={draft.actions.length}
                error={error}
                businessName={workspace.data?.businessName ?? ''}
                footer={workspace.data?.optOutFooter ?? null}
                stages={stages}
                onChange={(next) => setAction(i, next)}
                onMove={(delta) => {
                  const j = i + delta;
                  if (j < 0 || j >= draft.actions.length) return;
                  const copy = [...draft.actions];
                  [copy[i], copy[j]] = [copy[j]!, copy[i]!];
                  update({ actions: copy });
                }}
                onRemove={() => update({ actions: draft.actions.filter((_, j) => j !== i) })}
              />
            ))}
          </ol>
          <button type="button" className="button" onClick={() => update({ actions: [...draft.actions, newAction('send_sms')] })} disabled={draft.actions.length >= 25}>
            Add a step
          </button>
          {stages.length ? (
            <datalist id="workflow-stages">
              {stages.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          ) : null}
        </Section>
        {warnings.length ? (
          <Notice kind="warning" title="Check this workflow">
            <ul>
              {warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
        <div className="save-bar">
          <div className="save-bar-row">
            <button type="submit" className="button button-primary" disabled={save.kind === 'saving'}>
              {save.kind === 'saving' ? 'Saving…' : id ? 'Save workflow' : 'Create workflow'}
            </button>
            <SaveStatus state={save} />
            {id ? (
              <button type="button" className="button button-danger push-right" onClick={remove}>
                Delete
              </button>
            ) : null}
          </div>
        </div>
      </form>
      {id ? <Runs id={id} /> : null}
    </>
  );
}
