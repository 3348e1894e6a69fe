/**
 * How this process learns that a number's settings context changed, for its cache
 * (services/number-context-cache.ts). The triggers of migration 017 fire on every write to the
 * cached tables, from any connection or process, so nothing written can be missed; what differs
 * per database is how the news travels.
 *
 * SQLite: the triggers bump `settings_version`. Before serving from the cache, one statement reads
 * it, at once (Store.readRowNow: a primary-key read of one row, ~1 µs, where the joined read it
 * replaces costs ~70 µs and any statement through the driver ~20 µs); when it moved, the cache is
 * emptied first. A commit, from this process or another, is seen by the very next webhook. Only
 * committed versions are compared (readRowNow reads a file through a read-only connection of its
 * own; in memory, while a transaction is open, the read waits for it through the driver): an
 * uncommitted bump rolled back and then committed again would otherwise look like no change at
 * all. The counter only ever grows.
 *
 * PostgreSQL: the triggers NOTIFY `textback_settings` with the workspace each changed row belongs
 * to (migration 020); this process LISTENs on the connection it already holds for job wake-ups
 * (store/pg-notifier.ts). A notification forgets that workspace's numbers; an empty one (a
 * TRUNCATE, a database from before 020) and every (re)connect empty the cache, and it serves
 * nothing while that connection is down. The window left: a notification arrives a few ms after
 * the commit that sent it, so a webhook in those ms still sees the settings from before, the same
 * order as today's race between a webhook's read and a change committed right after it. A write
 * this process makes itself (Store.onCommittedWrite: an owner's edit through the API, a readiness
 * check in ROLE=all) stops the cache serving from its commit until its own notification has been
 * heard, which a fence sent after it tells (FENCE below), so this process never serves what it
 * has just changed, and forgets only the business it changed.
 * A LISTEN connection that died without a word (a NAT that forgot the idle flow: no FIN, no error)
 * is found by the notifier's liveness check within 20 s (store/pg-notifier.ts); until then the
 * cache may serve settings from before a change made meanwhile, and from then on it serves nothing
 * until the connection is back (and emptied when it is).
 */
import { CompiledQuery } from 'kysely';
import type { Store } from '../store/database.js';
import { perStatementText } from '../store/per-statement-text.js';
import { SETTINGS_CHANNEL, type PgNotifier } from '../store/pg-notifier.js';
import type { NumberContextCache } from './number-context-cache.js';

const SETTINGS_VERSION_READ = 'select version from settings_version where id = 1';
const settingsVersionQuery = CompiledQuery.raw(SETTINGS_VERSION_READ);

/** A write statement to one of the cached tables (as Kysely or a hand-written statement spells it). */
const SETTINGS_WRITE = /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+"?(?:phone_numbers|workspaces|carrier_accounts|workflows)\b/i;

/** SETTINGS_WRITE's answer, once per statement text (it scans the whole text). */
const writesSettings = perStatementText((text) => SETTINGS_WRITE.test(text));

/** Connects `cache` to the store's change signals; on PostgreSQL, call before `notifier.start()`. */
export function watchSettingsChanges(store: Store, cache: NumberContextCache, notifier: PgNotifier | null): void {
  if (store.dialect === 'sqlite') {
    let seen: number | undefined;
    const compare = (version: number) => {
      if (version !== seen) {
        seen = version;
        cache.invalidate();
      }
      return true;
    };
    cache.setFreshness(() => {
      try {
        return compare(Number(store.readRowNow!(SETTINGS_VERSION_READ)?.version));
      } catch {
        // In memory, a transaction is open on the connection: read the committed version once it is over.
        return store.db.executeQuery<{ version: number }>(settingsVersionQuery).then((r) => compare(Number(r.rows[0]?.version)));
      }
    });
    return;
  }
  // Without a LISTEN connection nothing tells this process about other processes' writes.
  if (!notifier) return;
  let fencesSent = 0;
  notifier.on(SETTINGS_CHANNEL, (payload) => {
    // A fence comes after the notifications of the write it follows, each forgotten as it came.
    // Others' fences hold nothing here. An empty payload (a TRUNCATE, a database from before 020)
    // may be any workspace.
    if (payload.startsWith(FENCE)) cache.release(payload);
    else if (payload) cache.invalidateWorkspace(payload);
    else cache.invalidate();
  });
  // Signals sent while the connection was down never arrive, the fences among them: forget everything.
  notifier.onConnectionChange(() => {
    cache.releaseAll();
    cache.invalidate();
  });
  store.onCommittedWrite((text) => {
    if (!writesSettings(text)) return;
    const fence = `${FENCE}${notifier.origin}:${++fencesSent}`;
    cache.hold(fence);
    void notifier.notifyConfirmed(SETTINGS_CHANNEL, fence).then((sent) => {
      // Never to be heard: forget everything, which covers whatever the write changed.
      if (!sent && cache.release(fence)) cache.invalidate();
    });
  });
  cache.setFreshness(() => notifier.isListening());
}

/**
 * The payload of a signal a process sends itself on `textback_settings` after one of its own
 * writes to the cached tables. PostgreSQL delivers notifications in the order their transactions
 * committed, so once the fence is heard back the write's own notifications (which name its
 * workspaces) have been heard too. Until then the cache serves nothing: a webhook right after an
 * owner's edit reads the database, and the edit forgets only its own business's numbers. Every
 * other process ignores it (one from before migration 020 empties its cache, as for any signal).
 */
const FENCE = 'fence:';

