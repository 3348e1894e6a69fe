/**
 * Checks X-Twilio-Signature with the official helper, against the URL Twilio called as the public
 * world sees it (PUBLIC_URL + path and query), over every form parameter received.
 */
import twilio from 'twilio';

export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  publicUrl: string,
  requestPath: string,
  params: Record<string, string>,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, `${publicUrl}${requestPath}`, params);
}
