/**
 * The one zod schema for a phone number in a request body: accepts what people type, stores E.164
 * (contract: "A number is accepted when libphonenumber-js calls it possible").
 */
import { z } from 'zod';
import { normalizePhone } from '../domain/phone.js';

export const e164Schema = z.string().transform((v, ctx) => {
  const n = normalizePhone(v);
  if (!n) {
    ctx.addIssue({ code: 'custom', message: 'must be a phone number in E.164 form, e.g. +15550100001' });
    return z.NEVER;
  }
  return n;
});
