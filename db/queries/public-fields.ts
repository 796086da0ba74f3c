/** Bookkeeping columns that are not part of a published record: never in the API or downloads. */
// matchKeys: the folded names a foreign alert is found by when profiles change (matching bookkeeping).
export const INTERNAL_FIELDS: ReadonlySet<string> = new Set(['naturalKey', 'contentHash', 'importId', 'matchKeys']);

/** A record row as the public sees it (API, change feed, bulk downloads). */
export function publicFields(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !INTERNAL_FIELDS.has(k)));
}
