/**
 * The shape of one held-out eval business: its profile as the agent sees it, its knowledge base
 * and the customer texts it is scored on. `businessHoursText` is empty when the owner never set
 * hours, as the agent would then get no hours at all.
 */
import type { EvalCase } from '../cases.js';
import type { SampleKnowledgeEntry } from '../sample-business.js';

export interface HeldOutBusiness {
  id: string;
  businessName: string;
  timezone: string;
  /** The hours in words, or '' when the business never set hours. */
  businessHoursText: string;
  knowledge: readonly SampleKnowledgeEntry[];
  cases: readonly EvalCase[];
}
