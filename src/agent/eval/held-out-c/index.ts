/**
 * Held-out set C (issue #13): three more businesses in trades unlike the tuning set's and held-out
 * sets A and B — a pest-control company (Raleigh), a physiotherapy clinic (Halifax, Nova Scotia)
 * and a wedding and portrait photographer (Boise, who never set business hours) — with 174
 * customer texts in set B's category mix.
 *
 * Written 2026-12-03 by an independent evaluator session (branch s4-heldout-c), before tuning
 * round 4, without reading the responder, its knowledge or guardrail code, or the tuning cases.
 * Set B has been scored twice in aggregate (baseline and after round 3), so this set is the clean
 * measure of generalisation from round 4 on.
 *
 * RULE: never read while tuning. Whoever tunes the responder must not open this folder.
 * `npm run eval:agent` prints only aggregate figures for it (per business and per category);
 * `--show-held-out-failures` prints its failing cases for a final review, after tuning is done;
 * `--tuning-only` skips it.
 */
import type { HeldOutBusiness } from '../held-out/held-out-business.js';
import { PEST_CONTROL } from './pest-control.js';
import { PHOTOGRAPHER } from './photographer.js';
import { PHYSIOTHERAPY } from './physiotherapy.js';

/** Held-out set C's businesses, each scored on its own knowledge base. */
export const HELD_OUT_C_BUSINESSES: readonly HeldOutBusiness[] = [PEST_CONTROL, PHYSIOTHERAPY, PHOTOGRAPHER];
