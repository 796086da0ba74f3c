import type { FederatedMultiSearchParams, Meilisearch, MultiSearchQueryWithFederation } from 'meilisearch';
import type { Bilingual, Outcome } from '../core/labels.ts';
import { detectIdentifier, foldForIndex } from '../core/text/index.ts';
import { facetsFor, filterFor, quote, type FacetName, type FilterValues } from './filters.ts';
import { highlightHtml, POST, PRE } from './highlight.ts';
import { INDEX_NAMES, type IndexName } from './indexes/index.ts';
import { countMatches, scoreThreshold, totalsOf, type Totals } from './totals.ts';

export type SortOrder = 'relevance' | 'newest' | 'oldest';

export interface SearchParams {
  q: string;
  type?: IndexName;
  filters: FilterValues;
  sort: SortOrder;
  limit: number;
  offset: number;
}

/** One hit, the same whatever index it came from. `highlight` is HTML: escaped text with <mark>. */
export interface SearchHit {
  type: IndexName;
  id: string;
  title: string;
  subtitle?: string;
  url: string;
  publishedAt?: string;
  highlight?: { title?: string; subtitle?: string };
  /** Records only: the title without its outcome, in both languages, the outcome's badge, the status and the authority. */
  heading?: Bilingual;
  /** The firm named in `subtitle`, by its known English name. */
  subtitleEn?: string;
  outcome?: Outcome;
  status?: string;
  authority?: string;
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** How many records match (with the same score threshold as the hits). */
  total: number;
  /** False when `total` is only a lower bound (a capped count, or the degraded search). */
  totalExact: boolean;
  facets: Partial<Record<FacetName, Record<string, number>>>;
  /** Set when the query was an identifier (USCC, licence or decision number) answered exactly. */
  identifier?: { kind: string; value: string };
}

const HIT_FIELDS = ['type', 'id', 'title', 'subtitle', 'url', 'publishedAt', 'heading', 'headingEn', 'subtitleEn', 'outcome', 'status', 'authority'];
/** An identifier matched exactly outranks anything found by words. */
const EXACT_WEIGHT = 10;

function toHit(doc: Record<string, unknown>, index: IndexName, q: string): SearchHit {
  const formatted = (doc._formatted ?? {}) as Record<string, unknown>;
  return {
    type: index,
    id: String(doc.id),
    title: String(doc.title ?? doc.id),
    subtitle: typeof doc.subtitle === 'string' ? doc.subtitle : undefined,
    url: String(doc.url),
    publishedAt: typeof doc.publishedAt === 'string' ? doc.publishedAt : undefined,
    highlight: { title: highlightHtml(formatted.title, q), subtitle: highlightHtml(formatted.subtitle, q) },
    ...(typeof doc.heading === 'string' ? { heading: { zh: doc.heading, en: String(doc.headingEn ?? doc.heading) } } : {}),
    ...(typeof doc.subtitleEn === 'string' ? { subtitleEn: doc.subtitleEn } : {}),
    ...(doc.outcome ? { outcome: doc.outcome as Outcome } : {}),
    ...(typeof doc.status === 'string' ? { status: doc.status } : {}),
    ...(typeof doc.authority === 'string' ? { authority: doc.authority } : {}),
  };
}

/** The indexes a question goes to, with their filters; filters an index cannot satisfy leave it out. */
function searchTargets(p: SearchParams, exactIdentifier?: string) {
  // Dates sort records; enterprises have none, so a date-sorted search leaves them out.
  const candidates = (p.type ? [p.type] : INDEX_NAMES).filter((i) => p.sort === 'relevance' || i !== 'enterprises');
  return candidates.flatMap((index) => {
    const filter = filterFor(index, p.filters);
    if (!filter) return [];
    return [{ index, filter: exactIdentifier ? [...filter, `identifiers = ${quote(exactIdentifier)}`] : filter }];
  });
}

/** Word queries show only what they would count: matches of more than half the query (search/totals.ts). */
const thresholdFor = (q: string) => {
  const threshold = scoreThreshold(q);
  return threshold === undefined ? {} : { rankingScoreThreshold: threshold };
};

/**
 * The federated multi-search for a question's hits: a word query per index (folded to simplified
 * Chinese, with the score threshold), plus, when the query is an identifier, an exact filter
 * query per index weighted far above it. `undefined` when no index can answer. Totals and facets
 * come from countMatches, which counts exactly where a federated search only estimates. (The
 * benchmark sends this same request straight to Meilisearch to measure what the API adds.)
 */
export function buildSearchRequest(p: SearchParams): FederatedMultiSearchParams | undefined {
  const identifier = detectIdentifier(p.q);
  const indexes = searchTargets(p);
  if (indexes.length === 0) return undefined;
  const common = {
    attributesToRetrieve: HIT_FIELDS,
    attributesToHighlight: ['title', 'subtitle'],
    highlightPreTag: PRE,
    highlightPostTag: POST,
    ...(p.sort === 'relevance' ? {} : { sort: [`publishedTs:${p.sort === 'newest' ? 'desc' : 'asc'}`] }),
  };
  const q = foldForIndex(p.q);
  const queries: MultiSearchQueryWithFederation[] = indexes.map(({ index, filter }) => ({
    ...common,
    indexUid: index,
    q,
    filter,
    ...thresholdFor(q),
    // A company profile is the most useful answer to a name, so enterprises weigh a little more.
    federationOptions: { weight: index === 'enterprises' ? 1.2 : 1 },
  }));
  if (identifier) {
    for (const { index, filter } of indexes) {
      // The identifier as the query text (not an empty placeholder query), so Meilisearch can rank
      // these hits against the word hits; the filter makes the match exact. (No attributesToSearchOn:
      // an index without documents yet would reject it.)
      queries.push({
        ...common,
        indexUid: index,
        q: identifier.value,
        filter: [...filter, `identifiers = ${quote(identifier.value)}`],
        federationOptions: { weight: EXACT_WEIGHT },
      });
    }
  }
  return { federation: { limit: p.limit, offset: p.offset }, queries };
}

export type SearchGroups = Partial<Record<IndexName, { hits: SearchHit[]; total: number }>>;

/**
 * Answers a question from Meilisearch: the federated hits and, beside them, the exact count and
 * facets; with `groupPerType`, also the best hits of each type (searchGroups). All requests go
 * at once. When the grouped search asks exactly what the count would (no identifier, relevance
 * order: the same indexes, query, filters and threshold), it carries the facets and its totals
 * are the count: a search page costs Meilisearch two requests instead of three.
 */
export async function searchMeilisearch(meili: Meilisearch, p: SearchParams, groupPerType?: number): Promise<SearchOutcome & { groups?: SearchGroups }> {
  const identifier = detectIdentifier(p.q);
  const request = buildSearchRequest(p);
  if (!request) return { hits: [], total: 0, totalExact: true, facets: {}, identifier, ...(groupPerType === undefined ? {} : { groups: {} }) };
  const q = foldForIndex(p.q);
  const groupsCount = groupPerType !== undefined && !identifier && p.sort === 'relevance';
  const [response, counted, grouped] = await Promise.all([
    meili.multiSearch(request),
    groupsCount ? undefined : countMatches(meili, q, searchTargets(p), identifier?.value),
    groupPerType === undefined ? undefined : searchGroups(meili, p, groupPerType, groupsCount),
  ]);
  const totals = counted ?? grouped!.totals!;
  // The same record can come from the exact and the word query: keep its first (best) place.
  const seen = new Set<string>();
  const hits = response.hits
    .map((doc) => toHit(doc, (doc._federation?.indexUid ?? doc.type) as IndexName, p.q))
    .filter((hit) => !seen.has(`${hit.type}/${hit.id}`) && seen.add(`${hit.type}/${hit.id}`));
  // The count and the hits are two searches (an import may land between them): never say fewer than the page shows.
  const total = hits.length > 0 ? Math.max(totals.total, p.offset + hits.length) : totals.total;
  return { hits, total, totalExact: totals.exact, facets: totals.facets, identifier, ...(grouped ? { groups: grouped.groups } : {}) };
}

/**
 * The same search, grouped by type: the best `perType` hits of each index and its total, in one
 * (non-federated) multi-search in page mode, so each total is an exact count with the same score
 * threshold (as the facets of searchMeilisearch). For result pages that show "companies", "spot
 * checks", … apart. `withFacets`: also the facets, and the totals added up (search/totals.ts).
 */
async function searchGroups(meili: Meilisearch, p: SearchParams, perType: number, withFacets: boolean): Promise<{ groups: SearchGroups; totals?: Totals }> {
  const identifier = detectIdentifier(p.q);
  const indexes = searchTargets({ ...p, sort: 'relevance' }, identifier?.value);
  if (indexes.length === 0) return { groups: {}, ...(withFacets ? { totals: { total: 0, exact: true, facets: {} } } : {}) };
  const q = identifier ? identifier.value : foldForIndex(p.q);
  const { results } = await meili.multiSearch({
    queries: indexes.map(({ index, filter }) => ({
      indexUid: index,
      q,
      filter,
      page: 1,
      hitsPerPage: perType,
      ...(identifier ? {} : thresholdFor(q)),
      ...(withFacets ? { facets: facetsFor(index) } : {}),
      attributesToRetrieve: HIT_FIELDS,
      attributesToHighlight: ['title', 'subtitle'],
      highlightPreTag: PRE,
      highlightPostTag: POST,
      ...(p.sort === 'relevance' || index === 'enterprises' ? {} : { sort: [`publishedTs:${p.sort === 'newest' ? 'desc' : 'asc'}`] }),
    })),
  });
  const groups: SearchGroups = Object.fromEntries(
    results.map((r, i) => {
      const hits = r.hits.map((doc) => toHit(doc, indexes[i]!.index, p.q));
      return [indexes[i]!.index, { hits, total: (r as { totalHits?: number }).totalHits ?? hits.length }];
    }),
  );
  return { groups, ...(withFacets ? { totals: totalsOf(indexes.map((t) => t.index), results) } : {}) };
}
