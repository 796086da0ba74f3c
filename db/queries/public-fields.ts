/** Bookkeeping columns that are not part of a published record: never in the API or downloads. */
const INTERNAL = new Set(['naturalKey', 'contentHash', 'importId']);

/** A record row as the public sees it (API, change feed, bulk downloads). */
export function publicFields(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !INTERNAL.has(k)));
}
