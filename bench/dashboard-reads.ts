/**
 * BENCH_READS=n: the dashboard's reads of the bench's business, timed after the measured calls.
 * The missed-call path is not the only thing a platform's large business runs: its owner opens the
 * inbox, its counts, a search, the calls and the overview, and each of these reads grows with the
 * business's history (BENCH_PREFILL with BENCH_PREFILL_BUSINESSES=1 gives one business a million
 * rows of it). On SQLite a read runs on the process's one thread, so for as long as it takes no
 * webhook is answered either.
 *
 * Each read runs `times` times, one after another, as one person clicking (no other load), through
 * the business's API key; the median and the slowest are printed.
 */

/** A read the dashboard makes, and the API path it makes it with. */
export interface DashboardRead {
  name: string;
  path: string;
}

export interface DashboardReadTiming extends DashboardRead {
  medianMs: number;
  maxMs: number;
}

type Api = (method: string, path: string, token: string) => Promise<any>;

/** The reads of the inbox, the contacts, the calls and the overview pages, as their first screens make them. */
export function dashboardReads(conversationId: string | undefined): DashboardRead[] {
  return [
    { name: 'inbox, all open', path: '/api/v1/conversations?limit=25&status=open' },
    { name: 'inbox, needs reply', path: '/api/v1/conversations?limit=25&status=open&view=needs_reply' },
    { name: 'inbox, unassigned', path: '/api/v1/conversations?limit=25&status=open&view=unassigned' },
    { name: 'inbox, handled by the AI', path: '/api/v1/conversations?limit=25&status=open&view=ai' },
    { name: "inbox's counts", path: '/api/v1/conversations/counts' },
    { name: 'inbox search, a name nobody has', path: '/api/v1/conversations?limit=25&q=Zebediah' },
    { name: 'inbox search, digits of a number', path: '/api/v1/conversations?limit=25&q=5550' },
    ...(conversationId ? [{ name: 'one conversation’s messages', path: `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages?limit=50` }] : []),
    { name: 'contacts', path: '/api/v1/contacts?limit=25' },
    { name: 'contacts search, a name nobody has', path: '/api/v1/contacts?limit=25&q=Zebediah' },
    { name: 'calls', path: '/api/v1/calls?limit=25' },
    { name: 'missed calls', path: '/api/v1/calls?limit=25&outcome=missed' },
    { name: 'overview, 14 days', path: '/api/v1/stats/overview?days=14' },
    { name: 'overview, 90 days', path: '/api/v1/stats/overview?days=90' },
  ];
}

export async function timeDashboardReads(api: Api, apiKey: string, times: number): Promise<DashboardReadTiming[]> {
  const first = await api('GET', '/api/v1/conversations?limit=1', apiKey);
  const timings: DashboardReadTiming[] = [];
  for (const read of dashboardReads(first.data[0]?.id)) {
    const ms: number[] = [];
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      await api('GET', read.path, apiKey);
      ms.push(performance.now() - started);
    }
    ms.sort((a, b) => a - b);
    timings.push({ ...read, medianMs: Math.round(ms[Math.floor((ms.length - 1) / 2)]! * 10) / 10, maxMs: Math.round(ms[ms.length - 1]! * 10) / 10 });
  }
  return timings;
}
