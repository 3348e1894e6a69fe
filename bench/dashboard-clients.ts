/**
 * BENCH_DASHBOARDS=n: n dashboards left open on the bench's business's inbox while the calls play,
 * as staff keep them on a platform. Each holds the live event stream (/api/v1/events/stream, with
 * the business's API key) and, when something changes, refetches what the inbox shows: its page of
 * conversations and its counts (web/src/pages/InboxPage.tsx, web/src/inbox-counts.tsx). A refetch
 * aborts the one before it, as the dashboard's useResource does (the server may have started it
 * anyway).
 *
 * BENCH_DASHBOARD_REFRESH says when a dashboard refetches: `each` on every event, as the dashboard
 * before round 23 did (which also asked for the counts twice, once more for the navigation's badge),
 * or a number of ms, at most once per that interval, as it does now (web/src/live-refresh.ts, the
 * same code; 1000 is its default).
 *
 * BENCH_DASHBOARD_PAGE says which page is open: `inbox` (the default) or `overview`, whose figures
 * (14 days) are refetched at most once per BENCH_DASHBOARD_REFRESH ms too (the dashboard: 5000,
 * web/src/pages/OverviewPage.tsx).
 */
import http from 'node:http';
import { throttledRefresh } from '../web/src/live-refresh.js';

export interface DashboardClients {
  /** Closes the streams; returns the events heard and the reads asked, over all dashboards. */
  stop(): Promise<{ events: number; reads: number; failedReads: number }>;
}

const PAGE = '/api/v1/conversations?limit=25&status=open';
const COUNTS = '/api/v1/conversations/counts';
const OVERVIEW = '/api/v1/stats/overview?days=14';
export type DashboardPage = 'inbox' | 'overview';
/** What a refetch asks for: the inbox before round 23 read the counts for the badge too. */
const READS: Record<DashboardPage, { each: string[]; throttled: string[] }> = {
  inbox: { each: [PAGE, COUNTS, COUNTS], throttled: [PAGE, COUNTS] },
  overview: { each: [OVERVIEW], throttled: [OVERVIEW] },
};

export async function openDashboards(opts: { base: string; apiKey: string; count: number; refresh: 'each' | number; page: DashboardPage }): Promise<DashboardClients> {
  let events = 0;
  let reads = 0;
  let failedReads = 0;
  const timers = { now: () => performance.now(), setTimeout: (run: () => void, ms: number) => setTimeout(run, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
  const closers: Array<() => void> = [];
  const inFlight = new Set<Promise<unknown>>();

  const open = (): Promise<void> =>
    new Promise((resolve, reject) => {
      let current: AbortController | null = null;
      const refetch = () => {
        current?.abort();
        const controller = new AbortController();
        current = controller;
        for (const path of opts.refresh === 'each' ? READS[opts.page].each : READS[opts.page].throttled) {
          reads++;
          const read = fetch(`${opts.base}${path}`, { headers: { authorization: `Bearer ${opts.apiKey}` }, signal: controller.signal })
            .then((res) => res.arrayBuffer().then(() => (res.ok ? undefined : failedReads++)))
            .catch((err: Error) => (err.name === 'AbortError' ? undefined : failedReads++));
          inFlight.add(read);
          void read.finally(() => inFlight.delete(read));
        }
      };
      const throttle = opts.refresh === 'each' ? null : throttledRefresh(refetch, opts.refresh, timers);
      const req = http.get(`${opts.base}/api/v1/events/stream`, { headers: { authorization: `Bearer ${opts.apiKey}`, accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`live stream answered ${res.statusCode}`));
        // Closing the stream (stop) ends the response with an error: expected then.
        res.on('error', () => undefined);
        res.setEncoding('utf8');
        let buffered = '';
        res.on('data', (chunk: string) => {
          buffered += chunk;
          const messages = buffered.split('\n\n');
          buffered = messages.pop()!;
          for (const m of messages) {
            if (!m.startsWith('data: ')) continue;
            events++;
            if (throttle) throttle.request();
            else refetch();
          }
        });
        resolve();
      });
      req.on('error', reject);
      closers.push(() => {
        throttle?.cancel();
        current?.abort();
        req.destroy();
      });
    });

  for (let i = 0; i < opts.count; i++) await open();
  return {
    async stop() {
      for (const close of closers) close();
      await Promise.allSettled([...inFlight]);
      return { events, reads, failedReads };
    },
  };
}
