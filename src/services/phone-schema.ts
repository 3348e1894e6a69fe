/**
 * The one zod schema for a phone number in a request body: accepts what people type, stores E.164
 * (contract: "A number is accepted when libphonenumber-js calls it possible").
 */
import { z } from 'zod';
import { normalizePhone } from '../domain/phone.js';

/** Numbers typed without a country code are read as North American ("(512) 555-0199"), the product's home plan. */
export const DEFAULT_TYPED_COUNTRY = 'US' as const;

export const e164Schema = z.string().transform((v, ctx) => {
  const n = normalizePhone(v, DEFAULT_TYPED_COUNTRY);
  if (!n) {
    ctx.addIssue({ code: 'custom', message: 'is not a phone number we can use: include the area code, e.g. (512) 555-0199, or the country code, e.g. +44 20 7946 0958' });
    return z.NEVER;
  }
  return n;
});
