/** The SSRF guard: which addresses are refused and why, DNS answers checked in full, literals without DNS. */
import { describe, expect, it } from 'vitest';
import { blockedAddressKind, checkWebhookUrl, obviouslyPrivateUrl, WebhookUrlRefusedError } from './url-guard.js';

describe('blockedAddressKind', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.1.2', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['0.0.0.0', 'an unspecified ("this network") address'],
    ['::', 'an unspecified or IPv4-compatible address'],
    ['10.0.0.5', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT (shared) address'],
    ['100.127.255.254', 'a carrier-grade NAT (shared) address'],
    ['fc00::1', 'a unique-local (private) address'],
    ['fd12:3456::1', 'a unique-local (private) address'],
    ['fe80::1', 'a link-local address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:10.1.2.3', 'a private address'],
    ['::ffff:169.254.169.254', 'a link-local address'],
    ['224.0.0.1', 'a multicast address'],
    ['255.255.255.255', 'a reserved address'],
  ])('%s is %s', (ip, kind) => {
    expect(blockedAddressKind(ip)).toBe(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (ip) => {
    expect(blockedAddressKind(ip)).toBeNull();
  });
});

describe('checkWebhookUrl', () => {
  const resolveTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('passes a host whose every address is public', async () => {
    await expect(checkWebhookUrl('https://hooks.example.com/x', { allowPrivate: false, resolve: resolveTo('93.184.216.34') })).resolves.toHaveLength(1);
  });

  it('refuses a host with any private address among its answers (no round-robin tricks)', async () => {
    const p = checkWebhookUrl('https://hooks.example.com/x', { allowPrivate: false, resolve: resolveTo('93.184.216.34', '10.0.0.7') });
    await expect(p).rejects.toBeInstanceOf(WebhookUrlRefusedError);
    await expect(p).rejects.toThrow('"hooks.example.com" resolves to 10.0.0.7, a private address');
  });

  it('checks IP literals without DNS, including bracketed IPv6 and decimal IPv4', async () => {
    const noDns = async () => {
      throw new Error('DNS must not be asked');
    };
    await expect(checkWebhookUrl('http://[::1]:8080/', { allowPrivate: false, resolve: noDns })).rejects.toThrow('::1 is a loopback address');
    await expect(checkWebhookUrl('http://2130706433/', { allowPrivate: false, resolve: noDns })).rejects.toThrow('127.0.0.1 is a loopback address');
    await expect(checkWebhookUrl('http://0.0.0.0/', { allowPrivate: false, resolve: noDns })).rejects.toBeInstanceOf(WebhookUrlRefusedError);
  });

  it('allows everything when the operator allows private URLs', async () => {
    await expect(checkWebhookUrl('http://127.0.0.1:3000/', { allowPrivate: true })).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('refuses schemes other than http and https', async () => {
    await expect(checkWebhookUrl('file:///etc/passwd', { allowPrivate: true })).rejects.toBeInstanceOf(WebhookUrlRefusedError);
  });

  it('passes a DNS failure through as an ordinary (retryable) error', async () => {
    const failing = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };
    const p = checkWebhookUrl('https://hooks.example.com/', { allowPrivate: false, resolve: failing });
    await expect(p).rejects.toThrow('EAI_AGAIN');
    await expect(p).rejects.not.toBeInstanceOf(WebhookUrlRefusedError);
  });
});

describe('obviouslyPrivateUrl', () => {
  it.each([
    ['http://localhost:3000/x', 'a loopback address'],
    ['http://api.localhost/x', 'a loopback address'],
    ['http://192.168.0.10/x', 'a private address'],
    ['https://hooks.example.com/x', null],
    ['not a url', null],
  ])('%s → %s', (url, kind) => {
    expect(obviouslyPrivateUrl(url)).toBe(kind);
  });
});
