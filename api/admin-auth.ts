import { createHash, timingSafeEqual } from 'node:crypto';
import { parseEnv } from '../core/env.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

let tokenDigests: Buffer[] | undefined;

/**
 * True when the request carries one of ADMIN_TOKENS as `Authorization: Bearer …`. Tokens are
 * compared as SHA-256 digests in constant time, so neither length nor content leaks by timing.
 */
export function isAdminRequest(request: Request): boolean {
  tokenDigests ??= parseEnv().ADMIN_TOKENS.map(digest);
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return false;
  const given = digest(match[1]!);
  let ok = false;
  for (const expected of tokenDigests) ok = timingSafeEqual(given, expected) || ok;
  return ok;
}
