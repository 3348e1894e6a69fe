/**
 * The inbox's "handled by the AI" and "needs reply" views (migration 021): which conversations
 * each holds as the agent and people answer, the counts beside them, the indexes that serve them,
 * and the backfill of when the agent last answered for conversations from before the migration.
 * Over real HTTP: a signed-in owner, callers playing the demo (sandbox) number, whose missed-call
 * workflow tags each caller for the agent.
 */
import { CompiledQuery, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../accounts/browser-session.js';
import { migrateToLatest } from '../../src/store/database.js';
import { migrations } from '../../src/store/migrations/index.js';
import type { TestApp } from '../support/test-app.js';
import { startDemoBusiness } from './demo-business.js';

let t: TestApp;
let owner: Browser;
let demoNumber: string;

beforeAll(async () => ({ t, owner, demoNumber } = await startDemoBusiness()));
afterAll(async () => t?.close());

/** A missed call from `phone` (tagged for the agent by the demo's workflow), then a text the agent answers when `asks`. */
async function callerWhoAsks(phone: string, asks: string | null): Promise<string> {
  await owner.post('/api/v1/sandbox/calls', { to: demoNumber, from: phone, outcome: 'no-answer' });
  t.clock.advance(60_000);
  await t.drainJobs();
  if (asks) {
    await owner.post('/api/v1/sandbox/messages', { to: demoNumber, from: phone, body: asks });
    await t.drainJobs();
    t.clock.advance(15_000);
    await t.drainJobs();
  }
  const list = await owner.get('/api/v1/conversations?limit=200');
  return list.body.data.find((c: any) => c.contact.phone === phone).id;
}

const idsIn = async (view: string) => (await owner.get(`/api/v1/conversations?view=${view}&status=open&limit=200`)).body.data.map((c: any) => c.id).sort();
const openCounts = async () => (await owner.get('/api/v1/conversations/counts')).body.open;

describe('the "handled by the AI" view', () => {
  let answered: string;
  let personAnswered: string;
  let aiTurnedOff: string;
  let onlyTextBack: string;

  beforeAll(async () => {
    answered = await callerWhoAsks('+15125550301', 'What are your opening hours?');
    personAnswered = await callerWhoAsks('+15125550302', 'What are your opening hours?');
    aiTurnedOff = await callerWhoAsks('+15125550303', 'What are your opening hours?');
    onlyTextBack = await callerWhoAsks('+15125550304', null);
    const agentTexts = await t.runtime.ctx.db.selectFrom('messages').select('conversation_id').where('author', '=', 'agent').execute();
    expect(new Set(agentTexts.map((m) => m.conversation_id))).toEqual(new Set([answered, personAnswered, aiTurnedOff]));
  });

  it('holds the conversations the agent answered, no person has, and the AI is on for; the count says as many', async () => {
    expect(await idsIn('ai')).toEqual([answered, personAnswered, aiTurnedOff].sort());
    expect((await openCounts()).ai).toBe(3);

    expect((await owner.post(`/api/v1/conversations/${personAnswered}/messages`, { body: 'I can take this one.' })).status).toBe(201);
    expect((await owner.request('PATCH', `/api/v1/conversations/${aiTurnedOff}`, { body: { aiEnabled: false } })).status).toBe(200);
    expect(await idsIn('ai')).toEqual([answered]);
    expect((await openCounts()).ai).toBe(1);
  });

  it('a conversation from before migration 021 gets the time of its last agent text', async () => {
    const db = t.runtime.ctx.db;
    const lastAgentText = await db.selectFrom('messages').select((eb) => eb.fn.max('created_at').as('at')).where('conversation_id', '=', answered).where('author', '=', 'agent').executeTakeFirstOrThrow();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('020-settings-change-by-workspace')).error).toBeUndefined();
    await migrateToLatest(t.runtime.ctx.store);
    const rows = await db.selectFrom('conversations').select(['id', 'last_agent_at']).where('id', 'in', [answered, onlyTextBack]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.last_agent_at === null ? null : Number(r.last_agent_at)]))).toEqual({
      [answered]: Number(lastAgentText.at),
      [onlyTextBack]: null,
    });
    expect(await idsIn('ai')).toEqual([answered]);
  });
});

describe('indexes', () => {
  // A business with many open conversations neither view holds, its statistics read, as a
  // planner sees a real one: on a handful of rows every index costs the same and either may be
  // chosen.
  beforeAll(async () => {
    const db = t.runtime.ctx.db;
    const template = await db.selectFrom('conversations').selectAll().where('last_agent_at', 'is', null).where('needs_reply_at', 'is', null).executeTakeFirstOrThrow();
    const contact = await db.selectFrom('contacts').selectAll().where('id', '=', template.contact_id).executeTakeFirstOrThrow();
    for (let batch = 0; batch < 4; batch++) {
      const ids = Array.from({ length: 500 }, (_, i) => batch * 500 + i);
      await db.insertInto('contacts').values(ids.map((i) => ({ ...contact, id: `${contact.id}_${i}`, phone: `+1512600${String(i).padStart(4, '0')}` }))).execute();
      await db.insertInto('conversations').values(ids.map((i) => ({ ...template, id: `${template.id}_${i}`, contact_id: `${contact.id}_${i}` }))).execute();
    }
    await sql`analyze`.execute(db);
  });

  /** The plan of a statement with every parameter bound (PostgreSQL told to avoid full scans, as it would on a large table). */
  async function planOf(text: string, params: readonly unknown[]): Promise<string> {
    if (store().dialect === 'sqlite') {
      const rows = await store().db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...params]));
      return rows.rows.map((r) => r.detail).join('\n');
    }
    return store().db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const rows = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${text}`, [...params]));
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  }

  /** The conversation list's statement of a view, as the API sends it. */
  async function listStatement(view: string): Promise<string> {
    const seen: string[] = [];
    store().stats.onStatement = (text) => {
      // The page's own statement (not those that fill in each conversation's contact and last message).
      if (/^select "conversations"\.\* from "conversations"/.test(text) && /order by/.test(text)) seen.push(text);
    };
    try {
      await owner.get(`/api/v1/conversations?view=${view}&status=open&limit=25`);
    } finally {
      store().stats.onStatement = undefined;
    }
    expect(seen).toHaveLength(1);
    return seen[0]!;
  }

  it.each([
    ['ai', 'conversations_ai_handled'],
    ['needs_reply', 'conversations_needs_reply'],
  ])('the %s view reads its partial index', async (view, index) => {
    const text = await listStatement(view);
    // Every parameter bound to 1 (the plan does not depend on their values; an index's condition is
    // proven from the statement's own text).
    const params = store().dialect === 'sqlite' ? Array.from(text.matchAll(/\?/g), () => 1) : Array.from(new Set(text.match(/\$\d+/g)), () => '1');
    const plan = await planOf(text, params);
    expect(plan).toContain(index);
  });
});

function store() {
  return t.runtime.ctx.store;
}
