/**
 * Keyset pagination for every list in the API: newest first by (time, id), with an opaque cursor
 * holding the last row's keys. Stable under concurrent inserts, unlike offsets.
 */
import type { SelectQueryBuilder } from 'kysely';
import { badRequest } from '../errors.js';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export function encodeCursor(time: number, id: string): string {
  return Buffer.from(`${time}:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { time: number; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const sep = text.indexOf(':');
  const time = Number(text.slice(0, sep));
  const id = text.slice(sep + 1);
  if (sep < 1 || !Number.isFinite(time) || !id) throw badRequest('cursor is not valid', 'cursor');
  return { time, id };
}

/**
 * Applies ordering, the cursor and limit+1 to `query` (which must select `timeColumn` and `id`),
 * runs it, and returns the page with its next cursor.
 */
export async function paginate<DB, TB extends keyof DB, O extends { id: string }>(
  query: SelectQueryBuilder<DB, TB, O>,
  timeColumn: string,
  idColumn: string,
  page: PageRequest,
  timeOf: (row: O) => number,
): Promise<Page<O>> {
  // Kysely cannot type dynamic column references here; the columns are fixed by each caller.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  let q = query as unknown as SelectQueryBuilder<any, any, O>;
  if (page.cursor) {
    const c = decodeCursor(page.cursor);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
    q = q.where((eb: any) =>
      eb.or([eb(timeColumn, '<', c.time), eb.and([eb(timeColumn, '=', c.time), eb(idColumn, '<', c.id)])]),
    );
  }
  const rows = await q.orderBy(timeColumn, 'desc').orderBy(idColumn, 'desc').limit(page.limit + 1).execute();
  const data = rows.slice(0, page.limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > page.limit && last ? encodeCursor(timeOf(last), last.id) : null };
}
