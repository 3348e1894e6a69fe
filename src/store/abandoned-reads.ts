/**
 * A report nobody waits for any more is not read. A dashboard that refetches aborts the request
 * before it, and a client polling in a loop does the same; a read the server had already taken was
 * read to its end for nobody (docs/performance.md, round 24), using the report thread's (or the
 * pool's reports') time while the live requests waited or were refused.
 *
 * The HTTP layer hands the services a reportDb that carries the request's check
 * (`reportDb.withPlugin(new ReadsFor(isGone))`); this plugin marks each statement it compiles with
 * the check, keyed by the statement's queryId (as Kysely's plugin docs suggest). Before a marked
 * statement is sent — on the report thread's line (sqlite-read-thread.ts) or on a pool connection
 * (database.ts) — the check runs, and a statement whose asker has gone fails with
 * `requestAbandoned()` instead of running. Nobody receives that answer: its client has gone.
 */
import type { CompiledQuery, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { AppError } from '../errors.js';

const askerGoneOf = new WeakMap<object, () => boolean>();

/** Marks every statement compiled through it with `isGone`: whether its asker stopped waiting. */
export class ReadsFor implements KyselyPlugin {
  constructor(private readonly isGone: () => boolean) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    askerGoneOf.set(args.queryId, this.isGone);
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** True when the statement was marked by ReadsFor and its asker has gone. */
export function isAbandoned(query: CompiledQuery): boolean {
  return askerGoneOf.get(query.queryId)?.() ?? false;
}

/** What an abandoned read fails with (499, as proxies log a request its client closed). */
export function requestAbandoned(): AppError {
  return new AppError(499, 'request_abandoned', 'The request was abandoned by its client before it was answered.');
}
