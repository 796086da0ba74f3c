import { MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';
import { z } from 'zod';
import { RECORD_TYPES } from '../../db/schema/common.ts';
import { INDEX_NAMES, type IndexName } from '../../search/indexes/index.ts';
import type { Portal } from '../portal.ts';
import { searchPostgres } from './search-fallback.ts';

/** Search parameters, shared by the tRPC procedure, the REST endpoint and the search page. */
export const searchInput = z.object({
  q: z.string().trim().max(200, 'must be at most 200 characters').default(''),
  type: z.enum([...RECORD_TYPES, 'enterprises'], { error: `must be one of: ${INDEX_NAMES.join(', ')}` }).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
  offset: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(10_000, 'must be at most 10000').default(0),
});
export type SearchInput = z.input<typeof searchInput>;

export interface SearchHit {
  type: IndexName;
  id: string;
  title: string;
  subtitle?: string;
  url: string;
  publishedAt?: string;
}

export interface SearchResult {
  hits: SearchHit[];
  meta: { total: number; limit: number; offset: number; degraded: boolean; query: string; type?: IndexName };
}

const HIT_FIELDS = ['type', 'id', 'title', 'subtitle', 'url', 'publishedAt'];

function toHit(doc: Record<string, unknown>, index: IndexName): SearchHit {
  return {
    type: index,
    id: String(doc.id),
    title: String(doc.title ?? doc.id),
    subtitle: typeof doc.subtitle === 'string' ? doc.subtitle : undefined,
    url: String(doc.url),
    publishedAt: typeof doc.publishedAt === 'string' ? doc.publishedAt : undefined,
  };
}

/**
 * Federated search across every index (or one index when `type` is given). When Meilisearch
 * cannot be reached the same question is answered from PostgreSQL, marked `degraded`.
 */
export async function search(portal: Portal, raw: SearchInput): Promise<SearchResult> {
  const input = searchInput.parse(raw);
  const meta = { limit: input.limit, offset: input.offset, query: input.q, type: input.type };
  try {
    if (input.type) {
      const response = await portal.meili
        .index(input.type)
        .search(input.q, { limit: input.limit, offset: input.offset, attributesToRetrieve: HIT_FIELDS });
      return {
        hits: response.hits.map((doc) => toHit(doc, input.type!)),
        meta: { ...meta, total: response.estimatedTotalHits ?? response.hits.length, degraded: false },
      };
    }
    const response = await portal.meili.multiSearch({
      federation: { limit: input.limit, offset: input.offset },
      queries: INDEX_NAMES.map((indexUid) => ({
        indexUid,
        q: input.q,
        attributesToRetrieve: HIT_FIELDS,
        // A company profile is the most useful answer to a name, so enterprises weigh a little more.
        federationOptions: { weight: indexUid === 'enterprises' ? 1.2 : 1 },
      })),
    });
    return {
      hits: response.hits.map((doc) => toHit(doc, (doc._federation?.indexUid ?? doc.type) as IndexName)),
      meta: { ...meta, total: response.estimatedTotalHits ?? response.hits.length, degraded: false },
    };
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    const fallback = await searchPostgres(portal.db.db, input);
    return { hits: fallback.hits, meta: { ...meta, total: fallback.total, degraded: true } };
  }
}

/** Network failures and timeouts mean "search is down"; anything else is a real error. */
function isUnreachable(error: unknown): boolean {
  return error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError;
}
