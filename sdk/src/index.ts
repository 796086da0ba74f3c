/**
 * @quality-portal/sdk — a typed client for the product-quality portal's open-data API (/api/v1).
 * Every operation of the OpenAPI document is a function here (generated into ./generated/ by
 * `npm run sdk:generate` in the portal's repository); this file adds the one thing a caller always
 * needs: a client that knows the portal's address and, optionally, an API key.
 */
import { createClient, type Client } from './generated/client/index.js';
import type { GetRecordError } from './generated/types.gen.js';

export * from './generated/index.js';
export type { Client, Config, RequestResult } from './generated/client/index.js';

export interface PortalClientOptions {
  /** The portal's address, e.g. `https://portal.example.org`; the API under it is `/api/v1`. */
  baseUrl: string;
  /** An API key (`qp_…`): a higher rate limit. Sent as `Authorization: Bearer <key>`; none is anonymous use. */
  apiKey?: string;
  /** A fetch to send requests with instead of the global one (a proxy, retries, a test recorder). */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request, e.g. a `User-Agent` naming your platform. */
  headers?: Record<string, string>;
}

/** The portal's one error shape, `{ error: { code, message, requestId } }`, as the SDK returns it in `error`. */
export type PortalError = GetRecordError;

/**
 * A client for one portal: pass it as `client` to any operation, e.g.
 * `await search({ client, query: { q: '电缆' } })` gives `{ data, error, response }`.
 */
export function createPortalClient(options: PortalClientOptions): Client {
  const origin = options.baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return createClient({
    baseUrl: `${origin}/api/v1`,
    headers: { ...options.headers, ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
