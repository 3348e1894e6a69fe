/**
 * Issue 15, item 9: the SSRF guard (src/workflows/url-guard.ts) also refuses NAT64 and 6to4
 * addresses (they embed an IPv4 address a gateway connects to), the documentation and
 * benchmarking ranges, and this host's own interface addresses, for every user-given URL: a
 * workflow webhook step is refused without connecting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedAddressKind, checkPublicUrl, interfaceAddresses, UrlRefusedError } from '../../src/workflows/url-guard.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('blockedAddressKind', () => {
  it.each([
    ['64:ff9b::7f00:1', 'a NAT64 address'],
    ['64:ff9b::a00:1', 'a NAT64 address'],
    ['64:ff9b:1::1', 'a NAT64 address'],
    ['2002:7f00:1::1', 'a 6to4 address'],
    ['2002:c0a8:101::1', 'a 6to4 address'],
    ['192.0.2.10', 'a documentation address'],
    ['198.51.100.7', 'a documentation address'],
    ['203.0.113.200', 'a documentation address'],
    ['2001:db8::1', 'a documentation address'],
    ['198.18.0.1', 'a benchmarking address'],
    ['198.19.255.254', 'a benchmarking address'],
    ['2001:2::1', 'a benchmarking address'],
  ])('%s is %s', (ip, kind) => {
    expect(blockedAddressKind(ip, [])).toBe(kind);
  });

  it('refuses an address of one of this host’s interfaces, even a public one', () => {
    expect(blockedAddressKind('93.184.216.34', [])).toBeNull();
    expect(blockedAddressKind('93.184.216.34', ['93.184.216.34'])).toBe("an address of this server's own network interfaces");
    expect(blockedAddressKind('2606:4700::6810:84e5', ['2606:4700::6810:84e5'])).toBe("an address of this server's own network interfaces");
    // And by default the real interfaces are read: every one of them is refused.
    for (const address of interfaceAddresses()) expect(blockedAddressKind(address), address).not.toBeNull();
  });

  it('still passes ordinary public addresses', () => {
    for (const ip of ['8.8.8.8', '198.20.0.1', '203.0.114.1', '2606:4700:4700::1111', '2003::1']) expect(blockedAddressKind(ip, [])).toBeNull();
  });
});

it('refuses a host name that resolves to a NAT64 address of a private one', async () => {
  const resolve = async () => [{ address: '64:ff9b::a9fe:a9fe', family: 6 }];
  await expect(checkPublicUrl('https://metadata.example.com/', { allowPrivate: false, resolve })).rejects.toBeInstanceOf(UrlRefusedError);
});

describe('a workflow webhook step', () => {
  let t: TestApp;
  let ws: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestApp();
    ws = await t.createWorkspace();
  });
  afterAll(async () => t?.close());

  it('warns at save that a documentation or 6to4 address will be refused', async () => {
    for (const url of ['http://203.0.113.5/hook', 'http://[2002:7f00:1::1]/hook', 'http://[64:ff9b::7f00:1]/hook']) {
      const res = await t.api('POST', '/api/v1/workflows', {
        token: ws.apiKey,
        body: { name: `hook ${url}`, trigger: { type: 'contact.created' }, actions: [{ type: 'webhook', url }] },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(JSON.stringify(res.body.warnings), url).toContain('ALLOW_PRIVATE_WEBHOOK_URLS');
    }
  });
});
