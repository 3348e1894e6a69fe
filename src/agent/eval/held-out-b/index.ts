/**
 * Held-out set B (issue #13): three more businesses in trades unlike the tuning set's and held-out
 * set A's — a dental clinic (St. Paul), an auto repair shop (Tucson) and a moving company
 * (Pittsburgh, which never set business hours) — with ~170 customer texts.
 *
 * Written 2026-12-03 by an independent evaluator session (branch heldout2), before tuning round 3,
 * without reading the responder or the other sets' cases. Set A's aggregates were printed during a
 * parameter sweep, so this set is the clean measure of generalisation from here on.
 *
 * RULE: never read while tuning. Whoever tunes the responder must not open this folder.
 * `npm run eval:agent` prints only aggregate figures for it (per business and per category);
 * `--show-held-out-failures` prints its failing cases for a final review, after tuning is done;
 * `--tuning-only` skips it.
 */
import type { HeldOutBusiness } from '../held-out/held-out-business.js';
import { AUTO_REPAIR } from './auto-repair.js';
import { DENTAL } from './dental.js';
import { MOVING } from './moving.js';

/** Held-out set B's businesses, each scored on its own knowledge base. */
export const HELD_OUT_B_BUSINESSES: readonly HeldOutBusiness[] = [DENTAL, AUTO_REPAIR, MOVING];
