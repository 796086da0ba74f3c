import { isIP } from 'node:net';

/**
 * The address a request is counted under. With TRUST_PROXY the first address of
 * X-Forwarded-For (the proxy must set that header, not append to one the client sent), otherwise
 * the socket's address. IPv4-mapped IPv6 counts as IPv4; other IPv6 addresses count by their /64,
 * which is what one subscriber usually gets, so hopping within it does not reset the limit.
 */
export function clientIp(request: Request, socketAddress: string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = normalize(request.headers.get('x-forwarded-for')?.split(',')[0]);
    if (forwarded) return forwarded;
  }
  return normalize(socketAddress) ?? 'unknown';
}

function normalize(raw: string | undefined): string | undefined {
  let address = raw?.trim().replace(/%.*$/, '') ?? '';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return prefix64(address);
  return undefined;
}

/** `2001:db8:a:b:1:2:3:4` → `2001:db8:a:b::/64`. */
function prefix64(address: string): string {
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - width(left) - width(right)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
