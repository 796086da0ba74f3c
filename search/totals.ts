import type { Meilisearch, MultiSearchQuery } from 'meilisearch';
import { FACETS, facetsFor, quote, type FacetName } from './filters.ts';
import { INDEXES, type IndexName } from './indexes/index.ts';

/**
 * The lowest ranking score a word match may have to be shown or counted.
 *
 * Meilisearch's first ranking rule is `words`, so a document matching k of a query's n tokens
 * scores within ((k-1)/n, k/n]: with 0.5, a document must match more than half of the tokens,
 * and one matching all of them always passes, whatever its typos or fields. Without a threshold
 * (matchingStrategy `last`) 川煜 (two one-character tokens) counted every document with a 川:
 * 245 on the sample data instead of 28; 翊驰卫生用品有限责任公司 counted 155 (everything with a
 * 翊) instead of 15, 电线 不合格 214 instead of 40. Measured on the relevance fixture, the
 * lowest score of an expected answer is 0.665 (pinyin initials `xc`), then 0.671 (`ly`,
 * `yaolan`), so 0.5 keeps a margin; 0.6 would already drop single-token matches in late
 * fields (电缆 in a category name: 224 → 183 on the sample data).
 */
export const MIN_SCORE = 0.5;

/**
 * The threshold for a query, or none. A query that is one Latin word or number keeps
 * Meilisearch's typo tolerance: there a single typo halves the score (cables → Cable scores
 * 0.42), and a one-token query cannot match on a part of itself anyway. An empty query lists
 * everything.
 */
export function scoreThreshold(q: string): number | undefined {
  const text = q.trim();
  if (text === '' || /^[\p{L}\p{N}]+$/u.test(text) && !/\p{Script=Han}/u.test(text)) return undefined;
  return MIN_SCORE;
}

/** One index to count in: its filter, and the identifier when the query is one. */
export interface CountTarget {
  index: IndexName;
  filter: string[];
}

export interface Totals {
  total: number;
  /** False when an index reached its maxTotalHits: the total is then a lower bound. */
  exact: boolean;
  facets: Partial<Record<FacetName, Record<string, number>>>;
}

/** Meilisearch's default maxTotalHits, for indexes whose settings do not say. */
const DEFAULT_MAX_TOTAL_HITS = 1000;

/**
 * Counts the matches of a query exactly, with the same threshold as the hits, and their facets.
 * A federated search only estimates: past its page it counts every candidate, score or not (川煜
 * with limit 20: 205 spot checks although 23 pass the threshold), so the count is a separate,
 * non-federated multi-search in page mode (`hitsPerPage: 0`), where Meilisearch applies the
 * threshold to `totalHits` and the facet distribution. For an identifier, the exact matches and
 * the word matches without that identifier are counted apart, so no record counts twice.
 */
export async function countMatches(meili: Meilisearch, q: string, targets: CountTarget[], identifier?: string): Promise<Totals> {
  const threshold = scoreThreshold(q);
  const queries: { index: IndexName; query: MultiSearchQuery }[] = [];
  for (const { index, filter } of targets) {
    const common = { indexUid: index, hitsPerPage: 0, page: 1, facets: facetsFor(index) };
    const exact = identifier ? [`identifiers = ${quote(identifier)}`] : [];
    queries.push({
      index,
      query: { ...common, q, filter: [...filter, ...exact.map((f) => `NOT ${f}`)], ...(threshold === undefined ? {} : { rankingScoreThreshold: threshold }) },
    });
    if (identifier) queries.push({ index, query: { ...common, q: identifier, filter: [...filter, ...exact] } });
  }
  if (queries.length === 0) return { total: 0, exact: true, facets: {} };
  const { results } = await meili.multiSearch({ queries: queries.map((x) => x.query) });
  return totalsOf(queries.map((x) => x.index), results);
}

/**
 * Adds up page-mode answers (one per index, `totalHits` exhaustive and facets counted with the
 * query's threshold): countMatches' own, or a grouped search's that asked for the facets too.
 */
export function totalsOf(indexes: IndexName[], results: { totalHits?: number; facetDistribution?: Record<string, Record<string, number>> }[]): Totals {
  let total = 0;
  let exact = true;
  const distribution: Record<string, Record<string, number>> = {};
  results.forEach((result, i) => {
    const count = result.totalHits ?? 0;
    const cap = INDEXES[indexes[i]!].settings.pagination?.maxTotalHits ?? DEFAULT_MAX_TOTAL_HITS;
    total += count;
    if (count >= cap) exact = false;
    for (const [attribute, values] of Object.entries(result.facetDistribution ?? {})) {
      const merged = (distribution[attribute] ??= {});
      for (const [value, n] of Object.entries(values)) merged[value] = (merged[value] ?? 0) + n;
    }
  });
  const facets = Object.fromEntries(
    Object.entries(FACETS).flatMap(([name, attribute]) => (distribution[attribute] ? [[name, distribution[attribute]]] : [])),
  );
  return { total, exact, facets };
}
