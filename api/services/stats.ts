import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { csvCell } from '../../ingest/report.ts';
import { announcements, isVisible, licenseRevocations, penalties, spotChecks, typicalCases, type RecordType } from '../../db/schema/index.ts';
import { categoryOf, provinces } from '../../core/taxonomy.ts';
import { label, PENALTY_TYPE_LABELS } from '../../core/labels.ts';
import type { Lang } from '../../core/labels.ts';
import type { Portal } from '../portal.ts';

/**
 * Statistics for /stats: one SQL aggregation per chart over visible records only (published or
 * corrected — withdrawn and expired records never count), cached in memory for a minute.
 */
export const STATS_CHARTS = [
  'failure-by-category', 'failure-by-year', 'unqualified-items',
  'penalties-by-type', 'fines-by-type', 'fines-distribution', 'records-by-province',
] as const;
export type StatsChart = (typeof STATS_CHARTS)[number];

const TTL_MS = 60_000;
const caches = new WeakMap<Portal, Map<string, { expires: number; value: Promise<unknown> }>>();

/** The result of `load` for `key`, computed at most once a minute per portal; failures are not kept. */
function cached<T>(portal: Portal, key: string, load: () => Promise<T>): Promise<T> {
  let cache = caches.get(portal);
  if (!cache) caches.set(portal, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.value as Promise<T>;
  const value = load();
  const entry = { expires: Date.now() + TTL_MS, value };
  cache.set(key, entry);
  value.catch(() => cache.get(key) === entry && cache.delete(key));
  return value;
}

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
async function failureRates<K extends string | number | null>(portal: Portal, group: SQL<K>): Promise<Map<K, FailureRate>> {
  const rows = await portal.db.db
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
export const failureByCategory = (portal: Portal) =>
  cached(portal, 'failure-by-category', async () => {
    const rates = await failureRates(portal, sql<string | null>`${spotChecks.productCategory}`);
    return [...rates]
      .filter(([, r]) => r.sampled > 0)
      .map(([category, r]) => ({ category, ...r }))
      .sort((a, b) => b.rate - a.rate || b.sampled - a.sampled || String(a.category).localeCompare(String(b.category)));
  });

/** Failure rate per year of publication, all categories, oldest year first. */
export const failureByYear = (portal: Portal) =>
  cached(portal, 'failure-by-year', async () => {
    const rates = await failureRates(portal, int(sql`extract(year from ${spotChecks.publishedAt})`));
    return [...rates].filter(([, r]) => r.sampled > 0).map(([year, r]) => ({ year, ...r })).sort((a, b) => a.year - b.year);
  });

/** How many published rows the failure rates leave out, and how many come from printed totals. */
export const failureRateCoverage = (portal: Portal) =>
  cached(portal, 'failure-rate-coverage', async () => {
    const rates = [...(await failureRates(portal, sql<number>`0`)).values()][0];
    return { excludedRows: rates?.excludedRows ?? 0, basis: rates?.basis ?? 'published-rows' };
  });

/** The most frequent unqualified items of the categories with the most failed batches. */
export const unqualifiedItems = (portal: Portal, categories = 8, items = 5) =>
  cached(portal, `unqualified-items:${categories}:${items}`, async () => {
    const ranked = await portal.db.db.execute<{ category: string | null; item: string; batches: number }>(sql`
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
    const top = (await portal.db.db
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
  });

/** Decisions per penalty type (a decision with several types counts under each) and their fines. */
export const penaltiesByType = (portal: Portal) =>
  cached(portal, 'penalties-by-type', async () => {
    const rows = await portal.db.db.execute<{ type: string | null; penalties: number; fined: number; fines: number }>(sql`
      select t.type, count(*)::int as penalties,
        (count(*) filter (where ${gt(penalties.fineAmount, 0)}))::int as fined,
        coalesce(sum(${penalties.fineAmount}), 0)::float8 as fines
      from ${penalties} left join lateral unnest(${penalties.penaltyTypes}) as t(type) on true
      where ${isVisible(penalties.status)}
      group by t.type order by penalties desc, t.type`);
    return [...rows];
  });

export const FINE_BUCKETS = [
  { key: 'under-10k', min: 0, max: 10_000, zh: '1万元以下', en: 'Under CNY 10,000' },
  { key: '10k-100k', min: 10_000, max: 100_000, zh: '1万–10万元', en: 'CNY 10,000–100,000' },
  { key: '100k-500k', min: 100_000, max: 500_000, zh: '10万–50万元', en: 'CNY 100,000–500,000' },
  { key: '500k-and-over', min: 500_000, max: null, zh: '50万元及以上', en: 'CNY 500,000 and over' },
] as const;

/** Decisions with a fine, by the size of the fine. Every bucket is listed, empty ones too. */
export const finesDistribution = (portal: Portal) =>
  cached(portal, 'fines-distribution', async () => {
    const f = penalties.fineAmount;
    const bucket = int(sql`case when ${f} < ${10_000} then 0 when ${f} < ${100_000} then 1 when ${f} < ${500_000} then 2 else 3 end`);
    const rows = await portal.db.db
      .select({ bucket, penalties: count(), fines: sql<number>`coalesce(sum(${f}), 0)::float8` })
      .from(penalties)
      .where(and(isVisible(penalties.status), isNotNull(f), gt(f, 0)))
      .groupBy(sql`1`);
    return FINE_BUCKETS.map((b, i) => {
      const row = rows.find((r) => r.bucket === i);
      return { ...b, penalties: row?.penalties ?? 0, fines: row?.fines ?? 0 };
    });
  });

const REGION_TABLES: [RecordType, PgTable & { regionCode: PgColumn; status: PgColumn }][] = [
  ['spot-checks', spotChecks], ['penalties', penalties], ['license-revocations', licenseRevocations], ['typical-cases', typicalCases],
];

/** Visible records of each type per province (the first two digits of the region code), most first. */
export const recordsByProvince = (portal: Portal) =>
  cached(portal, 'records-by-province', async () => {
    const byProvince = new Map<string | null, Record<RecordType, number>>();
    for (const [type, table] of REGION_TABLES) {
      const prefix = sql<string | null>`substr(${table.regionCode}, 1, 2)`;
      const rows = await portal.db.db.select({ prefix, n: count() }).from(table).where(isVisible(table.status)).groupBy(sql`1`);
      for (const { prefix: p, n } of rows) {
        const code = p && provinces.some((x) => x.code === `${p}0000`) ? `${p}0000` : null;
        const counts = byProvince.get(code) ?? { 'spot-checks': 0, penalties: 0, 'license-revocations': 0, 'typical-cases': 0 };
        counts[type] += n;
        byProvince.set(code, counts);
      }
    }
    return [...byProvince]
      .map(([province, counts]) => ({ province, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.total - a.total || String(a.province).localeCompare(String(b.province)));
  });

/** Names in either language; "not given" when a record has no category, region or type. */
export const categoryName = (slug: string | null, lang: Lang) =>
  slug ? (categoryOf(slug)?.[lang] ?? slug) : lang === 'en' ? 'Category not given' : '未注明类别';
export const provinceName = (code: string | null, lang: Lang) =>
  code ? (provinces.find((p) => p.code === code)?.[lang] ?? code) : lang === 'en' ? 'Region not given' : '未注明地区';
export const penaltyTypeName = (type: string | null, lang: Lang) =>
  type ? label(lang, PENALTY_TYPE_LABELS, type) : lang === 'en' ? 'Type not given' : '未注明种类';

type Cell = string | number | null;
const pct = (share: number) => (share * 100).toFixed(1);
const both = (name: (lang: Lang) => string): Cell[] => [name('zh'), name('en')];

/** The rows of a chart as CSV columns: codes, names in both languages, plain numbers. */
async function csvTable(portal: Portal, chart: StatsChart): Promise<{ head: string[]; rows: Cell[][] }> {
  const rate = ['sampled_batches', 'unqualified_batches', 'failure_rate_pct', 'basis', 'excluded_rows'];
  const types = ['penalty_type', 'penalty_type_zh', 'penalty_type_en', 'decisions', 'decisions_with_fine', 'total_fines_cny'];
  switch (chart) {
    case 'failure-by-category':
      return {
        head: ['category', 'category_zh', 'category_en', ...rate],
        rows: (await failureByCategory(portal)).map((r) => [r.category, ...both((l) => categoryName(r.category, l)), r.sampled, r.unqualified, pct(r.rate), r.basis, r.excludedRows]),
      };
    case 'failure-by-year':
      return { head: ['year', ...rate], rows: (await failureByYear(portal)).map((r) => [r.year, r.sampled, r.unqualified, pct(r.rate), r.basis, r.excludedRows]) };
    case 'unqualified-items':
      return {
        head: ['category', 'category_zh', 'category_en', 'category_unqualified_batches', 'rank', 'unqualified_item', 'batches', 'share_of_unqualified_pct'],
        rows: (await unqualifiedItems(portal)).flatMap((c) =>
          c.items.map((i, n) => [c.category, ...both((l) => categoryName(c.category, l)), c.unqualified, n + 1, i.item, i.batches, pct(i.share)]),
        ),
      };
    case 'penalties-by-type':
    case 'fines-by-type':
      return { head: types, rows: (await penaltiesByType(portal)).map((r) => [r.type, ...both((l) => penaltyTypeName(r.type, l)), r.penalties, r.fined, r.fines]) };
    case 'fines-distribution':
      return {
        head: ['bucket', 'bucket_zh', 'bucket_en', 'min_cny', 'below_cny', 'decisions', 'total_fines_cny'],
        rows: (await finesDistribution(portal)).map((b) => [b.key, b.zh, b.en, b.min, b.max, b.penalties, b.fines]),
      };
    case 'records-by-province':
      return {
        head: ['province_code', 'province_zh', 'province_en', ...REGION_TABLES.map(([t]) => t.replace(/-/g, '_')), 'total'],
        rows: (await recordsByProvince(portal)).map((r) => [r.province, ...both((l) => provinceName(r.province, l)), ...REGION_TABLES.map(([t]) => r.counts[t]), r.total]),
      };
  }
}

export const isStatsChart = (chart: string | undefined): chart is StatsChart => STATS_CHARTS.includes(chart as StatsChart);

/** A chart's data as CSV (UTF-8 with BOM for Excel; formula-like cells neutralized), or undefined. */
export async function statsCsv(portal: Portal, chart: string | undefined): Promise<{ filename: string; body: string } | undefined> {
  if (!isStatsChart(chart)) return undefined;
  const { head, rows } = await csvTable(portal, chart);
  const lines = [head, ...rows].map((cells) => cells.map((c) => csvCell(c === null ? '' : String(c))).join(','));
  return { filename: `stats-${chart}.csv`, body: `\uFEFF${lines.join('\r\n')}\r\n` };
}

/**
 * GET /stats/{chart}.csv (also under /en/): the CSV, or a 404 in the API's error shape for an
 * unknown chart. Takes the request path, not Astro's params: after the middleware's /en/ rewrite,
 * an endpoint still receives the original request's (empty) params.
 */
export async function statsCsvResponse(portal: Portal, pathname: string): Promise<Response> {
  const chart = /\/stats\/([^/]+)\.csv$/.exec(pathname)?.[1];
  const csv = await statsCsv(portal, chart);
  if (!csv) {
    const message = `No chart "${(chart ?? '').slice(0, 80)}"; charts: ${STATS_CHARTS.join(', ')}`;
    return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message, requestId: randomUUID() } }), {
      status: 404,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  }
  return new Response(csv.body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${csv.filename}"`,
      'cache-control': 'public, max-age=60',
    },
  });
}
