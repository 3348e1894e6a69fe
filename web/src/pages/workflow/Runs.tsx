/**
 * A workflow's runs: each time the trigger happened, and what every step did, in words.
 */
import { api } from '../../api';
import { Badge } from '../../components/Badge';
import { EmptyState, ErrorNotice, Loading } from '../../components/Feedback';
import { Section } from '../../components/Layout';
import { formatDateTime } from '../../format';
import { useResource } from '../../hooks';
import { Link } from '../../router';
import { useWorkspace } from '../../session';
import type { Page, WorkflowRun } from '../../types';
import { actionLabel, triggerLabel } from '../../workflow-text';

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

export function Runs({ id }: { id: string }) {
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
