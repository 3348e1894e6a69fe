/**
 * The held-out eval set (issue #13): three businesses in trades unlike the tuning set's Acme
 * Plumbing — an HVAC company, a hair salon and a family/estate law office — with ~150 customer
 * texts, written before the builtin responder was tuned for generalisation, by someone who had not
 * read the responder.
 *
 * RULE: whoever tunes the responder must not read this folder. `npm run eval:agent` prints only
 * aggregate figures for it (per business and per category); `--show-held-out-failures` prints the
 * failing cases for a final review, after tuning is done.
 */
import type { HeldOutBusiness } from './held-out-business.js';
import { HVAC } from './hvac.js';
import { LAW_OFFICE } from './law-office.js';
import { SALON } from './salon.js';

export type { HeldOutBusiness } from './held-out-business.js';

/** The held-out businesses, each scored on its own knowledge base. */
export const HELD_OUT_BUSINESSES: readonly HeldOutBusiness[] = [HVAC, SALON, LAW_OFFICE];
