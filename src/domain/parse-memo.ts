/**
 * Remembers what a pure parse of stored JSON gave, keyed by the JSON text itself, so a settings
 * column read on every call (a number's settings, its workspace's) is parsed once per distinct
 * text instead of once per webhook and job (~1.5% of a missed call's CPU, docs/performance.md
 * round 8). The key is the text, not the row: an edited setting is a new text and parses anew, with
 * nothing to invalidate. Results are shared between callers, so they are frozen all the way down:
 * a caller that tried to change one would throw instead of changing it for everyone.
 */

/** Distinct texts kept; the oldest goes first. Each is one number's or workspace's settings (~1 KB). */
const DEFAULT_MAX_ENTRIES = 1_000;

export function memoizeParse<T extends object>(parse: (json: string) => T, maxEntries = DEFAULT_MAX_ENTRIES): (json: string) => T {
  const parsed = new Map<string, T>();
  return (json) => {
    const kept = parsed.get(json);
    if (kept !== undefined) return kept;
    const value = deepFreeze(parse(json));
    if (parsed.size >= maxEntries) parsed.delete(parsed.keys().next().value as string);
    parsed.set(json, value);
    return value;
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
