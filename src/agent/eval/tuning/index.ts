/**
 * Extra tuning businesses, in trades unlike the sample plumber (and unlike the held-out sets'):
 * a bakery, a landscaper that never set its hours, a vet clinic and, added in tuning round 4, a
 * roofer, a home cleaning service and a tax preparer that never set its hours, and, in tuning round 6,
 * a phone and computer repair shop with many texts the knowledge does not answer. Scored by `npm run eval:agent`
 * as part of the tuning set, each reported on its own line, so the responder is tuned on more than
 * one trade's vocabulary and document shapes.
 */
import type { EvalCase } from '../cases.js';
import type { SampleKnowledgeEntry } from '../sample-business.js';
import { BAKERY } from './bakery.js';
import { BOOKKEEPING } from './bookkeeping.js';
import { CLEANING } from './cleaning.js';
import { DEVICE_REPAIR } from './device-repair.js';
import { LANDSCAPING } from './landscaping.js';
import { ROOFING } from './roofing.js';
import { VET } from './vet.js';

/** A business the builtin is scored against: its profile, knowledge and customer texts. */
export interface TuningBusiness {
  id: string;
  businessName: string;
  /** Empty when the business never set its hours. */
  businessHoursText: string;
  knowledge: readonly SampleKnowledgeEntry[];
  cases: readonly EvalCase[];
}

export const TUNING_BUSINESSES: readonly TuningBusiness[] = [BAKERY, LANDSCAPING, VET, ROOFING, CLEANING, BOOKKEEPING, DEVICE_REPAIR];
