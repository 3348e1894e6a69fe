/**
 * A report whose asker has gone is not run (store/abandoned-reads.ts): through the real store on
 * the database of this run (on SQLite the report thread, on PostgreSQL a pool connection), and
 * through the HTTP layer's check on a real socket (http/report-reads.ts).
 */
import http from 'node:http';
import type net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { withReportsFor } from '../../src/http/report-reads.js';
import { ReadsFor } from '../../src/store/abandoned-reads.js';
import type { Store } from '../../src/store/database.js';
import type { TestDatabase } from '../support/test-database.js';
import { closeTestStore, openTestStore } from '../support/test-store.js';

let database: TestDatabase;
let store: Store;
beforeAll(async () => ({ database, store } = await openTestStore({ poolSize: 2 })));
afterAll(() => closeTestStore({ database, store }));

/** A statement that fails if it runs: the error says whether it ran. */
const wouldFail = (db: Store['reportDb']) => sql`select * from no_such_table`.execute(db).catch((err: unknown) => err);

it("runs a report while its asker waits, and not once the asker has gone", async () => {
  let gone = false;
  const reports = store.reportDb.withPlugin(new ReadsFor(() => gone));
  expect(await wouldFail(reports)).toMatchObject({ message: expect.stringMatching(/no_such_table/) });
  gone = true;
  expect(await wouldFail(reports)).toMatchObject({ status: 499, code: 'request_abandoned' });
  // Only the marked statements: the store's own handles run as before.
  expect(await wouldFail(store.reportDb)).toMatchObject({ message: expect.stringMatching(/no_such_table/) });
});

it("marks a route's reports with whether its client is still connected", async () => {
  // A real HTTP exchange whose answer the server holds back, as a long report does.
  let arrived!: (req: http.IncomingMessage) => void;
  const request = new Promise<http.IncomingMessage>((resolve) => (arrived = resolve));
  const server = http.createServer((req) => arrived(req));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = http.get({ host: '127.0.0.1', port: (server.address() as net.AddressInfo).port, path: '/api/v1/stats/overview' });
  client.on('error', () => undefined);
  const req = await request;
  try {
    const ctx = withReportsFor({ store } as unknown as AppContext, { raw: req } as never);
    expect(await wouldFail(ctx.store.reportDb)).toMatchObject({ message: expect.stringMatching(/no_such_table/) });
    // The client gives up (a refetch aborts the one before it).
    const closed = new Promise((resolve) => req.socket.once('close', resolve));
    client.destroy();
    await closed;
    expect(await wouldFail(ctx.store.reportDb)).toMatchObject({ status: 499, code: 'request_abandoned' });
  } finally {
    server.close();
  }
});
