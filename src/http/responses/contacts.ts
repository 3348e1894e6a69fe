/** Contacts and their consent history (routes: http/api/contacts.ts). */
import { z } from 'zod';
import type { ImportResult } from '../../services/contact-csv.js';
import type { ConsentEvent, Contact, ContactWithPhones } from '../../services/contacts.js';
import type { DuplicateSuggestion } from '../../services/duplicate-contacts.js';
import type { MergePlan, MergePreview } from '../../services/merge-contacts.js';
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
    practice: z.boolean().describe("The phone simulator's fictional caller (555-0100 to 555-0199) from a practice call: its texts are recorded by the sandbox and never sent through a carrier."),
    createdAt: isoTime,
    updatedAt: isoTime,
  }),
);
sameShape<z.output<typeof contactResponse>, Contact>();

export const otherPhoneResponse = named(
  'OtherPhone',
  z.object({
    phone: z.string().describe('E.164.'),
    optedOut: z.boolean().describe('Opt-out is per number: carriers enforce STOP per number.'),
    textable: z.boolean(),
    notTextableReason: z.string().nullable(),
  }),
  "One of a merged contact's further numbers, with its own texting state.",
);

/** A contact as the read endpoints show it: with the further numbers a merge gave it. */
export const contactWithPhonesResponse = named(
  'ContactWithPhones',
  contactResponse.extend({ otherPhones: z.array(otherPhoneResponse).describe('Further numbers (from merging duplicates); `phone` is where replies go.') }),
);
sameShape<z.output<typeof contactWithPhonesResponse>, ContactWithPhones>();

export const contactPageResponse = pageOf('ContactPage', contactWithPhonesResponse);

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

export const contactDetailResponse = named('ContactDetail', contactWithPhonesResponse.extend({ consentHistory: z.array(consentEventResponse) }));

export const duplicateSuggestionsResponse = named(
  'DuplicateSuggestions',
  z.object({ data: z.array(z.object({ contact: contactResponse, reason: z.string().describe('Why it looks like the same person, in words.') })) }),
);
sameShape<z.output<typeof duplicateSuggestionsResponse>['data'][number], DuplicateSuggestion>();

const mergeMoves = z.object({
  conversationsMoved: z.number().int(),
  conversationsJoined: z.number().int(),
  messages: z.number().int(),
  calls: z.number().int(),
  notes: z.number().int(),
  workflowRuns: z.number().int(),
});

export const contactMergePreviewResponse = named(
  'ContactMergePreview',
  z.object({
    result: z.object({
      name: z.string().nullable(),
      phone: z.string(),
      otherPhones: z.array(z.object({ phone: z.string(), optedOut: z.boolean() })),
      tags: z.array(z.string()),
      stage: z.string().nullable(),
    }),
    moves: mergeMoves,
    into: contactWithPhonesResponse,
    from: contactWithPhonesResponse,
  }),
);
sameShape<z.output<typeof contactMergePreviewResponse>, MergePreview>();

export const contactMergeResultResponse = named('ContactMergeResult', z.object({ contact: contactWithPhonesResponse, moves: mergeMoves }));
sameShape<z.output<typeof contactMergeResultResponse>, { contact: ContactWithPhones; moves: MergePlan['moves'] }>();

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
