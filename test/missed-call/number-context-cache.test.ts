/**
 * The per-process cache of a called number's settings context (services/number-context-cache.ts):
 * a warm number costs its voice webhook no read of its own on PostgreSQL (on SQLite a one-row
 * version check replaces the joined read), and no change is missed, wherever it was written: the
 * HTTP API of this process, or raw SQL on another connection (another process, the CLI, an
 * operator). On PostgreSQL a change by another connection is seen once its NOTIFY arrived, and
 * while the LISTEN connection is down every read goes to the database.
 */
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { NumberContextCache } from '../../src/services/number-context-cache.js';
import { watchSettingsChanges } from '../../src/services/settings-change-watch.js';
import { PgNotifier } from '../../src/store/pg-notifier.js';
import { testDialect } from '../support/test-database.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';
import { postTwilioWebhook } from '../support/twilio-webhook-client.js';

const onPostgres = testDialect === 'postgres';

let f: TwilioFixture;
let cache: NumberContextCache;
let seq = 0;

beforeAll(async () => {
  f = await startTwilioFixture();
  cache = f.t.runtime.ctx.numberContexts!;
});
afterAll(async () => f?.close());

/**
 * A number added through the API, returned once this process's cache serves again: on PostgreSQL
 * the API's own write holds it until its notification is heard back.
 */
async function addNumber(...args: Parameters<TwilioFixture['addNumber']>) {
  const added = await f.addNumber(...args);
  await cache.unheld();
  return added;
}

const newNumber = () => `+1555018${String(1000 + seq++).padStart(4, '0')}`;
const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;

/** The voice webhook as the carrier sends it for a call to `to`; the statements it ran, by SQL. */
async function voice(to: string, ws: { accountSid: string; authToken: string } = f.ws) {
  const params = { CallSid: newCallSid(), AccountSid: ws.accountSid, From: `+1555019${String(1000 + seq++).padStart(4, '0')}`, To: to, CallStatus: 'ringing', Direction: 'inbound' };
  return { ...(await webhook(`${f.t.url}/webhooks/twilio/voice`, params, ws)), params };
}

/** The Dial's action (the dial result) for the call `voice` answered with `dialTwiml`: not answered. */
async function dialNotAnswered(voiceAnswer: { body: string; params: Record<string, string> }, ws: { accountSid: string; authToken: string } = f.ws) {
  const action = /<Dial[^>]* action="([^"]+)"/.exec(voiceAnswer.body)![1]!.replaceAll('&amp;', '&');
  return webhook(action, { ...voiceAnswer.params, CallStatus: 'in-progress', DialCallSid: newCallSid(), DialCallStatus: 'no-answer', DialBridged: 'false' }, ws);
}

/** A signed webhook; its answer and the statements it ran, by SQL. */
async function webhook(url: string, params: Record<string, string>, ws: { authToken: string }) {
  const statements: string[] = [];
  const stats = f.t.runtime.ctx.store.stats;
  stats.onStatement = (text) => statements.push(text);
  try {
    const res = await postTwilioWebhook(url, params, { authToken: ws.authToken });
    return { status: res.statusCode, body: res.body, statements };
  } finally {
    stats.onStatement = undefined;
  }
}

/** The call read with its number's part (workspace and all), as without a cache. */
const readsTheCallWhole = (statements: string[]) => statements.some((s) => /from "calls" as "c" .*inner join "workspaces"/.test(s));

const readsTheNumber = (statements: string[]) => statements.some((s) => /from "phone_numbers" as "pn" inner join "workspaces"/.test(s));

/** Runs `text` on a connection of its own, as another process (or an operator's psql) would. */
async function onOtherConnection(text: string, values: unknown[]): Promise<void> {
  const url = f.t.database.url;
  if (onPostgres) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text, values);
    } finally {
      await client.end();
    }
    return;
  }
  const other = new SQLite(url.slice('sqlite:'.length));
  try {
    other.prepare(text.replace(/\$\d+/g, '?')).run(values);
  } finally {
    other.close();
  }
}

/**
 * Runs a change made outside this process and returns once this process can know of it: at once on
 * SQLite (the next read checks the version), on PostgreSQL when its NOTIFY has emptied the cache.
 */
async function changedElsewhere(text: string, values: unknown[]): Promise<void> {
  const seen = cache.invalidations;
  await onOtherConnection(text, values);
  if (onPostgres) await cache.invalidatedSince(seen);
}

describe('a warm number', () => {
  it('costs its voice webhook no joined read: one statement fewer on PostgreSQL, a one-row version check instead on SQLite', async () => {
    const number = (await addNumber(f.ws, newNumber(), { forwardTo: ['+15550109999'] })).number;
    // As before the cache: every webhook reads the number.
    const ctx = f.t.runtime.ctx;
    ctx.numberContexts = undefined;
    const uncached = await voice(number).finally(() => (ctx.numberContexts = cache));
    await voice(number);
    const warm = await voice(number);
    expect([uncached.status, warm.status]).toEqual([200, 200]);
    expect(readsTheNumber(uncached.statements)).toBe(true);
    expect(readsTheNumber(warm.statements)).toBe(false);
    if (onPostgres) {
      expect(warm.statements.length).toBe(uncached.statements.length - 1);
    } else {
      expect(warm.statements.length).toBe(uncached.statements.length);
      expect(warm.statements.filter((s) => /settings_version/.test(s))).toHaveLength(1);
    }
    for (const res of [uncached, warm]) expect(res.body).toContain('<Number>+15550109999</Number>');
  });
});

describe('a dial result for a warm number', () => {
  it('reads only the call and its caller: as many statements on PostgreSQL, the version check besides on SQLite', async () => {
    const number = (await addNumber(f.ws, newNumber(), { forwardTo: ['+15550109961'], voicemail: { enabled: false } })).number;
    const ctx = f.t.runtime.ctx;
    ctx.numberContexts = undefined;
    const uncached = await dialNotAnswered(await voice(number)).finally(() => (ctx.numberContexts = cache));
    const warm = await dialNotAnswered(await voice(number));
    expect([uncached.status, warm.status]).toEqual([200, 200]);
    expect(readsTheCallWhole(uncached.statements)).toBe(true);
    expect(readsTheCallWhole(warm.statements)).toBe(false);
    expect(warm.statements.length).toBe(uncached.statements.length + (onPostgres ? 0 : 1));
    const calls = await ctx.db.selectFrom('calls').select(['outcome', 'textback_status']).where('to_number', '=', number).execute();
    expect(calls).toHaveLength(2);
    for (const call of calls) expect(call).toEqual({ outcome: 'missed', textback_status: 'pending' });
  });

  it('sees text-back turned off on another connection after the voice webhook: no text-back job', async () => {
    const created = await addNumber(f.ws, newNumber(), { forwardTo: ['+15550109962'], voicemail: { enabled: false } });
    await dialNotAnswered(await voice(created.number));
    const answered = await voice(created.number);
    const row = await f.t.runtime.ctx.db.selectFrom('phone_numbers').select('settings').where('id', '=', created.id).executeTakeFirstOrThrow();
    const settings = JSON.parse(row.settings) as { missedCallTextBack: { enabled: boolean } };
    settings.missedCallTextBack.enabled = false;
    await changedElsewhere('update phone_numbers set settings = $1 where id = $2', [JSON.stringify(settings), created.id]);
    expect((await dialNotAnswered(answered)).status).toBe(200);
    const call = await f.t.runtime.ctx.db.selectFrom('calls').selectAll().where('carrier_call_id', '=', answered.params.CallSid).executeTakeFirstOrThrow();
    expect(call.outcome).toBe('missed');
    expect(call.textback_status).not.toBe('pending');
    expect(await f.t.runtime.ctx.db.selectFrom('jobs').select('id').where('unique_key', '=', `textback:${call.id}`).execute()).toEqual([]);
  });
});

describe('a change takes effect on the next voice webhook', () => {
  it('made through the HTTP API (the forwarding numbers)', async () => {
    const created = await addNumber(f.ws, newNumber(), { forwardTo: ['+15550109991'] });
    expect((await voice(created.number)).body).toContain('+15550109991');
    expect((await voice(created.number)).body).toContain('+15550109991');
    const patched = await f.t.api('PATCH', `/api/v1/phone-numbers/${created.id}`, { token: f.ws.apiKey, body: { forwardTo: ['+15550109992'] } });
    expect(patched.status).toBe(200);
    const next = await voice(created.number);
    expect(next.body).toContain('+15550109992');
    expect(next.body).not.toContain('+15550109991');
  });

  it('made by raw SQL on another connection (the forwarding numbers)', async () => {
    const created = await addNumber(f.ws, newNumber(), { forwardTo: ['+15550109993'] });
    expect((await voice(created.number)).body).toContain('+15550109993');
    expect((await voice(created.number)).body).toContain('+15550109993');
    const row = await f.t.runtime.ctx.db.selectFrom('phone_numbers').select('settings').where('id', '=', created.id).executeTakeFirstOrThrow();
    const settings = JSON.parse(row.settings) as { forwardTo: string[] };
    settings.forwardTo = ['+15550109994'];
    await changedElsewhere('update phone_numbers set settings = $1 where id = $2', [JSON.stringify(settings), created.id]);
    const next = await voice(created.number);
    expect(next.body).toContain('+15550109994');
    expect(next.body).not.toContain('+15550109993');
  });

  it('made to the carrier credentials: a rotated key through the API, a removed account on another connection', async () => {
    const ws = await f.addWorkspace('Rotating Plumbing');
    const created = await addNumber(ws, newNumber(), { forwardTo: ['+15550109995'] });
    expect((await voice(created.number, ws)).status).toBe(200);
    expect((await voice(created.number, ws)).status).toBe(200);
    const rotated = randomBytes(16).toString('hex');
    f.sim.setAuthToken(ws.accountSid, rotated);
    const put = await f.t.api('PUT', '/api/v1/carriers/twilio', { token: ws.apiKey, body: { accountSid: ws.accountSid, authToken: rotated } });
    expect(put.status).toBe(200);
    expect((await voice(created.number, ws)).status).toBe(403);
    const now = { ...ws, authToken: rotated };
    expect((await voice(created.number, now)).status).toBe(200);
    expect((await voice(created.number, now)).status).toBe(200);
    await changedElsewhere('delete from carrier_accounts where workspace_id = $1', [ws.id]);
    expect((await voice(created.number, now)).status).toBe(403);
  });

  it('removing the number on another connection: its webhooks are refused at once', async () => {
    const created = await addNumber(f.ws, newNumber(), { forwardTo: ['+15550109996'] });
    expect((await voice(created.number)).status).toBe(200);
    expect((await voice(created.number)).status).toBe(200);
    await changedElsewhere('update phone_numbers set number = $1 where id = $2', [newNumber(), created.id]);
    expect((await voice(created.number)).status).toBe(403);
  });
});

describe('a workflow listening to new contacts', () => {
  const contactCreated = (workspaceId: string) =>
    f.t.runtime.ctx.db.selectFrom('events').select('contact_id').where('workspace_id', '=', workspaceId).where('type', '=', 'contact.created').execute();

  it('created through the API is heard on the next call; disabled on another connection it is not', async () => {
    const ws = await f.addWorkspace('Listening Plumbing');
    const created = await addNumber(ws, newNumber(), { forwardTo: ['+15550109971'] });
    expect((await voice(created.number, ws)).status).toBe(200);
    expect(await contactCreated(ws.id)).toHaveLength(0);
    const wf = await f.t.api('POST', '/api/v1/workflows', {
      token: ws.apiKey,
      body: { name: 'Tag new callers', enabled: true, trigger: { type: 'contact.created' }, actions: [{ type: 'add_tag', tag: 'new' }] },
    });
    expect(wf.status).toBe(201);
    expect((await voice(created.number, ws)).status).toBe(200);
    expect(await contactCreated(ws.id)).toHaveLength(1);
    await changedElsewhere('update workflows set enabled = 0 where id = $1', [wf.body.id]);
    expect((await voice(created.number, ws)).status).toBe(200);
    expect(await contactCreated(ws.id)).toHaveLength(1);
  });
});

describe('a number paused on another connection', () => {
  it('is not texted for the next missed call', async () => {
    const created = await addNumber(f.ws, newNumber(), { forwardTo: ['+15550109997'], voicemail: { enabled: false } });
    await f.t.drainJobs();
    await f.call(f.ws, created, { scenario: 'no-answer', from: '+15550171001' });
    await f.t.drainJobs();
    const texted = f.sim.messages.length;
    await changedElsewhere('update phone_numbers set textback_paused_at = $1, textback_paused_reason = $2 where id = $3', [f.t.clock.now(), 'carrier blocks', created.id]);
    await f.call(f.ws, created, { scenario: 'no-answer', from: '+15550171002' });
    await f.t.drainJobs();
    expect(f.sim.messages.length).toBe(texted);
    const call = await f.t.runtime.ctx.db.selectFrom('calls').select(['textback_status', 'textback_reason']).where('from_number', '=', '+15550171002').executeTakeFirstOrThrow();
    expect(call.textback_status).toBe('skipped');
    expect(call.textback_reason).toMatch(/paused.*carrier blocks/);
  });
});

describe.runIf(onPostgres)("another business's change", () => {
  /** A number of this business's and one of another's (`businessName`), both kept by the cache. */
  async function oursAndTheirsWarm(businessName: string) {
    const other = await f.addWorkspace(businessName);
    const ours = (await addNumber(f.ws, newNumber(), { forwardTo: ['+15550109971'] })).number as string;
    const theirs = await addNumber(other, newNumber(), { forwardTo: ['+15550109972'] });
    await voice(ours);
    await voice(theirs.number, other);
    return { other, ours, theirs };
  }

  it("forgets that business's numbers only: this business's stay warm", async () => {
    const { other, ours, theirs } = await oursAndTheirsWarm('Other Dental');
    expect(readsTheNumber((await voice(ours)).statements)).toBe(false);
    expect(readsTheNumber((await voice(theirs.number, other)).statements)).toBe(false);

    // As the other number's daily readiness check writes it, from a worker process.
    await changedElsewhere('update phone_numbers set readiness = $1 where id = $2', [JSON.stringify({ status: 'ready', checks: [], checkedAt: new Date(f.t.clock.now()).toISOString() }), theirs.id]);
    expect(readsTheNumber((await voice(ours)).statements)).toBe(false);
    expect(readsTheNumber((await voice(theirs.number, other)).statements)).toBe(true);

    // A change to the other business itself (its row in workspaces) likewise.
    await voice(theirs.number, other);
    await changedElsewhere("update workspaces set name = name || ' ' where id = $1", [other.id]);
    expect(readsTheNumber((await voice(ours)).statements)).toBe(false);
    expect(readsTheNumber((await voice(theirs.number, other)).statements)).toBe(true);
  });

  it("one statement over several businesses' rows forgets each of them and no other", async () => {
    const businesses = await Promise.all(['North', 'South', 'East'].map((name) => f.addWorkspace(`${name} Dental`)));
    const numbers = [];
    for (const ws of businesses) numbers.push({ ws, number: (await addNumber(ws, newNumber(), { forwardTo: ['+15550109975'] })).number as string });
    const ours = (await addNumber(f.ws, newNumber(), { forwardTo: ['+15550109976'] })).number;
    for (const n of numbers) await voice(n.number, n.ws);
    await voice(ours);

    await onOtherConnection("update workspaces set name = name || ' ' where id = any($1)", [businesses.slice(0, 2).map((ws) => ws.id)]);
    // One notification per business: heard once neither of the two is kept.
    while (numbers.slice(0, 2).some((n) => cache.byNumber(n.number))) await cache.invalidatedSince(cache.invalidations);
    const reread = [];
    for (const n of numbers) reread.push(readsTheNumber((await voice(n.number, n.ws)).statements));
    expect(reread).toEqual([true, true, false]);
    expect(readsTheNumber((await voice(ours)).statements)).toBe(false);
  });

  it("an edit through this process's API is read by the next webhook, and forgets that business only", async () => {
    const { other, ours, theirs } = await oursAndTheirsWarm('Fourth Dental');
    const seen = cache.invalidations;

    const patched = await f.t.api('PATCH', `/api/v1/phone-numbers/${theirs.id}`, { token: other.apiKey, body: { forwardTo: ['+15550109979'] } });
    expect(patched.status).toBe(200);
    // Nothing was emptied at the commit: the cache is held until the edit's notification is back.
    expect(cache.byNumber(ours)).toBeDefined();
    const next = await voice(theirs.number, other);
    expect(next.body).toContain('+15550109979');

    await cache.unheld();
    expect(cache.invalidations).toBeGreaterThan(seen);
    expect(readsTheNumber((await voice(ours)).statements)).toBe(false);
    expect((await voice(theirs.number, other)).body).toContain('+15550109979');
  });

  it('a number moved to another business is forgotten by both', async () => {
    const other = await f.addWorkspace('Third Dental');
    const moved = await addNumber(f.ws, newNumber(), { forwardTo: ['+15550109973'] });
    const stays = (await addNumber(other, newNumber(), { forwardTo: ['+15550109974'] })).number;
    await voice(moved.number);
    await voice(stays, other);
    await onOtherConnection('update phone_numbers set workspace_id = $1 where id = $2', [other.id, moved.id]);
    // A notification per workspace: this waits for both (it would wait for ever if one never came).
    while (cache.byNumber(moved.number) || cache.byNumber(stays)) await cache.invalidatedSince(cache.invalidations);
  });
});

describe.runIf(onPostgres)('the LISTEN connection lost', () => {
  /** Resolves when the notifier reports `listening`. */
  const connection = (listening: boolean) =>
    new Promise<void>((resolve) => {
      let done = false;
      f.t.runtime.notifier!.onConnectionChange((now) => {
        if (now === listening && !done) {
          done = true;
          resolve();
        }
      });
    });

  it('every read goes to the database until it is back; then the cache serves again', async () => {
    const created = await addNumber(f.ws, newNumber(), { forwardTo: ['+15550109981'] });
    await voice(created.number);
    expect(readsTheNumber((await voice(created.number)).statements)).toBe(false);

    // The server's own database for ALTER DATABASE; a connection to the test database opened first.
    const dbUrl = new URL(f.t.database.url);
    const dbName = dbUrl.pathname.slice(1);
    const admin = new pg.Client({ connectionString: Object.assign(new URL(dbUrl), { pathname: '/postgres' }).toString() });
    const other = new pg.Client({ connectionString: f.t.database.url });
    await admin.connect();
    await other.connect();
    try {
      // No new connection to this database (the notifier cannot come back), then drop the LISTEN one.
      await admin.query(`alter database ${dbName} allow_connections false`);
      const lost = connection(false);
      await other.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen %'");
      await lost;
      expect(f.t.runtime.notifier!.isListening()).toBe(false);

      // A change whose NOTIFY nobody hears: the webhook reads the database and sees it.
      const row = await f.t.runtime.ctx.db.selectFrom('phone_numbers').select('settings').where('id', '=', created.id).executeTakeFirstOrThrow();
      const settings = JSON.parse(row.settings) as { forwardTo: string[] };
      settings.forwardTo = ['+15550109982'];
      await other.query('update phone_numbers set settings = $1 where id = $2', [JSON.stringify(settings), created.id]);
      for (let i = 0; i < 2; i++) {
        const down = await voice(created.number);
        expect(readsTheNumber(down.statements)).toBe(true);
        expect(down.body).toContain('+15550109982');
      }
      expect(cache.size).toBe(0);

      const back = connection(true);
      await admin.query(`alter database ${dbName} allow_connections true`);
      await back;
    } finally {
      await admin.query(`alter database ${dbName} allow_connections true`).catch(() => undefined);
      await admin.end();
      await other.end();
    }
    expect(readsTheNumber((await voice(created.number)).statements)).toBe(true);
    expect(readsTheNumber((await voice(created.number)).statements)).toBe(false);
  });
});

describe.runIf(onPostgres)("a fence this process cannot send after its own write", () => {
  it('empties the cache and lifts the hold, rather than leaving the cache unservable for ever', async () => {
    // A second cache on the app's own store, whose signals go to a port nothing listens on.
    const store = f.t.runtime.ctx.store;
    const nowhere = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2_000 });
    const notifier = new PgNotifier(f.t.database.url, nowhere, pino({ level: 'silent' }));
    const isolated = new NumberContextCache();
    watchSettingsChanges(store, isolated, notifier);
    try {
      const seen = isolated.invalidations;
      await store.db.updateTable('workspaces').set({ updated_at: f.t.clock.now() }).where('id', '=', f.ws.id).execute();
      await isolated.unheld();
      expect(isolated.invalidations).toBeGreaterThan(seen);
    } finally {
      await notifier.stop();
      await nowhere.end();
    }
  });
});
