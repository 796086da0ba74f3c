import { createHmac } from 'node:crypto';
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';
import { Agent, request } from 'undici';

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
    httpClient: undiciRequest,
  });
}

/** Kept-alive connections to every Meilisearch instance this process talks to. */
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });

/**
 * The client's requests over undici's `request` instead of `fetch`: the same HTTP, without the
 * WHATWG Request, Headers and stream objects fetch builds for each call. A search (two requests)
 * cost the process 1.9–2.5 ms of CPU this way against 3.0–4.2 ms through fetch (300 searches each,
 * BENCHMARKS.md), and on two cores the web server's CPU is taken from Meilisearch's. The client
 * wraps whatever this throws in a MeilisearchRequestError, so an error answer is thrown as the
 * MeilisearchApiError it would have made, and `meiliApiError` finds it inside.
 */
async function undiciRequest(url: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<unknown> {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => (headers[name] = value));
  const response = await request(String(url), {
    method: (init.method ?? 'GET') as 'GET',
    headers,
    body: typeof init.body === 'string' ? init.body : undefined,
    signal: init.signal ?? undefined,
    dispatcher,
  });
  const text = await response.body.text();
  const body: unknown = text === '' ? undefined : JSON.parse(text);
  if (response.statusCode >= 300) {
    throw new MeilisearchApiError(new Response(null, { status: response.statusCode }), body as ConstructorParameters<typeof MeilisearchApiError>[1]);
  }
  return body;
}

/** The error Meilisearch answered with (an unknown index, a refused key…), if that is what failed. */
export function meiliApiError(error: unknown): MeilisearchApiError | undefined {
  if (error instanceof MeilisearchApiError) return error;
  return error instanceof MeilisearchRequestError && error.cause instanceof MeilisearchApiError ? error.cause : undefined;
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
  (error instanceof MeilisearchRequestError && !meiliApiError(error)) || error instanceof MeilisearchRequestTimeOutError;

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
    if (meiliApiError(error)?.cause?.code !== 'api_key_not_found') throw error;
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
