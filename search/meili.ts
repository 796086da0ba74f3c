import { createHmac } from 'node:crypto';
import { Meilisearch, MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';

export interface MeiliConfig {
  url: string;
  /** The master key (worker, role all, commands) or, on the web tier, a search-only key. */
  masterKey: string;
  /** How long one request may take (default 5 s: a search that slow is better answered degraded). */
  timeoutMs?: number;
}

/**
 * The server-side Meilisearch client. No key ever reaches a browser; the web tier holds only a
 * search-only key (searchOnlyKey below), the worker the master key.
 *
 * `accept-encoding: identity`: fetch asks for gzip by default, and Meilisearch then streams a
 * compressed, chunked answer whose last small chunk waits (Nagle's algorithm on its socket) for
 * the client's delayed ACK: every search took ~45 ms instead of ~2 ms. Uncompressed, the answer
 * goes out whole. Compression would only pay on a slow link between the two, which a search
 * engine beside its web servers does not have.
 */
export function meiliClient(config: MeiliConfig): Meilisearch {
  return new Meilisearch({
    host: config.url,
    apiKey: config.masterKey,
    timeout: config.timeoutMs ?? 5_000,
    requestInit: { headers: { 'accept-encoding': 'identity' } },
  });
}

export async function meiliHealthy(client: Meilisearch): Promise<boolean> {
  try {
    return (await client.health()).status === 'available';
  } catch {
    return false;
  }
}

/** Meilisearch could not be reached or did not answer in time: search should degrade, not fail. */
export const isMeiliUnreachable = (error: unknown) =>
  error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError;

/**
 * The uid of the portal's search-only key. Meilisearch derives a key's value from the master key
 * and its uid (HMAC-SHA256), so every instance that shares a master key gives this uid the same
 * key: one MEILI_SEARCH_KEY serves them all, and it is known before any instance answers.
 */
export const SEARCH_KEY_UID = '6f1d5c0e-8b2a-4c57-9e3d-2a7b4f90c1e8';

/** The value Meilisearch gives the search-only key under `masterKey`. */
export function searchKeyFor(masterKey: string): string {
  return createHmac('sha256', masterKey).update(SEARCH_KEY_UID).digest('hex');
}

/**
 * Creates the search-only key (actions: search, every index, no expiry) on this instance if it is
 * missing; needs the master key. The web tier gets only this key: it can search, never write.
 */
export async function ensureSearchKey(meili: Meilisearch): Promise<string> {
  try {
    return (await meili.getKey(SEARCH_KEY_UID)).key;
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'api_key_not_found') throw error;
  }
  const created = await meili.createKey({
    uid: SEARCH_KEY_UID,
    name: 'portal web search',
    description: 'Search only: held by the portal web tier, which never gets the master key',
    actions: ['search'],
    indexes: ['*'],
    expiresAt: null,
  });
  return created.key;
}
