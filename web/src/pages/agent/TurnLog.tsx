/**
 * The log of every turn the agent took in real conversations.
 */
import { api } from '../../api';
import { Badge } from '../../components/Badge';
import { EmptyState, ErrorNotice, Loading } from '../../components/Feedback';
import { Section } from '../../components/Layout';
import { formatDateTime } from '../../format';
import { useLiveRefresh, useResource } from '../../hooks';
import { Link } from '../../router';
import { useWorkspace } from '../../session';
import type { AgentTurn, Page } from '../../types';

function turnStatus(t: AgentTurn): { label: string; tone: 'good' | 'warn' | 'bad' | 'neutral' } {
  if (t.error || t.status === 'failed' || t.status === 'error') return { label: 'Failed', tone: 'bad' };
  if (t.handoffReason || t.status === 'handoff') return { label: 'Handed off', tone: 'warn' };
  if (t.status === 'replied' || t.reply) return { label: 'Replied', tone: 'good' };
  return { label: t.status.replace(/_/g, ' '), tone: 'neutral' };
}

function passageTitles(p: unknown): string[] {
  if (!Array.isArray(p)) return [];
  const titles = p.map((x) => (x && typeof x === 'object' && 'title' in x ? String((x as { title: unknown }).title) : '')).filter(Boolean);
  return [...new Set(titles)];
}

export function TurnLog() {
  const { base, workspace } = useWorkspace();
  const turns = useResource((signal) => api.get<Page<AgentTurn>>('/api/v1/agent/turns?limit=50', { signal }), []);
  useLiveRefresh(workspace.id, (e) => !e || e.type === 'message', () => void turns.reload());
  return (
    <Section title="What the agent did" description="Every turn the agent took in a real conversation: what it replied, what it looked up, and when it handed off.">
      {turns.error ? <ErrorNotice error={turns.error} onRetry={turns.reload} /> : null}
      {!turns.data && !turns.error ? <Loading /> : null}
      {turns.data && turns.data.data.length === 0 ? <EmptyState title="No turns yet">When a tagged contact texts, the agent's answers are logged here.</EmptyState> : null}
      {turns.data && turns.data.data.length > 0 ? (
        <ol className="turn-log">
          {turns.data.data.map((t) => {
            const s = turnStatus(t);
            const titles = passageTitles(t.passages);
            return (
              <li key={t.id} className="turn">
                <div className="row-between">
                  <div className="badge-row">
                    <Badge tone={s.tone}>{s.label}</Badge>
                    <span className="muted small">
                      <time dateTime={t.createdAt}>{formatDateTime(t.createdAt)}</time> · {t.provider === 'builtin' ? 'built-in' : t.provider}
                      {t.model && t.model !== t.provider ? ` ${t.model}` : ''}
                      {t.latencyMs !== null ? ` · ${t.latencyMs} ms` : ''}
                    </span>
                  </div>
                  <Link to={`${base}/inbox/${encodeURIComponent(t.conversationId)}`} className="small">
                    Open conversation
                  </Link>
                </div>
                {t.reply ? <p className="turn-reply">“{t.reply}”</p> : null}
                {t.handoffReason ? <p className="small">Handed off: {t.handoffReason}</p> : null}
                {t.error ? <p className="small field-error">{t.error}</p> : null}
                {titles.length ? <p className="muted small">Looked up: {titles.join(', ')}</p> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </Section>
  );
}
