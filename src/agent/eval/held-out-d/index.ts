/**
 * Held-out set D (issue #13): three more businesses in trades unlike the tuning set's and held-out
 * sets A, B and C — a self-storage facility (Leeds, UK), a music school (Melbourne, Australia) and
 * a tattoo studio (Austin, by appointment only, which never set business hours) — with 174 customer
 * texts in set C's category mix.
 *
 * Written 2026-12-03 by an independent evaluator session (branch s5-heldout-d), before tuning
 * round 6, without reading the responder, its knowledge or guardrail code, or the tuning cases or
 * the other held-out sets' cases. Sets B and C have been scored in aggregate after tuning rounds,
 * so this set is the clean measure of generalisation from round 6 on.
 *
 * RULE: never read while tuning. Whoever tunes the responder must not open this folder.
 * `npm run eval:agent` prints only aggregate figures for it (per business and per category);
 * `--show-held-out-failures` prints its failing cases for a final review, after tuning is done;
 * `--tuning-only` skips it.
 */
import type { HeldOutBusiness } from '../held-out/held-out-business.js';
import { MUSIC_SCHOOL } from './music-school.js';
import { SELF_STORAGE } from './self-storage.js';
import { TATTOO_STUDIO } from './tattoo-studio.js';

/** Held-out set D's businesses, each scored on its own knowledge base. */
export const HELD_OUT_D_BUSINESSES: readonly HeldOutBusiness[] = [SELF_STORAGE, MUSIC_SCHOOL, TATTOO_STUDIO];
