/**
 * How this process learns that a number's settings context changed, for its cache
 * (services/number-context-cache.ts). The triggers of migration 017 fire on every write to the
 * cached tables, from any connection or process, so nothing written can be missed; what differs
 * per database is how the news travels.
 *
 * SQLite: the triggers bump `settings_version`. Before serving from the cache, one statement reads
 * it (a primary-key read of one row, a few µs against the ~70 µs of the joined read it replaces);
 * when it moved, the cache is emptied first. A commit is seen by the very next webhook.
 *
 * PostgreSQL: the triggers NOTIFY `textback_settings`; this process LISTENs on the connection it
 * already holds for job wake-ups (store/pg-notifier.ts). The cache is emptied on every notification
 * and every (re)connect, and serves nothing while that connection is down. The window left: a
 * notification arrives a few ms after the commit that sent it, so a webhook in those ms still sees
 * the settings from before, the same order as today's race between a webhook's read and a change
 * committed right after it. Writes this process makes itself empty the cache when they commit
 * (Store.onCommittedWrite), without waiting for their own notification. A LISTEN connection that
 * died without the client noticing (no FIN, no error yet) would keep the cache in use until the
 * socket errors; TCP keepalive bounds that, as it does the job wake-ups.
 */
import { CompiledQuery } from 'kysely';
import type { Store } from '../store/database.js';
import { SETTINGS_CHANNEL, type PgNotifier } from '../store/pg-notifier.js';
import type { NumberContextCache } from './number-context-cache.js';

const settingsVersionQuery = CompiledQuery.raw('select version from settings_version where id = 1');

/** A write statement to one of the cached tables (as Kysely or a hand-written statement spells it). */
const SETTINGS_WRITE = /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+"?(?:phone_numbers|workspaces|carrier_accounts|workflows)\b/i;

/** Connects `cache` to the store's change signals; on PostgreSQL, call before `notifier.start()`. */
export function watchSettingsChanges(store: Store, cache: NumberContextCache, notifier: PgNotifier | null): void {
  if (store.dialect === 'sqlite') {
    let seen: number | undefined;
    cache.setFreshness(async () => {
      const version = Number((await store.db.executeQuery<{ version: number }>(settingsVersionQuery)).rows[0]?.version);
      if (version !== seen) {
        seen = version;
        cache.invalidate();
      }
      return true;
    });
    return;
  }
  // Without a LISTEN connection nothing tells this process about other processes' writes.
  if (!notifier) return;
  notifier.on(SETTINGS_CHANNEL, () => cache.invalidate());
  notifier.onConnectionChange(() => cache.invalidate());
  store.onCommittedWrite((text) => {
    if (SETTINGS_WRITE.test(text)) cache.invalidate();
  });
  cache.setFreshness(() => notifier.isListening());
}
