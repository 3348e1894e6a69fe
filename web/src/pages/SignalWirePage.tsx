/**
 * Connect SignalWire: save the project id, API token, space and Signing Key (the server checks them
 * with SignalWire's Compatibility API), list the project's numbers, import one (its webhooks are set
 * for you) and see whether each number is ready: imported, with its calls and texts pointing here.
 */
import { CarrierConnectPage, type CarrierPageConfig } from '../components/CarrierConnect';

const SAVED = 'Saved and hidden. Enter it again to change any credential.';

const SIGNALWIRE: CarrierPageConfig = {
  carrier: 'signalwire',
  displayName: 'SignalWire',
  description: "Use your own SignalWire space: your numbers, your rates. Textback answers their calls and texts through SignalWire's Twilio-compatible API.",
  credentialsTitle: 'Project credentials',
  connectedTo: (id) => `Connected to project ${id}`,
  fields: [
    { name: 'spaceUrl', label: 'Space URL', placeholder: 'yourspace.signalwire.com', help: 'The address of your SignalWire dashboard.' },
    { name: 'projectId', label: 'Project ID', isAccountId: true, help: 'Dashboard → API → Credentials.' },
    { name: 'apiToken', label: 'API token', secret: true, help: 'A token with Messaging, Voice and Numbers scopes. Stored encrypted, never shown again.', savedHelp: SAVED },
    { name: 'signingKey', label: 'Signing Key', secret: true, help: 'Same page, “Signing Key”: it proves webhooks come from SignalWire.', savedHelp: SAVED },
  ],
  numbersTitle: 'Numbers in your SignalWire project',
  nameColumn: 'SignalWire name',
  emptyTitle: 'This SignalWire project has no phone numbers',
  emptyHelp: 'Buy or port a number in your SignalWire space, then come back to import it.',
  notConnected: 'Connect your project first.',
  readinessFrom: 'webhooks',
  ringHelp: 'Your mobile or office phones, with country code. They ring at once; if nobody answers, the caller gets a text back.',
};

export function SignalWirePage() {
  return <CarrierConnectPage config={SIGNALWIRE} />;
}
