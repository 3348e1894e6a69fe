/** Contacts and their consent history (routes: http/api/contacts.ts). */
import { z } from 'zod';
import type { ImportResult } from '../../services/contact-csv.js';
import type { ConsentEvent, Contact } from '../../services/contacts.js';
import { isoTime, named, pageOf, sameShape } from './registry.js';

export const contactResponse = named(
  'Contact',
  z.object({
    id: z.string(),
    phone: z.string().describe('E.164.'),
    name: z.string().nullable(),
    tags: z.array(z.string()),
    stage: z.string().nullable(),
    optedOut: z.boolean(),
    optedOutAt: isoTime.nullable(),
    textable: z.boolean().describe('False for a number that cannot receive texts (a landline, or one the carrier refused).'),
    notTextableReason: z.string().nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
  }),
);
sameShape<z.output<typeof contactResponse>, Contact>();

export const contactPageResponse = pageOf('ContactPage', contactResponse);

export const consentEventResponse = named(
  'ConsentEvent',
  z.object({
    id: z.string(),
    kind: z.enum(['opt_out', 'opt_in']),
    source: z.string(),
    detail: z.string(),
    messageId: z.string().nullable(),
    createdAt: isoTime,
  }),
);
sameShape<z.output<typeof consentEventResponse>, ConsentEvent>();

export const contactDetailResponse = named('ContactDetail', contactResponse.extend({ consentHistory: z.array(consentEventResponse) }));

export const contactImportResultResponse = named(
  'ContactImportResult',
  z.object({
    /** Every CSV row with what it does (or would do, in a dry run), or its problem in words. */
    rows: z.array(
      z.object({
        line: z.number().int(),
        phone: z.string().nullable(),
        name: z.string().nullable(),
        tags: z.array(z.string()),
        stage: z.string().nullable(),
        action: z.enum(['create', 'update', 'error']),
        error: z.string().nullable(),
      }),
    ),
    created: z.number().int(),
    updated: z.number().int(),
    errors: z.number().int(),
    applied: z.boolean().describe('False for a dry run (nothing changed).'),
  }),
);
sameShape<z.output<typeof contactImportResultResponse>, ImportResult>();
