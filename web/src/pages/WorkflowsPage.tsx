/**
 * Workflows: what runs automatically when something happens (a missed call, a text, a tag), with a
 * switch to turn each on or off.
 */
import { useState } from 'react';
import { api } from '../api';
import { Badge } from '../components/Badge';
import { EmptyState, ErrorNotice, Loading } from '../components/Feedback';
import { PageHeader } from '../components/Layout';
import { formatPhone } from '../format';
import { useResource, useTitle } from '../hooks';
import { Link } from '../router';
import { useWorkspace } from '../session';
import type { Page, PhoneNumber, Workflow } from '../types';
import { describeAction, describeTrigger } from '../workflow-text';

function EnableSwitch({ workflow, onChange }: { workflow: Workflow; onChange: (w: Workflow) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = `wf-enabled-${workflow.id}`;
  return (
    <div className="toggle-field">
      <label className="toggle" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={workflow.enabled}
          disabled={busy}
          onChange={async (e) => {
            setBusy(true);
            setError(null);
            try {
              onChange(await api.patch<Workflow>(`/api/v1/workflows/${encodeURIComponent(workflow.id)}`, { enabled: e.target.checked }));
            } catch (err) {
              setError(err);
            } finally {
              setBusy(false);
            }
          }}
        />
        <span className="toggle-track" aria-hidden="true">
          <span className="toggle-thumb" />
        </span>
        <span className="toggle-label">
          {workflow.enabled ? 'On' : 'Off'}
          <span className="visually-hidden">: {workflow.name}</span>
        </span>
      </label>
      {error ? (
        <p className="field-error" role="alert">
          {(error as Error).message}
        </p>
      ) : null}
    </div>
  );
}

export function WorkflowsPage() {
  const { base } = useWorkspace();
  useTitle('Workflows');
  const workflows = useResource((signal) => api.get<Page<Workflow>>('/api/v1/workflows?limit=200', { signal }), []);
  const numbers = useResource((signal) => api.get<Page<PhoneNumber>>('/api/v1/phone-numbers?limit=200', { signal }), []);
  const numberName = (id: string) => {
    const n = numbers.data?.data.find((x) => x.id === id);
    return n ? n.name || formatPhone(n.number) : 'a removed number';
  };

  return (
    <>
      <PageHeader
        title="Workflows"
        description="Automatic steps when something happens: tag missed callers for the AI agent, text your team about voicemails, follow up later."
        actions={
          <Link to={`${base}/workflows/new`} className="button button-primary">
            New workflow
          </Link>
        }
      />
      {workflows.error ? <ErrorNotice error={workflows.error} onRetry={workflows.reload} /> : null}
      {!workflows.data && !workflows.error ? <Loading /> : null}
      {workflows.data && workflows.data.data.length === 0 ? (
        <EmptyState title="No workflows yet">
          <p>
            <Link to={`${base}/workflows/new`}>Create one</Link> from scratch or from a ready-made recipe.
          </p>
        </EmptyState>
      ) : null}
      {workflows.data && workflows.data.data.length > 0 ? (
        <ul className="card-list" aria-label="Workflows">
          {workflows.data.data.map((w) => (
            <li key={w.id} className="card workflow-card">
              <div className="workflow-card-main">
                <h2 className="number-title">
                  <Link to={`${base}/workflows/${encodeURIComponent(w.id)}`}>{w.name}</Link>
                </h2>
                <p className="muted small">When {describeTrigger(w.trigger, numberName).replace(/^A /, 'a ')}</p>
                <ol className="action-summary">
                  {w.actions.map((a, i) => (
                    <li key={i}>
                      {describeAction(a)}
                      {a.if ? <Badge>only if…</Badge> : null}
                    </li>
                  ))}
                </ol>
              </div>
              <EnableSwitch workflow={w} onChange={(updated) => workflows.setData((old) => ({ data: (old?.data ?? []).map((x) => (x.id === updated.id ? updated : x)), nextCursor: old?.nextCursor ?? null }))} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
