/**
 * A send whose request never left (fetch gave up connecting) is retryable on the fetch-based
 * carriers: nothing reached the carrier, so there is nothing to reconcile, and on Telnyx, whose
 * reconciliation waits for message detail records, an "unknown" would hold the text back ten
 * minutes. A deadline that passed after the request was sent stays "unknown". The errors are built
 * in the shape Node's fetch (undici) throws them: a TypeError whose cause carries the code.
 */
import { describe, expect, it } from 'vitest';
import { classifySignalWireError } from './signalwire/signalwire-rest-client.js';
import { classifyTelnyxError } from './telnyx/telnyx-rest-client.js';

const fetchFailed = (code: string, message: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) });
const connectTimeout = () => fetchFailed('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error');
const deadline = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

describe.each([
  ['Telnyx', classifyTelnyxError],
  ['SignalWire', classifySignalWireError],
])('%s', (carrier, classify) => {
  it('a connection that never opened is retryable: the request was never written', () => {
    expect(classify(connectTimeout())).toMatchObject({ kind: 'retryable', message: `Could not reach ${carrier} (UND_ERR_CONNECT_TIMEOUT)` });
  });

  it('a deadline after the request went out stays unknown: reconcile before sending again', () => {
    expect(classify(deadline())).toMatchObject({ kind: 'unknown' });
    expect(classify(fetchFailed('UND_ERR_SOCKET', 'other side closed'))).toMatchObject({ kind: 'unknown' });
  });
});
