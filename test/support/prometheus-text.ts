/**
 * Reading figures out of a `/metrics` answer (Prometheus text format) in tests and the bench.
 */

/** The value of the first series of `name` carrying every label in `labels`; undefined when there is none. */
export function seriesValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

/**
 * How a process answered one shared report (`textback_dashboard_reads_total`, http/shared-reads.ts):
 * requests that computed it and requests that shared one; null when the series is absent (a build
 * from before round 25, or a process that never answered one).
 */
export function sharedReadAnswers(text: string, report: string): { computed: number; shared: number } | null {
  const computed = seriesValue(text, 'textback_dashboard_reads_total', { report, answer: 'computed' });
  const shared = seriesValue(text, 'textback_dashboard_reads_total', { report, answer: 'shared' });
  return computed === undefined || shared === undefined ? null : { computed, shared };
}
