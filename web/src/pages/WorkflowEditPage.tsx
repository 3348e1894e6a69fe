/**
 * Create or edit a workflow: its trigger and the trigger's filter (number, tag or stage), the
 * ordered actions (each with an optional "only if" condition), on/off, and the runs so far with
 * every step's result. The server's warnings about the setup are shown after each save. The
 * draft's logic, the step editors and the runs list live under workflow/.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { CopyField } from '../components/CopyButton';
import { ErrorNotice, Loading, Notice, SaveStatus, type SaveState } from '../components/Feedback';
import { SelectField, TextField, Toggle, useFocusInvalid } from '../components/Field';
import { PageHeader, Section } from '../components/Layout';
import { formatPhone } from '../format';
import { useResource, useTitle } from '../hooks';
import { navigate } from '../router';
import { useWorkspace } from '../session';
import type { CreatedWorkflow, Page, PhoneNumber, Pipeline, TriggerType, WorkflowAction, WorkflowDetail, Workspace } from '../types';
import { NUMBER_TRIGGERS, RECIPES, TAG_TRIGGERS, TRIGGERS } from '../workflow-text';
import { NotFoundPage } from './NotFoundPage';
import { ActionEditor } from './workflow/ActionEditor';
import { Runs } from './workflow/Runs';
import { EMPTY, newAction, toBody, toDraft, type Draft } from './workflow/workflow-draft';

/** Signing secrets of workflows just created, handed from the create form to the edit page once. */
const createdSecrets = new Map<string, string>();

export function WorkflowEditPage({ id }: { id: string | null }) {
  const { base } = useWorkspace();
  const existing = useResource((signal) => (id ? api.get<WorkflowDetail>(`/api/v1/workflows/${encodeURIComponent(id)}`, { signal }) : Promise.resolve(null)), [id]);
  const numbers = useResource((signal) => api.get<Page<PhoneNumber>>('/api/v1/phone-numbers?limit=200', { signal }), []);
  const workspace = useResource((signal) => api.get<Workspace>('/api/v1/workspace', { signal }), []);
  const pipeline = useResource((signal) => api.get<Pipeline>('/api/v1/pipeline', { signal }).catch((): Pipeline => ({ stages: [], contactCounts: {}, updatedAt: null })), []);
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
      setWarnings(existing.data.warnings);
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
      if (id) {
        const saved = await api.patch<WorkflowDetail>(`/api/v1/workflows/${encodeURIComponent(id)}`, body);
        setWarnings(saved.warnings);
        setSave({ kind: 'saved', at: new Date() });
        existing.setData(saved);
      } else {
        const created = await api.post<CreatedWorkflow>('/api/v1/workflows', body);
        setWarnings(created.warnings);
        setSave({ kind: 'saved', at: new Date() });
        if (created.signingSecret) createdSecrets.set(created.id, created.signingSecret);
        navigate(`${base}/workflows/${encodeURIComponent(created.id)}`, { replace: true });
      }
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
