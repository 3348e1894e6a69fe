/**
 * Migration 008 on a database that already has workspaces: a workspace whose stored settings lack
 * businessHours (it was reading the old default, Mon–Fri 08:00–17:00) keeps those hours; one whose
 * owner set hours keeps its own; calls gain forwarded_from and after_hours. New workspaces start with
 * businessHours null. Both databases (TEST_DATABASE).
 */
import { Migrator } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWorkspaceSettings } from '../../src/services/workspace-settings.js';
import { migrations } from '../../src/store/migrations/index.js';
import { migrateToLatest, openStore } from '../../src/store/database.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase | undefined;
afterAll(async () => database?.drop());

describe('migration 008-hours-and-forwarded-lines', () => {
  it('keeps the hours existing workspaces had, and adds the call columns', async () => {
    database = await createTestDatabase();
    const store = openStore(database.url, { poolSize: 2 });
    try {
      const before = Object.keys(migrations).filter((name) => name < '008');
      const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateTo(before[before.length - 1]!);
      expect(error).toBeUndefined();

      const now = Date.UTC(2026, 0, 1);
      const ownHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [['09:00', '13:00']], sun: [] };
      const row = (id: string, settings: object) => ({ id, name: id, business_name: id, timezone: 'America/Chicago', settings: JSON.stringify(settings), created_at: now, updated_at: now });
      await store.db
        .insertInto('workspaces')
        .values([row('ws_old_default', { staffNumbers: [] }), row('ws_own_hours', { businessHours: ownHours, staffNumbers: [] })])
        .execute();

      await migrateToLatest(store);

      const read = async (id: string) =>
        parseWorkspaceSettings((await store.db.selectFrom('workspaces').select('settings').where('id', '=', id).executeTakeFirstOrThrow()).settings);
      expect((await read('ws_old_default')).businessHours).toEqual({
        mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']], sat: [], sun: [],
      });
      expect((await read('ws_own_hours')).businessHours).toEqual(ownHours);
      // A settings document written now without the key reads as "never set".
      expect(parseWorkspaceSettings('{}')).toMatchObject({ businessHours: null, closedDates: [], ownNumbers: [] });

      await store.db
        .insertInto('phone_numbers')
        .values({ id: 'pn_1', workspace_id: 'ws_own_hours', number: '+15550100001', carrier: 'twilio', name: '', settings: '{}', carrier_number_id: null, messaging_service_sid: null, readiness: null, sender_block_strikes: 0, textback_paused_at: null, textback_paused_reason: null, created_at: now, updated_at: now })
        .execute();
      await store.db
        .insertInto('calls')
        .values({
          id: 'call_1', workspace_id: 'ws_own_hours', phone_number_id: 'pn_1', contact_id: null, carrier: 'twilio', carrier_call_id: 'CA1',
          from_number: '+15550102222', to_number: '+15550100001', started_at: now, ended_at: null, carrier_status: null, dial_status: null,
          dial_bridged: null, screen_accepted_at: null, outcome: 'ringing', outcome_decided_at: null, outcome_source: null, voicemail_url: null,
          voicemail_recording_id: null, voicemail_duration: null, voicemail_transcript: null, textback_status: null, textback_reason: null,
          textback_message_id: null, forwarded_from: '+15550107000', after_hours: 1, created_at: now, updated_at: now, practice: 0,
        })
        .execute();
      const call = await store.db.selectFrom('calls').select(['forwarded_from', 'after_hours']).where('id', '=', 'call_1').executeTakeFirstOrThrow();
      expect(call).toEqual({ forwarded_from: '+15550107000', after_hours: 1 });
    } finally {
      await store.close();
    }
  });
});
