/**
 * Retry delay: exponential from 2 s, capped at 10 min, with "equal jitter" (half fixed, half
 * random) so a burst of failures against a recovering carrier does not retry in lockstep.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = 2_000;
  const cap = 10 * 60_000;
  const exp = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
