import { MeilisearchRequestError } from 'meilisearch';
import { isMeiliUnreachable } from '../../search/meili.ts';
import { z } from 'zod';
import { wholeNumber } from '../../core/whole-number.ts';
import { filterShape, FILTER_NAMES, type FilterValues } from '../../search/filters.ts';
import { INDEX_NAMES, type IndexName } from '../../search/indexes/index.ts';
import { searchMeilisearch, type SearchGroups, type SearchOutcome } from '../../search/query.ts';
import { searchClientsOf, type Portal } from '../portal.ts';
import { cursor, listMeta, MAX_OFFSET, type ListMeta } from './list-meta.ts';
import { lookUpNamedEnterprise, type NamedEnterprise } from './named-enterprise.ts';
import { searchPostgres } from './search-fallback.ts';
import { RECORD_TYPES } from '../../types/registry.ts';

export type { SearchHit } from '../../search/query.ts';


/** Search parameters, shared by the tRPC procedure, the REST endpoint and the search page. */
export const searchInput = z
  .object({
    q: z.string().trim().max(200, 'must be at most 200 characters').default('').describe('Words, a name, a USCC, a licence or decision number; empty lists everything'),
    type: z.enum([...RECORD_TYPES, 'enterprises'], { error: `must be one of: ${INDEX_NAMES.join(', ')}` }).optional().describe('Search one type (or enterprises) only; every index when absent'),
    ...filterShape,
    sort: z.enum(['relevance', 'newest', 'oldest'], { error: 'must be relevance, newest or oldest' }).default('relevance').describe('Order of the hits'),
    /** `type`: also answer the best hits of each type separately, in `groups`. */
    group: z.enum(['type'], { error: 'must be type' }).optional().describe('type: also answer the best hits of each type separately, in `groups`'),
    limit: wholeNumber(1, 100).default(20).describe('Hits per page'),
    cursor: z.string().max(200, 'is not a cursor from this API').optional().describe('meta.next_cursor of the previous page; not together with offset'),
    offset: wholeNumber(0, MAX_OFFSET).optional().describe(`Hits to skip (at most ${MAX_OFFSET}); not together with cursor`),
  })
  .strict()
  .transform((input, ctx) => {
    // Two ways to say where a page starts: which one applies would be a guess.
    if (input.cursor !== undefined && input.offset !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'cannot be combined with offset: page with cursor (meta.next_cursor) or with offset, not both' });
      return z.NEVER;
    }
    const offset = input.cursor === undefined ? (input.offset ?? 0) : cursor.decode(input.cursor);
    if (offset === undefined) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'is not a cursor from this API (use meta.next_cursor)' });
      return z.NEVER;
    }
    const given = input as Record<string, unknown>;
    const filters = Object.fromEntries(FILTER_NAMES.flatMap((name) => (given[name] === undefined ? [] : [[name, given[name]]]))) as FilterValues;
    return { q: input.q, type: input.type, sort: input.sort, limit: input.limit, offset, filters, group: input.group };
  });
export type SearchInput = z.input<typeof searchInput>;
export type SearchQuery = z.output<typeof searchInput>;

export interface SearchResult extends Omit<SearchOutcome, 'total' | 'totalExact'> {
  groups?: SearchGroups;
  /** The one enterprise the query names (its name, alias, English name, pinyin or core name): the answer to show first. */
  answer?: NamedEnterprise;
  /** `total_exact` false: `total` is a lower bound (a count that reached its cap). */
  meta: ListMeta & { total_exact: boolean; degraded: boolean; query: string; type?: IndexName; sort: string; filters: FilterValues };
}

/**
 * When Meilisearch has just failed, go straight to PostgreSQL for a few seconds instead of
 * making every visitor wait for the same timeout; then try Meilisearch again.
 */
const RETRY_AFTER_MS = 3000;
let meiliDownUntil = 0;

/**
 * Federated search across every index (or one index when `type` is given), with filters, facets,
 * sort and cursor paging. When Meilisearch cannot be reached the same question is answered from
 * PostgreSQL in the same shape, marked `degraded`.
 */
export function search(portal: Portal, raw: SearchInput): Promise<SearchResult> {
  return runSearch(portal, searchInput.parse(raw));
}

/** `search` for input that is already parsed (the tRPC procedure parses it once). */
export async function runSearch(portal: Portal, input: SearchQuery): Promise<SearchResult> {
  let outcome: SearchOutcome;
  let groups: SearchGroups | undefined;
  let degraded = false;
  // A name is answered on the first page of a search across types or of enterprises, never for an
  // identifier; its PostgreSQL lookup starts now, beside the search engine's request.
  const named = input.q !== '' && input.offset === 0 && (!input.type || input.type === 'enterprises') ? lookUpNamedEnterprise(portal, input.q) : undefined;
  try {
    if (Date.now() < meiliDownUntil) throw new MeilisearchRequestError('', new Error('recently unreachable'));
    ({ groups, ...outcome } = await searchClientsOf(portal).use((meili) => searchMeilisearch(meili, input, input.group ? 5 : undefined)));
  } catch (error) {
    if (!isMeiliUnreachable(error)) throw error;
    if (Date.now() >= meiliDownUntil) meiliDownUntil = Date.now() + RETRY_AFTER_MS;
    outcome = await searchPostgres(portal.db.db, input);
    degraded = true;
  }
  const { total, totalExact, ...rest } = outcome;
  const next = input.offset + input.limit;
  const hints = [...(groups?.enterprises?.hits ?? []), ...outcome.hits].filter((h) => h.type === 'enterprises').map((h) => h.id);
  const answer = named && !outcome.identifier ? await named.answer(hints) : undefined;
  return {
    ...rest,
    ...(groups ? { groups } : {}),
    ...(answer ? { answer } : {}),
    meta: {
      ...(await listMeta(portal, { total, nextOffset: next < Math.min(total, MAX_OFFSET) ? next : undefined })),
      total_exact: totalExact,
      degraded,
      query: input.q,
      type: input.type,
      sort: input.sort,
      filters: input.filters,
    },
  };
}
