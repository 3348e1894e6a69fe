/**
 * The phone numbers reserved for fiction: North American 555-0100 to 555-0199, in any area code
 * (+1 NPA 555 01XX). No real phone is ever assigned one, which is why the phone simulator's practice
 * calls to real carrier numbers may come only from these: even a mistake cannot text a person.
 * No dependencies, so the dashboard checks what it types with the very same rule.
 */

/** A practice phone the dashboard suggests: (512) 555-0142. */
export const EXAMPLE_FICTIONAL_NUMBER = '+15125550142';

/** True for an E.164 number in the fictional range (+1, area code 2–9XX, then 555 0100–0199). */
export function isFictionalNumber(e164: string): boolean {
  return typeof e164 === 'string' && /^\+1[2-9]\d{2}55501\d{2}$/.test(e164);
}
