/**
 * Hours per number and forwarded lines: a call remembers the line that forwarded it (the carrier's
 * ForwardedFrom) and whether it arrived outside hours (decided once, on arrival, so a text sent
 * later still picks the after-hours message).
 *
 * New workspaces now start with `businessHours: null` (never set). Workspaces that already exist
 * keep the hours they had: a stored settings document without the key was reading the old default
 * (Mon–Fri 08:00–17:00), so that default is written into it here.
 */
import type { Kysely } from 'kysely';

const PREVIOUS_DEFAULT_HOURS = {
  mon: [['08:00', '17:00']],
  tue: [['08:00', '17:00']],
  wed: [['08:00', '17:00']],
  thu: [['08:00', '17:00']],
  fri: [['08:00', '17:00']],
  sat: [],
  sun: [],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('forwarded_from', 'text').execute();
  await db.schema.alterTable('calls').addColumn('after_hours', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  const rows: Array<{ id: string; settings: string }> = await db.selectFrom('workspaces').select(['id', 'settings']).execute();
  for (const row of rows) {
    const settings = JSON.parse(row.settings) as Record<string, unknown>;
    if ('businessHours' in settings) continue;
    settings.businessHours = PREVIOUS_DEFAULT_HOURS;
    await db
      .updateTable('workspaces')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', row.id)
      .where('settings', '=', row.settings)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('calls').dropColumn('after_hours').execute();
  await db.schema.alterTable('calls').dropColumn('forwarded_from').execute();
}
