/**
 * The overview: how many missed calls became conversations. Missed → texted back → replied →
 * handled by the AI agent or staff, in total, per day (chart) and per number, with the median time
 * from a missed call to its text. New workspaces also get a short "try it" checklist.
 */
import { useMemo, useState } from 'react';
import { api } from '../api';
import { Notice, ErrorNotice, Loading } from '../components/Feedback';
import { Checkbox, SelectField } from '../components/Field';
import { FunnelChart, SERIES, type DayCounts } from '../components/FunnelChart';
import { PageHeader, Section } from '../components/Layout';
import { formatDay, formatDuration, formatPhone } from '../format';
import { useLiveRefresh, useResource, useTitle } from '../hooks';
import { Link, useLocation } from '../router';
import { useWorkspace } from '../session';
import type { DeploymentWarning, FunnelCounts, Overview, Page, PhoneNumber, Workspace } from '../types';
import { DeploymentWarnings } from '../components/NumberReadiness';

/** The overview refetches at most this often while calls and texts keep coming (hooks.ts useLiveRefresh). */
const OVERVIEW_REFRESH_MS = 5_000;

const ZERO: FunnelCounts = { missed: 0, texted: 0, replied: 0, leadsRecovered: 0, agentHandled: 0, staffHandled: 0 };

function add(a: FunnelCounts, b: FunnelCounts): FunnelCounts {
  return {
    missed: a.missed + b.missed,
    texted: a.texted + b.texted,
    replied: a.replied + b.replied,
    leadsRecovered: a.leadsRecovered + b.leadsRecovered,
    agentHandled: a.agentHandled + b.agentHandled,
    staffHandled: a.staffHandled + b.staffHandled,
  };
}

/** The calendar dates of the range, oldest first, as the workspace's time zone names them. */
function dateRange(to: string, days: number, timeZone: string | undefined): string[] {
  let end: string;
  try {
    end = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(to));
  } catch {
    end = to.slice(0, 10);
  }
  const [y, m, d] = end.split('-').map(Number);
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const dt = new Date(Date.UTC(y!, m! - 1, d! - i));
    out.push(dt.toISOString().slice(0, 10));
  }
  return out;
}

function pct(part: number, whole: number): string {
  if (!whole) return '—';
  return `${Math.round((part / whole) * 100)}%`;
}

function Stat({ label, value, note }: { label: string; value: string | number; note?: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>
        <span className="stat-value">{value}</span>
        {note ? <span className="stat-note">{note}</span> : null}
      </dd>
    </div>
  );
}

const WELCOME_HIDDEN_KEY = 'textback:welcome-hidden:';

/** The welcome checklist: each step ticks itself off from what the workspace has done. */
function GettingStarted({ done, onHide }: { done: boolean[]; onHide: () => void }) {
  const { base } = useWorkspace();
  const steps = [
    <>
      <Link to={`${base}/numbers`}>Look at your practice number</Link> and its missed-call text.
    </>,
    <>
      Open the <Link to={`${base}/simulator`}>phone simulator</Link>, call that number and let it ring out. The text arrives a moment later.
    </>,
    <>Reply from the virtual phone, e.g. “How much is your diagnostic fee?”, and watch the AI agent answer. (A ready-made workflow tags missed callers for the agent.)</>,
    <>
      Ready for real calls? <Link to={`${base}/twilio`}>Connect Twilio</Link> and import your number.
    </>,
  ];
  return (
    <Section
      title="Welcome! Try it in two minutes"
      description={`Your workspace has a practice number, sample answers and the AI agent switched on. ${done.filter(Boolean).length} of ${steps.length} done.`}
      actions={
        <button type="button" className="button button-small button-quiet" onClick={onHide}>
          Hide the checklist
        </button>
      }
    >
      <ol className="steps welcome-checklist">
        {steps.map((s, i) => (
          <li key={i} className={done[i] ? 'step-done' : undefined}>
            <span className="step-tick" aria-hidden="true">{done[i] ? '✓' : ''}</span>
            <span>
              {s}
              {done[i] ? <span className="visually-hidden"> (done)</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </Section>
  );
}

export function OverviewPage() {
  const { workspace } = useWorkspace();
  const { search } = useLocation();
  useTitle('Overview');
  const [days, setDays] = useState(14);
  const [numberId, setNumberId] = useState('');
  // Practice calls are left out of the figures, unless the workspace has nothing but practice numbers.
  const [includeChoice, setIncludeSandbox] = useState<boolean | null>(null);
  const numbersForDefault = useResource((signal) => api.get<Page<PhoneNumber>>('/api/v1/phone-numbers?limit=200', { signal }), []);
  const onlyPractice = !!numbersForDefault.data && numbersForDefault.data.data.every((n) => n.carrier === 'sandbox');
  const includeSandbox = includeChoice ?? onlyPractice;
  const [welcomeHidden, setWelcomeHidden] = useState(() => localStorage.getItem(WELCOME_HIDDEN_KEY + workspace.id) === '1');
  const stats = useResource(
    (signal) => api.get<Overview>(`/api/v1/stats/overview?days=${days}${includeSandbox ? '&includeSandbox=true' : ''}`, { signal }),
    [days, includeSandbox],
  );
  const numbers = useResource((signal) => api.get<Page<PhoneNumber>>('/api/v1/phone-numbers?limit=200', { signal }), []);
  const ws = useResource((signal) => api.get<Workspace>('/api/v1/workspace', { signal }), []);
  const warnings = useResource((signal) => api.get<{ data: DeploymentWarning[] }>('/api/v1/warnings', { signal }), []);
  // The figures are counted over days of calls: a large business's take most of a second to
  // count, so they follow a busy day every few seconds rather than on every event.
  useLiveRefresh(workspace.id, (e) => !e || e.type === 'call' || e.type === 'message', () => void stats.reload(), OVERVIEW_REFRESH_MS);

  const numberName = (id: string) => {
    const n = numbers.data?.data.find((x) => x.id === id);
    return n ? n.name || formatPhone(n.number) : 'Removed number';
  };

  const view = useMemo(() => {
    if (!stats.data) return null;
    const rows = stats.data.perDay.filter((r) => !numberId || r.phoneNumberId === numberId);
    const byDate = new Map<string, FunnelCounts>();
    for (const r of rows) byDate.set(r.date, add(byDate.get(r.date) ?? ZERO, r));
    const range = dateRange(stats.data.to, days, ws.data?.timezone);
    for (const d of byDate.keys()) if (!range.includes(d)) range.push(d);
    range.sort();
    const perDay: DayCounts[] = range.map((date) => ({ date, ...(byDate.get(date) ?? ZERO) }));
    const totals = numberId ? rows.reduce<FunnelCounts>((acc, r) => add(acc, r), ZERO) : stats.data.totals;
    const byNumber = new Map<string, FunnelCounts>();
    for (const r of stats.data.perDay) byNumber.set(r.phoneNumberId, add(byNumber.get(r.phoneNumberId) ?? ZERO, r));
    return { perDay, totals, byNumber };
  }, [stats.data, numberId, days, ws.data?.timezone]);

  const { role } = useWorkspace();
  const allNumbers = numbers.data?.data ?? [];
  const welcomeDone = [
    allNumbers.length > 0,
    !!stats.data && stats.data.sandboxMissed + stats.data.totals.missed > 0,
    !!stats.data && stats.data.totals.replied > 0,
    allNumbers.some((n) => n.carrier === 'twilio'),
  ];
  const showWelcome = search.get('welcome') === '1' || (!welcomeHidden && !welcomeDone.every(Boolean));
  const setHidden = (hidden: boolean) => {
    localStorage.setItem(WELCOME_HIDDEN_KEY + workspace.id, hidden ? '1' : '0');
    setWelcomeHidden(hidden);
  };
  const [clearing, setClearing] = useState(false);
  const clearPractice = async () => {
    if (!window.confirm('Delete every phone-simulator call and conversation? Real calls stay.')) return;
    setClearing(true);
    try {
      await api.del('/api/v1/sandbox/history');
      await stats.reload();
    } finally {
      setClearing(false);
    }
  };
  const t = view?.totals;
  const handled = t ? t.agentHandled + t.staffHandled : 0;
  const summary = t
    ? `Over the last ${days} days: ${t.missed} missed calls, ${t.texted} texted back, ${t.replied} replied, ${t.leadsRecovered} leads recovered, ${t.agentHandled} handled by the AI agent and ${t.staffHandled} by staff.`
    : '';

  return (
    <>
      <PageHeader
        title="Overview"
        description="How many missed calls turned into conversations."
        actions={
          <div className="filters filters-inline">
            <SelectField label="Period" name="days" value={String(days)} onChange={(e) => setDays(Number(e.target.value))}>
              <option value="7">Last 7 days</option>
              <option value="14">Last 14 days</option>
              <option value="30">Last 30 days</option>
              <option value="90">Last 90 days</option>
            </SelectField>
            <SelectField label="Number" name="numberId" value={numberId} onChange={(e) => setNumberId(e.target.value)}>
              <option value="">All numbers</option>
              {(numbers.data?.data ?? []).map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name || formatPhone(n.number)}
                </option>
              ))}
            </SelectField>
          </div>
        }
      />
      <DeploymentWarnings warnings={warnings.data?.data ?? []} />
      {showWelcome ? (
        <GettingStarted done={welcomeDone} onHide={() => setHidden(true)} />
      ) : (
        <p className="welcome-reopen">
          <button type="button" className="button button-small button-quiet" onClick={() => setHidden(false)}>
            Show the welcome checklist
          </button>
        </p>
      )}
      {stats.data ? (
        <div className="practice-filter">
          <Checkbox
            label={`Include practice calls from the phone simulator${stats.data.sandboxMissed ? ` (${stats.data.sandboxMissed})` : ''}`}
            name="includeSandbox"
            checked={includeSandbox}
            onChange={setIncludeSandbox}
          />
          {role === 'owner' && stats.data.sandboxMissed > 0 ? (
            <button type="button" className="button button-small" disabled={clearing} onClick={() => void clearPractice()}>
              Clear practice calls
            </button>
          ) : null}
        </div>
      ) : null}
      {stats.error ? <ErrorNotice error={stats.error} onRetry={stats.reload} /> : null}
      {!stats.data && !stats.error ? <Loading /> : null}
      {view && t ? (
        <>
          <section aria-label="Totals" className="card">
            <dl className="stats">
              <Stat label="Leads recovered" value={t.leadsRecovered} note="missed calls that became a conversation with a reply" />
              <Stat label="Missed calls" value={t.missed} />
              <Stat label="Texted back" value={t.texted} note={`${pct(t.texted, t.missed)} of missed`} />
              <Stat label="Replied" value={t.replied} note={`${pct(t.replied, t.texted)} of texted`} />
              <Stat label="Handled" value={handled} note={`${t.agentHandled} by AI agent · ${t.staffHandled} by staff, by who answered first`} />
              <Stat
                label="Median time to text"
                value={formatDuration(stats.data?.medianSecondsToText ?? null)}
                note={numberId ? 'all numbers' : 'from missed call to text'}
              />
            </dl>
          </section>
          <Section title="Per day">
            <FunnelChart days={view.perDay} summary={summary} />
            <details className="chart-table">
              <summary>Show the numbers per day</summary>
              <div className="table-wrap">
                <table className="responsive-table">
                  <caption className="visually-hidden">Per day</caption>
                  <thead>
                    <tr>
                      <th scope="col">Day</th>
                      {SERIES.map((s) => (
                        <th scope="col" key={s.key} className="num">
                          {s.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {view.perDay.map((d) => (
                      <tr key={d.date}>
                        <th scope="row">{formatDay(d.date)}</th>
                        {SERIES.map((s) => (
                          <td key={s.key} className="num" data-label={s.label}>
                            <span>{d[s.key]}</span>
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </Section>
          <Section title="Per number">
            {view.byNumber.size === 0 ? (
              <p className="muted">No missed calls in this period.</p>
            ) : (
              <div className="table-wrap">
                <table className="responsive-table">
                  <caption className="visually-hidden">Per number</caption>
                  <thead>
                    <tr>
                      <th scope="col">Number</th>
                      {SERIES.map((s) => (
                        <th scope="col" key={s.key} className="num">
                          {s.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {[...view.byNumber.entries()].map(([id, c]) => (
                      <tr key={id}>
                        <th scope="row">{numberName(id)}</th>
                        {SERIES.map((s) => (
                          <td key={s.key} className="num" data-label={s.label}>
                            <span>{c[s.key]}</span>
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
        </>
      ) : null}
      {stats.data && stats.data.totals.missed === 0 && !showWelcome ? <Notice>No missed calls in this period.</Notice> : null}
    </>
  );
}
