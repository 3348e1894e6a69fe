/**
 * Every migration, listed statically: a runtime directory scan breaks under bundlers and vitest,
 * and an explicit list makes the order reviewable. Append only; never edit a landed migration.
 */
import type { Migration } from 'kysely';
import * as m001 from './001-initial.js';
import * as m002 from './002-events-and-agent.js';
import * as m003 from './003-workflows.js';
import * as m004 from './004-accounts.js';
import * as m005 from './005-job-nudges.js';
import * as m006 from './006-login-attempt-ids.js';
import * as m007 from './007-carrier-readiness.js';
import * as m008 from './008-hours-and-forwarded-lines.js';
import * as m009 from './009-retention-indexes.js';
import * as m010 from './010-knowledge-sources.js';
import * as m011 from './011-team-inbox.js';
import * as m012 from './012-worker-heartbeats.js';
import * as m013 from './013-carrier-extras-and-call-events.js';
import * as m014 from './014-contact-phones.js';
import * as m015 from './015-practice.js';
import * as m016 from './016-partial-job-indexes.js';
import * as m017 from './017-settings-change-signals.js';
import * as m018 from './018-urgent-jobs-first.js';
import * as m019 from './019-urgent-jobs-by-row.js';
import * as m020 from './020-settings-change-by-workspace.js';
import * as m021 from './021-inbox-views-by-index.js';

export const migrations: Record<string, Migration> = {
  '001-initial': m001,
  '002-events-and-agent': m002,
  '003-workflows': m003,
  '004-accounts': m004,
  '005-job-nudges': m005,
  '006-login-attempt-ids': m006,
  '007-carrier-readiness': m007,
  '008-hours-and-forwarded-lines': m008,
  '009-retention-indexes': m009,
  '010-knowledge-sources': m010,
  '011-team-inbox': m011,
  '012-worker-heartbeats': m012,
  '013-carrier-extras-and-call-events': m013,
  '014-contact-phones': m014,
  '015-practice': m015,
  '016-partial-job-indexes': m016,
  '017-settings-change-signals': m017,
  '018-urgent-jobs-first': m018,
  '019-urgent-jobs-by-row': m019,
  '020-settings-change-by-workspace': m020,
  '021-inbox-views-by-index': m021,
};
