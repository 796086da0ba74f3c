/**
 * A platform's first steps with the SDK. The portal's tests type-check this file against the
 * built package (tests/integration/sdk.test.ts), so it stays a correct example.
 */
import { changes, createPortalClient, getEnterprise, screen, search, type PortalError } from '@quality-portal/sdk';

const client = createPortalClient({ baseUrl: 'https://portal.example.org', apiKey: process.env.PORTAL_API_KEY });

/** Everything the portal holds about a seller: the enterprise its name points to, with its flags. */
export async function checkSeller(name: string) {
  const { data, error } = await search({ client, query: { q: name, type: 'enterprises', limit: 1 } });
  if (error) throw new Error(describe(error));
  const hit = data.hits[0];
  if (!hit) return undefined;
  const profile = await getEnterprise({ client, path: { key: hit.id }, throwOnError: true });
  return profile.data.flags;
}

/** Screening a batch of sellers at once: up to 1,000 names, USCCs, licence numbers or brands. */
export async function screenSellers(names: string[]) {
  const { data } = await screen({ client, body: { queries: names.map((name, i) => ({ key: `seller-${i}`, name })) }, throwOnError: true });
  return data.results;
}

/** Keeping a copy in sync: every change after a cursor, page by page. */
export async function changesSince(since?: string) {
  const { data } = await changes({ client, query: { since, limit: 500 }, throwOnError: true });
  return { changes: data.changes, next: data.meta?.next_cursor };
}

const describe = (error: PortalError) => `${error.error.code}: ${error.error.message} (request ${error.error.requestId})`;

export function wrongCalls() {
  // @ts-expect-error — `q` is a string, not a number: a wrong call does not compile.
  void search({ client, query: { q: 42 } });
  // @ts-expect-error — an enterprise profile needs its key.
  void getEnterprise({ client, path: {} });
}
