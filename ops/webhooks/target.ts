import dns from 'node:dns';
import net from 'node:net';

/**
 * Where a webhook may be sent. A portal that POSTs to any URL a caller names is a way into the
 * operator's own network (server-side request forgery), so targets on private, loopback,
 * link-local, unique-local, multicast, unspecified and other non-global addresses are refused,
 * and plain http too, unless the operator allows them (WEBHOOK_ALLOW_PRIVATE_TARGETS=1: tests,
 * or a portal whose platforms sit on its own network). The check runs at registration and again
 * at every delivery, on the addresses DNS gives then, and the delivery connects to the address
 * that was checked (`pinnedLookup`), so a name that resolves to a public address when checked and
 * to 127.0.0.1 a moment later (DNS rebinding) gets nowhere.
 */
export class TargetRefused extends Error {}

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (and cloud metadata at 169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) blocked.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64 of IPv4 addresses
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) blocked.addSubnet(prefix, bits, 'ipv6');

/** True for an address no public webhook can have. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return blocked.check(address, 'ipv4');
}

export interface TargetPolicy {
  /** WEBHOOK_ALLOW_PRIVATE_TARGETS: private addresses and plain http allowed. */
  allowPrivate: boolean;
}

/** The URL's form: http(s), no credentials, at most 2,000 characters. Returns the parsed URL. */
export function parseTargetUrl(value: string, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TargetRefused('webhook_url: must be an absolute https:// URL');
  }
  if (value.length > 2000) throw new TargetRefused('webhook_url: must be at most 2,000 characters');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowPrivate)) {
    throw new TargetRefused(`webhook_url: must start with https:// (plain http is allowed only when the operator sets WEBHOOK_ALLOW_PRIVATE_TARGETS=1)`);
  }
  if (url.username || url.password) throw new TargetRefused('webhook_url: must not hold a user name or password');
  return url;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Resolves the URL's host and refuses it when any address it has is private (unless allowed).
 * Returns the addresses, the first of which a delivery connects to.
 */
export async function checkTarget(url: URL, policy: TargetPolicy): Promise<{ address: string; family: number }[]> {
  const host = hostOf(url);
  let addresses: { address: string; family: number }[];
  if (net.isIP(host)) addresses = [{ address: host, family: net.isIP(host) }];
  else {
    try {
      addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    } catch (error) {
      throw new TargetRefused(`webhook_url: the host ${host} cannot be resolved (${(error as NodeJS.ErrnoException).code ?? 'DNS error'})`);
    }
  }
  if (addresses.length === 0) throw new TargetRefused(`webhook_url: the host ${host} has no address`);
  if (!policy.allowPrivate) {
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) throw new TargetRefused(`webhook_url: ${host} resolves to ${bad.address}, a private, loopback, link-local or otherwise non-public address; webhooks go to public addresses only (an operator may allow others with WEBHOOK_ALLOW_PRIVATE_TARGETS=1)`);
  }
  return addresses;
}

/**
 * A `lookup` for http(s).request that answers with an address already checked, whatever DNS
 * would say now: the connection goes where the check looked.
 */
export function pinnedLookup(address: { address: string; family: number }): net.LookupFunction {
  return ((_host: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  }) as unknown as net.LookupFunction;
}
