import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { announcements, isVisible } from '../../db/schema/index.ts';
import { categoryName } from '../../core/taxonomy.ts';
import type { StatsDescriptor } from '../shared/descriptor.ts';
import { spotChecks } from './table.ts';

/**
 * Spot-check statistics for /stats and the API: failure rates by category and year, from the
 * totals announcements print where they print them, and the most common unqualified items.
 * Visible records only (withdrawn and expired ones never count).
 */
const int = (expression: SQL) => sql<number>`(${expression})::int`;
const failures = int(sql`count(*) filter (where ${eq(spotChecks.result, 'unqualified')})`);
const rateOf = (unqualified: number, sampled: number) => (sampled > 0 ? unqualified / sampled : 0);

/**
 * Where a failure rate's batches come from: `published-totals` (the totals announcements print),
 * `published-rows` (computed from the published rows, where the announcement lists every batch it
 * tested) or `mixed`.
 */
export type RateBasis = 'published-totals' | 'published-rows' | 'mixed';

export interface FailureRate {
  sampled: number;
  unqualified: number;
  rate: number;
  basis: RateBasis;
  /** Published rows not counted: lists of unqualified (or qualified) products only, whose announcement printed no totals. */
  excludedRows: number;
}

/**
 * Failure rates per group (category, year), honest about what announcements publish. An
 * announcement that printed its totals counts with them (when all its rows fall in one group);
 * one that lists every batch it tested counts its rows; an unqualified-products list without totals
 * says nothing about a rate and is left out (never a 100 % failure rate), and so is a list of
 * qualified products only. Rows imported before announcements were kept count as full lists.
 */
async function failureRates<K extends string | number | null>(db: Database, group: SQL<K>): Promise<Map<K, FailureRate>> {
  const rows = await db
    .select({
      announcement: spotChecks.announcementId, key: group, n: count(), failed: failures,
      tested: announcements.batchesTested, testedFailed: announcements.batchesFailed, kinds: announcements.listKinds,
    })
    .from(spotChecks)
    .leftJoin(announcements, eq(announcements.id, spotChecks.announcementId))
    .where(isVisible(spotChecks.status))
    .groupBy(spotChecks.announcementId, sql`2`, announcements.batchesTested, announcements.batchesFailed, announcements.listKinds);
  const groupsOf = new Map<string | null, number>();
  for (const r of rows) groupsOf.set(r.announcement, (groupsOf.get(r.announcement) ?? 0) + 1);
  const out = new Map<K, FailureRate & { bases: Set<RateBasis> }>();
  for (const r of rows) {
    const g = out.get(r.key) ?? { sampled: 0, unqualified: 0, rate: 0, basis: 'published-rows', excludedRows: 0, bases: new Set<RateBasis>() };
    out.set(r.key, g);
    const kinds = r.kinds ?? [];
    const fullList = !r.announcement || kinds.length === 0 || kinds.includes('all') || (kinds.includes('unqualified') && kinds.includes('qualified'));
    if (r.tested !== null && r.tested !== undefined && groupsOf.get(r.announcement) === 1) {
      g.sampled += r.tested;
      g.unqualified += r.testedFailed ?? r.failed;
      g.bases.add('published-totals');
    } else if (fullList) {
      g.sampled += r.n;
      g.unqualified += r.failed;
      g.bases.add('published-rows');
    } else g.excludedRows += r.n;
  }
  return new Map([...out].map(([key, { bases, ...g }]) => [key, {
    ...g,
    rate: rateOf(g.unqualified, g.sampled),
    basis: bases.size > 1 ? 'mixed' : (bases.values().next().value ?? 'published-rows'),
  }]));
}

/** Failure rate (unqualified / sampled batches) per product category, highest rate first; categories with no countable batch are left out. */
export const failureByCategory = async (db: Database) => {
    const rates = await failureRates(db, sql<string | null>`${spotChecks.productCategory}`);
    return [...rates]
      .filter(([, r]) => r.sampled > 0)
      .map(([category, r]) => ({ category, ...r }))
      .sort((a, b) => b.rate - a.rate || b.sampled - a.sampled || String(a.category).localeCompare(String(b.category)));
};

/** Failure rate per year of publication, all categories, oldest year first. */
export const failureByYear = async (db: Database) => {
    const rates = await failureRates(db, int(sql`extract(year from ${spotChecks.publishedAt})`));
    return [...rates].filter(([, r]) => r.sampled > 0).map(([year, r]) => ({ year, ...r })).sort((a, b) => a.year - b.year);
};

/** How many published rows the failure rates leave out, and how many come from printed totals. */
export const failureRateCoverage = async (db: Database) => {
    const rates = [...(await failureRates(db, sql<number>`0`)).values()][0];
    return { excludedRows: rates?.excludedRows ?? 0, basis: rates?.basis ?? 'published-rows' };
};

/** The most frequent unqualified items of the categories with the most failed batches. */
export const unqualifiedItems = async (db: Database, categories = 8, items = 5) => {
    const ranked = await db.execute<{ category: string | null; item: string; batches: number }>(sql`
      with items as (
        select ${spotChecks.productCategory} as category, btrim(e.value ->> 'item') as item, count(distinct ${spotChecks.id})::int as batches
        from ${spotChecks}
        cross join lateral jsonb_array_elements(case when jsonb_typeof(${spotChecks.unqualifiedItems}) = 'array' then ${spotChecks.unqualifiedItems} else '[]'::jsonb end) as e(value)
        where ${and(isVisible(spotChecks.status), eq(spotChecks.result, 'unqualified'))}
        group by 1, 2
      )
      select category, item, batches from (
        select *, row_number() over (partition by category order by batches desc, item) as rank from items where item <> ''
      ) ranked where rank <= ${items} order by batches desc, item`);
    // Every published unqualified row counts here, lists of unqualified products included.
    const top = (await db
      .select({ category: spotChecks.productCategory, unqualified: count() })
      .from(spotChecks)
      .where(and(isVisible(spotChecks.status), eq(spotChecks.result, 'unqualified')))
      .groupBy(spotChecks.productCategory))
      .sort((a, b) => b.unqualified - a.unqualified || String(a.category).localeCompare(String(b.category)))
      .slice(0, categories);
    return top.map((c) => ({
      category: c.category,
      unqualified: c.unqualified,
      items: ranked.filter((r) => r.category === c.category).map((r) => ({ item: r.item, batches: r.batches, share: rateOf(r.batches, c.unqualified) })),
    }));
};

type Cell = string | number | null;
const pct = (share: number) => (share * 100).toFixed(1);
const both = (name: (lang: 'zh' | 'en') => string): Cell[] => [name('zh'), name('en')];
const rate = ['sampled_batches', 'unqualified_batches', 'failure_rate_pct', 'basis', 'excluded_rows'];

/** The statistics spot checks publish: their data (by name) and their charts (each with a CSV). */
export const spotCheckStats: StatsDescriptor = {
  data: {
    failureByCategory,
    failureByYear,
    failureRateCoverage,
    unqualifiedItems: (db) => unqualifiedItems(db),
  },
  charts: [
    {
      slug: 'failure-by-category',
      toc: { zh: '各类别不合格率', en: 'Failure rate by category' },
      csv: async (get) => ({
        head: ['category', 'category_zh', 'category_en', ...rate],
        rows: (await get<Awaited<ReturnType<typeof failureByCategory>>>('failureByCategory')).map((r) => [r.category, ...both((l) => categoryName(r.category, l)), r.sampled, r.unqualified, pct(r.rate), r.basis, r.excludedRows]),
      }),
    },
    {
      slug: 'failure-by-year',
      toc: { zh: '各年度不合格率', en: 'Failure rate by year' },
      csv: async (get) => ({
        head: ['year', ...rate],
        rows: (await get<Awaited<ReturnType<typeof failureByYear>>>('failureByYear')).map((r) => [r.year, r.sampled, r.unqualified, pct(r.rate), r.basis, r.excludedRows]),
      }),
    },
    {
      slug: 'unqualified-items',
      toc: { zh: '常见不合格项目', en: 'Most common unqualified items' },
      csv: async (get) => ({
        head: ['category', 'category_zh', 'category_en', 'category_unqualified_batches', 'rank', 'unqualified_item', 'batches', 'share_of_unqualified_pct'],
        rows: (await get<Awaited<ReturnType<typeof unqualifiedItems>>>('unqualifiedItems')).flatMap((c) =>
          c.items.map((i, n) => [c.category, ...both((l) => categoryName(c.category, l)), c.unqualified, n + 1, i.item, i.batches, pct(i.share)]),
        ),
      }),
    },
  ],
};
