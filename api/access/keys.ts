import { createHash, randomInt } from 'node:crypto';

/** API keys: `qp_` and 32 random base62 characters (about 190 bits). */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const KEY_PATTERN = /^qp_[0-9A-Za-z]{32}$/;
export const PREFIX_LENGTH = 8;

/** A new key from the operating system's CSPRNG (randomInt is uniform: no modulo bias). */
export function generateKey(): string {
  let key = 'qp_';
  for (let i = 0; i < 32; i++) key += ALPHABET[randomInt(ALPHABET.length)];
  return key;
}

/**
 * What is stored and looked up: the SHA-256 hex digest. A lookup by the hash of the presented key
 * reveals nothing useful by timing, because the attacker cannot steer the digest's bytes.
 */
export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** The first characters of a key, stored for display (`qp_AbCd1`). */
export const keyPrefix = (key: string): string => key.slice(0, PREFIX_LENGTH);

/** The bearer credential of a request, if it has one. */
export function bearerOf(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}

/**
 * `Cache-Control: no-cache` (or `Pragma: no-cache`) from a client with an API key or an admin
 * token: it may have an answer made now instead of the server's cached one. An anonymous client's
 * no-cache is not followed, so that a flood of no-cache requests costs no more than the same
 * requests without it. (A wrong key is refused with 401 by the limiter, and counted against the
 * address like any wrong key.)
 */
export function asksForFreshAnswer(request: Request, isAdmin: boolean): boolean {
  const bearer = bearerOf(request);
  if (bearer === undefined || (!isAdmin && !KEY_PATTERN.test(bearer))) return false;
  return /\bno-cache\b/i.test(request.headers.get('cache-control') ?? '') || /\bno-cache\b/i.test(request.headers.get('pragma') ?? '');
}
