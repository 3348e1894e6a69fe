/** Carrier accounts and the numbers in them (routes: http/api/workspaces.ts). */
import { z } from 'zod';
import type { CarrierAccountSummary } from '../../services/carrier-accounts.js';
import type { CarrierNumberSummary, CredentialCheckResult } from '../../services/carrier-numbers.js';
import { isoTime, named, pageOf, sameShape } from './registry.js';

export const carrierAccountResponse = named(
  'CarrierAccount',
  z.object({ carrier: z.string(), accountSid: z.string(), configured: z.literal(true), updatedAt: isoTime }),
);
sameShape<z.output<typeof carrierAccountResponse>, CarrierAccountSummary>();

export const carrierAccountPageResponse = pageOf('CarrierAccountPage', carrierAccountResponse);

export const carrierNumberResponse = named(
  'CarrierNumber',
  z.object({
    sid: z.string().describe("The carrier's id for the number; the name predates other carriers (Twilio `PN…`)."),
    phoneNumber: z.string(),
    friendlyName: z.string(),
    voiceUrl: z.string().nullable(),
    smsUrl: z.string().nullable(),
    imported: z.boolean(),
    webhooksPointHere: z
      .boolean()
      .describe("The number's voice and messaging webhook URLs are exactly the ones this Textback expects for the carrier (the dashboard shows it as Ready)."),
  }),
  'A number on a connected carrier account',
);
sameShape<z.output<typeof carrierNumberResponse>, CarrierNumberSummary>();

export const carrierNumberPageResponse = pageOf('CarrierNumberPage', carrierNumberResponse);

const savedFields = carrierAccountResponse.shape;

export const savedCarrierAccountResponse = named(
  'SavedCarrierAccount',
  z.union([
    z.object({ ...savedFields, verified: z.literal(true) }),
    /** The carrier could not be reached to check the credentials: saved anyway, with the reason. */
    z.object({ ...savedFields, verified: z.literal(false), warning: z.string() }),
  ]),
  'The saved account (never its secret), and whether the carrier accepted the credentials',
);
sameShape<z.output<typeof savedCarrierAccountResponse>, CarrierAccountSummary & CredentialCheckResult>();
