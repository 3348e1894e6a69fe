/**
 * Connect Telnyx: save the API key and the account's public key (the server checks the key with the
 * Telnyx v2 API; the public key checks webhook signatures), list the account's numbers, import one
 * (it joins Textback's TeXML Application and messaging profile) and see whether each is ready.
 */
import { CarrierConnectPage, type CarrierPageConfig } from '../components/CarrierConnect';

const TELNYX: CarrierPageConfig = {
  carrier: 'telnyx',
  displayName: 'Telnyx',
  description: 'Use your own Telnyx account: your numbers, your rates. Textback answers their calls through TeXML and their texts through the Telnyx Messaging API.',
  credentialsTitle: 'Account keys',
  connectedTo: (publicKey) => `Connected to the account with public key ${publicKey}`,
  fields: [
    { name: 'apiKey', label: 'API key', secret: true, placeholder: 'KEY…', help: 'Mission Control → Account settings → Keys & Credentials → API Keys. Stored encrypted, never shown again.', savedHelp: 'Saved and hidden. Enter it again to change the keys.' },
    { name: 'publicKey', label: 'Public key', isAccountId: true, help: 'Same page, “Public Key”: it proves webhooks come from Telnyx.' },
  ],
  numbersTitle: 'Numbers in your Telnyx account',
  nameColumn: 'Telnyx tag',
  emptyTitle: 'This Telnyx account has no phone numbers',
  emptyHelp: 'Buy or port a number in Mission Control, then come back to import it.',
  notConnected: 'Connect your account first.',
  readinessFrom: 'webhooks',
  ringHelp: 'Your mobile or office phones, with country code. They ring at once; if nobody answers, the caller gets a text back.',
};

export function TelnyxPage() {
  return <CarrierConnectPage config={TELNYX} />;
}
