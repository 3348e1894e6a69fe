/**
 * Connect Twilio: save the account SID and auth token (the server checks them with Twilio), list
 * the account's numbers and import one; importing points the number's webhooks at Textback.
 */
import { CarrierConnectPage, type CarrierPageConfig } from '../components/CarrierConnect';

export { ImportQuestion } from '../components/CarrierConnect';

const TWILIO: CarrierPageConfig = {
  carrier: 'twilio',
  displayName: 'Twilio',
  description: 'Use your own Twilio account: your numbers, your rates. Textback answers their calls and texts.',
  credentialsTitle: 'Account credentials',
  connectedTo: (sid) => `Connected to ${sid}`,
  fields: [
    { name: 'accountSid', label: 'Account SID', isAccountId: true, placeholder: 'AC…', help: 'On your Twilio Console home page, under Account Info.' },
    { name: 'authToken', label: 'Auth token', secret: true, help: 'Next to the Account SID. Stored encrypted and never shown again.', savedHelp: 'Saved and hidden. Enter it again only to change it.' },
  ],
  numbersTitle: 'Numbers in your Twilio account',
  nameColumn: 'Twilio name',
  emptyTitle: 'This Twilio account has no phone numbers',
  emptyHelp: 'Buy or port a number in the Twilio Console, then come back to import it.',
  notConnected: 'Connect your account first.',
  importedNote: (n) => (n.readiness && n.readiness.status !== 'ready' ? 'It is not ready to text yet: see what to do on its page. ' : null),
};

export function TwilioPage() {
  return <CarrierConnectPage config={TWILIO} />;
}
