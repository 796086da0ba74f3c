import type { FederatedMultiSearchParams, Meilisearch, MultiSearchQueryWithFederation } from 'meilisearch';
import type { Bilingual, Outcome } from '../core/labels.ts';
import { detectIdentifier, foldForIndex } from '../core/text/index.ts';
import { FACETS, facetsFor, filterFor, quote, type FacetName, type FilterValues } from './filters.ts';
import { INDEX_NAMES, type IndexName } from './indexes/index.ts';

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
  total: number;
  facets: Partial<Record<FacetName, Record<string, number>>>;
  /** Set when the query was an identifier (USCC, licence or decision number) answered exactly. */
  identifier?: { kind: string; value: string };
}

const HIT_FIELDS = ['type', 'id', 'title', 'subtitle', 'url', 'publishedAt', 'heading', 'headingEn', 'subtitleEn', 'outcome', 'status', 'authority'];
// Sentinels that cannot occur in stored text; they become <mark> after the text is escaped.
const PRE = '\u0001';
const POST = '\u0002';
/** An identifier matched exactly outranks anything found by words. */
const EXACT_WEIGHT = 10;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const marked = (s: unknown) => (typeof s === 'string' ? escapeHtml(s).replaceAll(PRE, '<mark>').replaceAll(POST, '</mark>') : undefined);

function toHit(doc: Record<string, unknown>, index: IndexName): SearchHit {
  const formatted = (doc._formatted ?? {}) as Record<string, unknown>;
  return {
    type: index,
    id: String(doc.id),
    title: String(doc.title ?? doc.id),
    subtitle: typeof doc.subtitle === 'string' ? doc.subtitle : undefined,
    url: String(doc.url),
    publishedAt: typeof doc.publishedAt === 'string' ? doc.publishedAt : undefined,
    highlight: { title: marked(formatted.title), subtitle: marked(formatted.subtitle) },
    ...(typeof doc.heading === 'string' ? { heading: { zh: doc.heading, en: String(doc.headingEn ?? doc.heading) } } : {}),
    ...(typeof doc.subtitleEn === 'string' ? { subtitleEn: doc.subtitleEn } : {}),
    ...(doc.outcome ? { outcome: doc.outcome as Outcome } : {}),
    ...(typeof doc.status === 'string' ? { status: doc.status } : {}),
    ...(typeof doc.authority === 'string' ? { authority: doc.authority } : {}),
  };
}

/**
 * The federated multi-search for a question: a word query per index (folded to simplified
 * Chinese), plus, when the query is an identifier, an exact filter query per index weighted far
 * above it. Filters a given index cannot satisfy leave that index out; facets are merged across
 * indexes. `undefined` when no index can answer. (The benchmark sends this same request straight
 * to Meilisearch to measure what the API adds.)
 */
export function buildSearchRequest(p: SearchParams): FederatedMultiSearchParams | undefined {
  const identifier = detectIdentifier(p.q);
  // Dates sort records; enterprises have none, so a date-sorted search leaves them out.
  const candidates = (p.type ? [p.type] : INDEX_NAMES).filter((i) => p.sort === 'relevance' || i !== 'enterprises');
  const indexes = candidates.flatMap((index) => {
    const filter = filterFor(index, p.filters);
    return filter ? [{ index, filter }] : [];
  });
  if (indexes.length === 0) return undefined;
  const common = {
    attributesToRetrieve: HIT_FIELDS,
    attributesToHighlight: ['title', 'subtitle'],
    highlightPreTag: PRE,
    highlightPostTag: POST,
    ...(p.sort === 'relevance' ? {} : { sort: [`publishedTs:${p.sort === 'newest' ? 'desc' : 'asc'}`] }),
  };
  const queries: MultiSearchQueryWithFederation[] = indexes.map(({ index, filter }) => ({
    ...common,
    indexUid: index,
    q: foldForIndex(p.q),
    filter,
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
  return {
    federation: {
      limit: p.limit,
      offset: p.offset,
      facetsByIndex: Object.fromEntries(indexes.map(({ index }) => [index, facetsFor(index)])),
      mergeFacets: {},
    },
    queries,
  };
}

/** Answers a question from Meilisearch with one federated multi-search (see buildSearchRequest). */
export async function searchMeilisearch(meili: Meilisearch, p: SearchParams): Promise<SearchOutcome> {
  const identifier = detectIdentifier(p.q);
  const request = buildSearchRequest(p);
  if (!request) return { hits: [], total: 0, facets: {}, identifier };
  const response = await meili.multiSearch(request);
  // The same record can come from the exact and the word query: keep its first (best) place.
  const seen = new Set<string>();
  const hits = response.hits
    .map((doc) => toHit(doc, (doc._federation?.indexUid ?? doc.type) as IndexName))
    .filter((hit) => !seen.has(`${hit.type}/${hit.id}`) && seen.add(`${hit.type}/${hit.id}`));
  const distribution = (response as { facetDistribution?: Record<string, Record<string, number>> }).facetDistribution ?? {};
  const facets = Object.fromEntries(
    Object.entries(FACETS).flatMap(([name, attribute]) => (distribution[attribute] ? [[name, distribution[attribute]]] : [])),
  );
  return { hits, total: response.estimatedTotalHits ?? hits.length, facets, identifier };
}

export type SearchGroups = Partial<Record<IndexName, { hits: SearchHit[]; total: number }>>;

/**
 * The same search, grouped by type: the best `perType` hits of each index and its total, in one
 * (non-federated) multi-search. For result pages that show "companies", "spot checks", … apart.
 */
export async function searchGroupedByType(meili: Meilisearch, p: SearchParams, perType: number): Promise<SearchGroups> {
  const identifier = detectIdentifier(p.q);
  const indexes = (p.type ? [p.type] : INDEX_NAMES).flatMap((index) => {
    const filter = filterFor(index, p.filters);
    return filter ? [{ index, filter: identifier ? [...filter, `identifiers = ${quote(identifier.value)}`] : filter }] : [];
  });
  if (indexes.length === 0) return {};
  const { results } = await meili.multiSearch({
    queries: indexes.map(({ index, filter }) => ({
      indexUid: index,
      q: identifier ? identifier.value : foldForIndex(p.q),
      filter,
      limit: perType,
      attributesToRetrieve: HIT_FIELDS,
      attributesToHighlight: ['title', 'subtitle'],
      highlightPreTag: PRE,
      highlightPostTag: POST,
      ...(p.sort === 'relevance' || index === 'enterprises' ? {} : { sort: [`publishedTs:${p.sort === 'newest' ? 'desc' : 'asc'}`] }),
    })),
  });
  return Object.fromEntries(
    results.map((r, i) => [indexes[i]!.index, { hits: r.hits.map((doc) => toHit(doc, indexes[i]!.index)), total: r.estimatedTotalHits ?? r.hits.length }]),
  );
}
