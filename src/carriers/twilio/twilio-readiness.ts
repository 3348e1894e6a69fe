/**
 * Whether a Twilio number can actually text US phones, read from Twilio's own APIs (twilio-facts
 * §7, carriers-field-notes gap 1):
 * - US local numbers (10DLC) must be in a Messaging Service with a registered, VERIFIED A2P campaign
 *   (Messaging v1 Services/{MG}/PhoneNumbers and Services/{MG}/Compliance/Usa2p); since 2023-09-01
 *   carriers block unregistered traffic (error 30034).
 * - Toll-free numbers must be verified (Messaging v1 Tollfree/Verifications); unverified ones are
 *   blocked (30032).
 * - A number in a Messaging Service gets its inbound texts at the *service's* URL unless the service
 *   says `use_inbound_webhook_on_number`: then replies would never reach Textback.
 * Every message is owner words with a link to the Twilio console page that fixes it.
 */
import type twilio from 'twilio';
import type { ReadinessCheck, TextingReadinessReport } from '../carrier.js';

export const TWILIO_CONSOLE = {
  messagingServices: 'https://console.twilio.com/us1/develop/sms/services',
  a2p10dlc: 'https://console.twilio.com/us1/develop/sms/regulatory-compliance/a2p-10dlc-overview',
  tollFreeVerification: 'https://console.twilio.com/us1/develop/sms/regulatory-compliance/toll-free-verifications',
} as const;

const TOLL_FREE = /^\+1(800|833|844|855|866|877|888)\d{7}$/;
const NANP = /^\+1\d{10}$/;

export function isTollFree(e164: string): boolean {
  return TOLL_FREE.test(e164);
}

interface ServiceInfo {
  sid: string;
  friendlyName: string;
  useInboundWebhookOnNumber: boolean;
}

export async function checkTwilioTextingReadiness(
  sdk: twilio.Twilio,
  n: { number: string; carrierNumberId: string | null; messagingServiceId: string | null },
): Promise<TextingReadinessReport> {
  let pn = n.carrierNumberId;
  if (!pn) {
    const found = await sdk.incomingPhoneNumbers.list({ phoneNumber: n.number, limit: 5 });
    pn = found.find((x) => x.phoneNumber === n.number)?.sid ?? null;
  }
  if (!NANP.test(n.number)) {
    return {
      messagingServiceId: n.messagingServiceId,
      carrierNumberId: pn,
      checks: [{ id: 'region', ok: true, message: 'This number is outside the US and Canada: no US carrier registration is needed.' }],
    };
  }

  const service = await findService(sdk, n.number, pn, n.messagingServiceId);
  const checks: ReadinessCheck[] = [];

  if (isTollFree(n.number)) {
    const verifications = pn ? await sdk.messaging.v1.tollfreeVerifications.list({ tollfreePhoneNumberSid: pn, limit: 5 }) : [];
    const status = verifications[0]?.status;
    checks.push(tollFreeCheck(status));
  } else {
    checks.push(
      service
        ? { id: 'messaging_service', ok: true, message: `The number sends through the Messaging Service “${service.friendlyName}”.` }
        : {
            id: 'messaging_service',
            ok: false,
            message:
              'US carriers block texts from local numbers that are not registered (A2P 10DLC). Add this number to a Messaging Service that has an approved A2P campaign.',
            link: TWILIO_CONSOLE.messagingServices,
          },
    );
    if (service) {
      const campaigns = await sdk.messaging.v1.services(service.sid).usAppToPerson.list({ limit: 5 });
      checks.push(campaignCheck(campaigns[0]?.campaignStatus));
    }
  }

  if (service) {
    checks.push(
      service.useInboundWebhookOnNumber
        ? { id: 'inbound_routing', ok: true, message: 'Replies to this number reach Textback.' }
        : {
            id: 'inbound_routing',
            ok: false,
            message: `The Messaging Service “${service.friendlyName}” sends replies to its own address instead of to this number's, so Textback never sees them. Textback can switch the service to use the number's own webhook for you.`,
            link: `${TWILIO_CONSOLE.messagingServices}/${service.sid}/integration`,
          },
    );
  }
  return { messagingServiceId: service?.sid ?? null, carrierNumberId: pn, checks };
}

/** The Messaging Service holding the number: the one named first, else the first service that lists it. */
async function findService(
  sdk: twilio.Twilio,
  number: string,
  pn: string | null,
  preferred: string | null,
): Promise<ServiceInfo | null> {
  const holds = async (sid: string) => {
    const members = await sdk.messaging.v1.services(sid).phoneNumbers.list({ limit: 400 });
    return members.some((m) => m.phoneNumber === number || (pn !== null && m.sid === pn));
  };
  const services = await sdk.messaging.v1.services.list({ limit: 100 });
  const ordered = preferred ? [...services.filter((s) => s.sid === preferred), ...services.filter((s) => s.sid !== preferred)] : services;
  for (const s of ordered) {
    if (await holds(s.sid)) return { sid: s.sid, friendlyName: s.friendlyName, useInboundWebhookOnNumber: s.useInboundWebhookOnNumber === true };
  }
  return null;
}

function campaignCheck(status: string | undefined): ReadinessCheck {
  const link = TWILIO_CONSOLE.a2p10dlc;
  switch ((status ?? '').toUpperCase()) {
    case 'VERIFIED':
      return { id: 'a2p_campaign', ok: true, message: 'The A2P 10DLC campaign is approved: US carriers accept texts from this number.' };
    case '':
      return { id: 'a2p_campaign', ok: false, message: 'The Messaging Service has no A2P 10DLC campaign yet. Register your business and a campaign, or US carriers will block the texts (error 30034).', link };
    case 'FAILED':
      return { id: 'a2p_campaign', ok: false, message: 'The A2P 10DLC campaign was rejected. Open it in Twilio to see why, fix it and submit it again; until then texts are blocked.', link };
    case 'SUSPENDED':
      return { id: 'a2p_campaign', ok: false, message: 'The A2P 10DLC campaign is suspended: texts are blocked. Contact Twilio support.', link };
    default:
      return { id: 'a2p_campaign', ok: false, message: 'The A2P 10DLC campaign is still under review (this can take several days). Texts may be blocked until it is approved.', link };
  }
}

function tollFreeCheck(status: string | undefined): ReadinessCheck {
  const link = TWILIO_CONSOLE.tollFreeVerification;
  switch (status) {
    case 'TWILIO_APPROVED':
      return { id: 'toll_free_verification', ok: true, message: 'The toll-free number is verified: carriers accept its texts.' };
    case 'PENDING_REVIEW':
    case 'IN_REVIEW':
      return { id: 'toll_free_verification', ok: false, message: 'The toll-free verification is under review. Texts may be blocked until it is approved.', link };
    case 'TWILIO_REJECTED':
      return { id: 'toll_free_verification', ok: false, message: 'The toll-free verification was rejected. Open it in Twilio, fix what they ask and submit again; until then texts are blocked (error 30032).', link };
    default:
      return { id: 'toll_free_verification', ok: false, message: 'This toll-free number is not verified. Submit a toll-free verification, or carriers will block its texts (error 30032).', link };
  }
}
