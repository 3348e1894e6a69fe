/**
 * The SSRF guard for every URL a workspace can make the server fetch (workflow webhooks, the AI
 * agent's model base URL, anything later): a workspace names any URL it likes, and the server
 * connects to it from inside the operator's network, so by default a URL may only reach public
 * addresses. security/guarded-fetch.ts wraps it as a `fetch` for SDKs that take one.
 *
 * The check runs on the addresses the connection will really use: the host is resolved (every
 * address, not just the first), each one is checked, and the request then connects to a checked
 * address through a custom `lookup`, so a DNS answer that changes between check and connect (DNS
 * rebinding) cannot slip a private address in. IP literals, which never reach `lookup`, are
 * checked directly. Besides the reserved ranges, the host's own interface addresses are refused
 * (a public IP of this very machine reaches its private services). An operator setting per use
 * lifts the rule: ALLOW_PRIVATE_WEBHOOK_URLS, ALLOW_PRIVATE_MODEL_URLS.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { networkInterfaces } from 'node:os';

/** A URL that the guard refuses: retrying cannot help. */
export class UrlRefusedError extends Error {
  override name = 'UrlRefusedError';
}

/** A webhook URL that the guard refuses: the workflow step fails with this message. */
export class WebhookUrlRefusedError extends UrlRefusedError {
  override name = 'WebhookUrlRefusedError';
}

/** What the refusal message calls the thing being reached, and the setting that would allow it. */
export interface UrlGuardPurpose {
  /** "call the webhook", "call the model server". */
  action: string;
  /** The operator setting that lifts the rule for this use. */
  setting: string;
  /** "webhooks", "the AI agent's model server". */
  subject: string;
  /** The error class to throw (a subclass of UrlRefusedError). */
  error: new (message: string) => UrlRefusedError;
}

export const WEBHOOK_PURPOSE: UrlGuardPurpose = {
  action: 'call the webhook',
  setting: 'ALLOW_PRIVATE_WEBHOOK_URLS',
  subject: 'webhooks',
  error: WebhookUrlRefusedError,
};

// First match wins. Each range with the words an operator reads in the step's error. BlockList matches IPv4-mapped
// IPv6 (::ffff:127.0.0.1, ::ffff:7f00:1) against the IPv4 rules, so those cannot sneak past.
const RANGES: Array<[kind: string, family: 'ipv4' | 'ipv6', network: string, prefix: number]> = [
  ['an unspecified ("this network") address', 'ipv4', '0.0.0.0', 8],
  ['a private address', 'ipv4', '10.0.0.0', 8],
  ['a carrier-grade NAT (shared) address', 'ipv4', '100.64.0.0', 10],
  ['a loopback address', 'ipv4', '127.0.0.0', 8],
  ['a link-local address', 'ipv4', '169.254.0.0', 16],
  ['a private address', 'ipv4', '172.16.0.0', 12],
  ['an IETF protocol assignment address', 'ipv4', '192.0.0.0', 24],
  ['a documentation address', 'ipv4', '192.0.2.0', 24],
  ['a private address', 'ipv4', '192.168.0.0', 16],
  ['a benchmarking address', 'ipv4', '198.18.0.0', 15],
  ['a documentation address', 'ipv4', '198.51.100.0', 24],
  ['a documentation address', 'ipv4', '203.0.113.0', 24],
  ['a multicast address', 'ipv4', '224.0.0.0', 4],
  ['a reserved address', 'ipv4', '240.0.0.0', 4],
  // ::1 also lies inside ::/96: listed first, so it reads as the loopback address it is.
  ['a loopback address', 'ipv6', '::1', 128],
  ['an unspecified or IPv4-compatible address', 'ipv6', '::', 96],
  // Prefixes that embed an IPv4 address a gateway will connect to (which could be private).
  ['a NAT64 address', 'ipv6', '64:ff9b::', 96],
  ['a NAT64 address', 'ipv6', '64:ff9b:1::', 48],
  ['a 6to4 address', 'ipv6', '2002::', 16],
  ['a Teredo address', 'ipv6', '2001::', 32],
  ['a benchmarking address', 'ipv6', '2001:2::', 48],
  ['a documentation address', 'ipv6', '2001:db8::', 32],
  ['a unique-local (private) address', 'ipv6', 'fc00::', 7],
  ['a link-local address', 'ipv6', 'fe80::', 10],
  ['a site-local address', 'ipv6', 'fec0::', 10],
  ['a multicast address', 'ipv6', 'ff00::', 8],
];

const LISTS = RANGES.map(([kind, family, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { kind, list };
});

/**
 * Why `ip` must not be reached ("a loopback address"), or null for a public address. `ownAddresses`
 * are this host's interface addresses, read on every check by default (interfaces come and go:
 * DHCP, VPNs): a public address of this very machine reaches services bound to 0.0.0.0 that the
 * operator never meant to expose to a workspace.
 */
export function blockedAddressKind(ip: string, ownAddresses: string[] = interfaceAddresses()): string | null {
  const version = isIP(ip);
  if (version === 0) return 'not an IP address';
  const family = version === 4 ? 'ipv4' : 'ipv6';
  for (const { kind, list } of LISTS) if (list.check(ip, family)) return kind;
  const own = new BlockList();
  for (const address of ownAddresses) {
    const v = isIP(address);
    if (v) own.addAddress(address, v === 4 ? 'ipv4' : 'ipv6');
  }
  if (own.check(ip, family)) return "an address of this server's own network interfaces";
  return null;
}

/** Every address of every network interface of this host (zoned link-local ones are refused by range anyway). */
export function interfaceAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (!a.scopeid) out.push(a.address);
  return out;
}

export interface UrlGuardOptions {
  allowPrivate: boolean;
  /** DNS resolution, injectable for tests; defaults to node:dns lookup (the system resolver). */
  resolve?: (host: string) => Promise<LookupAddress[]>;
  /** Who is reaching out, for the refusal's wording and type; workflow webhooks by default. */
  purpose?: UrlGuardPurpose;
}

const systemResolve = (host: string): Promise<LookupAddress[]> =>
  new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });

/** The URL's host without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

function refuse(purpose: UrlGuardPurpose, host: string, address: string, kind: string): never {
  const where = host === address ? `${host} is` : `"${host}" resolves to ${address},`;
  const hint = `Set ${purpose.setting}=true to let ${purpose.subject} reach private and loopback addresses.`;
  throw new purpose.error(`Refused to ${purpose.action}: ${where} ${kind}. ${hint}`);
}

/**
 * Resolves the URL's host and checks every address; returns them when all are allowed, throws
 * the purpose's UrlRefusedError when one is not (or the scheme is not http/https). DNS failures
 * are thrown as they are: transient, worth a retry.
 */
export async function checkPublicUrl(rawUrl: string, opts: UrlGuardOptions): Promise<LookupAddress[]> {
  const purpose = opts.purpose ?? WEBHOOK_PURPOSE;
  const url = new URL(rawUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new purpose.error(`Refused to ${purpose.action}: only http and https URLs are allowed, not ${url.protocol}`);
  }
  const host = hostOf(url);
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal }] : await (opts.resolve ?? systemResolve)(host);
  if (addresses.length === 0) throw new Error(`DNS returned no address for ${host}`);
  if (!opts.allowPrivate) {
    for (const a of addresses) {
      const kind = blockedAddressKind(a.address);
      if (kind) refuse(purpose, host, a.address, kind);
    }
  }
  return addresses;
}

/** checkPublicUrl for workflow webhooks (the name other modules know). */
export const checkWebhookUrl = (rawUrl: string, opts: UrlGuardOptions): Promise<LookupAddress[]> =>
  checkPublicUrl(rawUrl, { ...opts, purpose: opts.purpose ?? WEBHOOK_PURPOSE });

/**
 * A `lookup` for http.request that resolves with the guard applied at connect time: the socket
 * can only ever connect to an address this function checked.
 */
export function guardedLookup(opts: UrlGuardOptions): LookupFunction {
  return (hostname, options, callback) => {
    checkPublicUrl(`http://${isIP(hostname) === 6 ? `[${hostname}]` : hostname}/`, opts).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        const list = wanted.length > 0 ? wanted : addresses;
        if (options.all) {
          (callback as (err: null, addresses: LookupAddress[]) => void)(null, list);
        } else {
          const first = list[0] as LookupAddress;
          callback(null, first.address, first.family);
        }
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

/**
 * A cheap check with no DNS, for the API: a URL whose host is a literal private/loopback address
 * or "localhost" will be refused at delivery. Returns the reason, or null.
 */
export function obviouslyPrivateUrl(rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  const host = hostOf(url).toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'a loopback address';
  return isIP(host) ? blockedAddressKind(host) : null;
}
