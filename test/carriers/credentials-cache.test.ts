/**
 * Carrier credentials are decrypted once per process and reused while the stored row is unchanged
 * (loadCarrierCredentials). Two Textback processes on one database with one SECRET_KEY: a change
 * saved by one must be what the other uses on its very next webhook or send — including a change
 * saved within the same millisecond (the manual clock never moves here), and a removal.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  carrierSecretContext,
  loadCarrierCredentials,
  MAX_OPEN_CARRIER_ACCOUNTS,
  openCarrierCredentials,
  saveCarrierCredentials,
} from '../../src/services/carrier-accounts.js';
import { carrierClientFor } from '../../src/services/carrier-clients.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let database: TestDatabase;
let a: TestApp;
let b: TestApp;
let workspaceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const env = { SECRET_KEY: randomBytes(32).toString('base64') };
  a = await startTestApp({ database, env });
  b = await startTestApp({ database, env });
  workspaceId = (await a.createWorkspace()).id;
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await database?.drop();
});

describe('decrypted carrier credentials, cached per process', () => {
  it("one process sees another's change on its next read, even within the same millisecond", async () => {
    const ctxA = a.runtime.ctx;
    const ctxB = b.runtime.ctx;
    await saveCarrierCredentials(ctxA, workspaceId, 'twilio', { accountId: 'AC1', secret: 'first-token' });
    const first = await loadCarrierCredentials(ctxA, workspaceId, 'twilio');
    expect(first).toEqual({ accountId: 'AC1', secret: 'first-token' });
    // Unchanged row: the same decrypted object comes back (nothing decrypted again).
    expect(await loadCarrierCredentials(ctxA, workspaceId, 'twilio')).toBe(first);

    // The other process replaces the token; neither clock has moved, so updated_at is identical.
    await saveCarrierCredentials(ctxB, workspaceId, 'twilio', { accountId: 'AC1', secret: 'second-token' });
    expect(await loadCarrierCredentials(ctxA, workspaceId, 'twilio')).toEqual({ accountId: 'AC1', secret: 'second-token' });

    // Extra fields (SignalWire's space) change the cache key too.
    await saveCarrierCredentials(ctxB, workspaceId, 'twilio', { accountId: 'AC1', secret: 'second-token', extra: { space: 'acme' } });
    expect(await loadCarrierCredentials(ctxA, workspaceId, 'twilio')).toEqual({ accountId: 'AC1', secret: 'second-token', extra: { space: 'acme' } });
  });

  it('credentials removed by another process are gone for this one too', async () => {
    const ctxA = a.runtime.ctx;
    await saveCarrierCredentials(ctxA, workspaceId, 'signalwire', { accountId: 'P1', secret: 'pt-token', extra: { space: 'acme' } });
    expect(await loadCarrierCredentials(ctxA, workspaceId, 'signalwire')).not.toBeNull();
    await b.runtime.ctx.db.deleteFrom('carrier_accounts').where('workspace_id', '=', workspaceId).where('carrier', '=', 'signalwire').execute();
    expect(await loadCarrierCredentials(ctxA, workspaceId, 'signalwire')).toBeNull();
  });

  it('a process holding another master key never gets the cached clear text', async () => {
    // Same database, a different SECRET_KEY: it must fail to open the row, not reuse a's result.
    const other = await startTestApp({ database, env: { SECRET_KEY: randomBytes(32).toString('base64') } });
    try {
      await saveCarrierCredentials(a.runtime.ctx, workspaceId, 'twilio', { accountId: 'AC2', secret: 'third-token' });
      expect(await loadCarrierCredentials(a.runtime.ctx, workspaceId, 'twilio')).toEqual({ accountId: 'AC2', secret: 'third-token' });
      await expect(loadCarrierCredentials(other.runtime.ctx, workspaceId, 'twilio')).rejects.toThrow();
    } finally {
      await other.close();
    }
  });

  it("keeps one carrier client per decrypted credentials: the same while the row is unchanged, a new one after another process's change", async () => {
    const ctxA = a.runtime.ctx;
    await saveCarrierCredentials(ctxA, workspaceId, 'twilio', { accountId: 'AC3', secret: 'fourth-token' });
    const first = await carrierClientFor(ctxA, workspaceId, 'twilio');
    expect(await carrierClientFor(ctxA, workspaceId, 'twilio')).toBe(first);
    await saveCarrierCredentials(b.runtime.ctx, workspaceId, 'twilio', { accountId: 'AC3', secret: 'fifth-token' });
    const second = await carrierClientFor(ctxA, workspaceId, 'twilio');
    expect(second).not.toBe(first);
    expect(await carrierClientFor(ctxA, workspaceId, 'twilio')).toBe(second);
  });
});

describe('more businesses than the cache holds', () => {
  it('the account used least recently goes first: a business sending now keeps its credentials and client', async () => {
    const ctx = a.runtime.ctx;
    const rowFor = (ws: string) => ({
      account_id: `AC${ws}`,
      secret_ciphertext: ctx.secrets.seal(`token-${ws}`, carrierSecretContext(ws, 'twilio')),
      extra_ciphertext: null,
    });
    const busy = rowFor('ws-busy');
    const first = openCarrierCredentials(ctx, 'ws-busy', 'twilio', busy);
    const quiet = rowFor('ws-quiet');
    const quietFirst = openCarrierCredentials(ctx, 'ws-quiet', 'twilio', quiet);
    // As many other businesses as the cache holds open their accounts while `busy` keeps sending.
    for (let i = 0; i < MAX_OPEN_CARRIER_ACCOUNTS; i++) {
      openCarrierCredentials(ctx, `ws-${i}`, 'twilio', rowFor(`ws-${i}`));
      if (i % 100 === 0) expect(openCarrierCredentials(ctx, 'ws-busy', 'twilio', busy)).toBe(first);
    }
    expect(openCarrierCredentials(ctx, 'ws-busy', 'twilio', busy)).toBe(first);
    // The business that sent nothing meanwhile was dropped: opened again, it is a new object.
    const quietAgain = openCarrierCredentials(ctx, 'ws-quiet', 'twilio', quiet);
    expect(quietAgain).toEqual(quietFirst);
    expect(quietAgain).not.toBe(quietFirst);
  });
});
