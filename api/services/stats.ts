import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { count, sql } from 'drizzle-orm';
import { provinceName, provinces } from '../../core/taxonomy.ts';
import { isVisible } from '../../db/schema/index.ts';
import { csvCell } from '../../ingest/report.ts';
import { RECORD_TYPES, TYPES, type RecordType } from '../../types/registry.ts';
import type { CsvTable, StatsDescriptor } from '../../types/shared/descriptor.ts';
import { errorResponse, NotFoundError } from '../errors.ts';
import type { Portal } from '../portal.ts';

/**
 * Statistics for /stats and the API: each record type's own aggregations (types/<name>/stats.ts:
 * failure rates, penalties by kind…) and the records of every type per province, over visible
 * records only (withdrawn and expired records never count), cached in memory for a minute.
 */
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

const typeStats = TYPES.flatMap((t) => (t.stats ? [t.stats] : [])) as StatsDescriptor[];
const loaders: Record<string, StatsDescriptor['data'][string]> = Object.assign({}, ...typeStats.map((s) => s.data));

/** Visible records of each type per province (the first two digits of the region code), most first. */
async function recordsByProvince(portal: Portal) {
  const byProvince = new Map<string | null, Record<RecordType, number>>();
  for (const { name, table } of TYPES) {
    const prefix = sql<string | null>`substr(${table.regionCode}, 1, 2)`;
    const rows = await portal.db.db.select({ prefix, n: count() }).from(table).where(isVisible(table.status)).groupBy(sql`1`);
    for (const { prefix: p, n } of rows) {
      const code = p && provinces.some((x) => x.code === `${p}0000`) ? `${p}0000` : null;
      const counts = byProvince.get(code) ?? (Object.fromEntries(RECORD_TYPES.map((t) => [t, 0])) as Record<RecordType, number>);
      counts[name as RecordType] += n;
      byProvince.set(code, counts);
    }
  }
  return [...byProvince]
    .map(([province, counts]) => ({ province, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || String(a.province).localeCompare(String(b.province)));
}
export type RecordsByProvince = Awaited<ReturnType<typeof recordsByProvince>>;

/** Every named aggregation: the record types' own, and the records by province. */
export const STATS_DATA: [string, ...string[]] = ['recordsByProvince', ...Object.keys(loaders)];

/** One named aggregation (`failureByCategory`, `penaltiesByType`, `recordsByProvince`…), cached for a minute. */
export function statsData<T = unknown>(portal: Portal, name: string): Promise<T> {
  if (name === 'recordsByProvince') return cached(portal, name, () => recordsByProvince(portal)) as Promise<T>;
  const load = loaders[name];
  if (!load) return Promise.reject(new Error(`no statistics named ${name}`));
  return cached(portal, name, () => load(portal.db.db)) as Promise<T>;
}

/** The province chart's CSV: codes, names in both languages, one column per type. */
const provinceCsv = async (portal: Portal): Promise<CsvTable> => ({
  head: ['province_code', 'province_zh', 'province_en', ...RECORD_TYPES.map((t) => t.replace(/-/g, '_')), 'total'],
  rows: (await statsData<RecordsByProvince>(portal, 'recordsByProvince')).map((r) => [
    r.province, provinceName(r.province, 'zh'), provinceName(r.province, 'en'), ...RECORD_TYPES.map((t) => r.counts[t]), r.total,
  ]),
});

/** The charts of /stats, in page order: each type's own, then records by province. */
export const STATS_CHARTS = [...typeStats.flatMap((s) => s.charts.map((c) => c.slug)), 'records-by-province'];
export type StatsChart = string;

export const isStatsChart = (chart: string | undefined): chart is StatsChart => STATS_CHARTS.includes(chart ?? '');

/** A chart's data as CSV (UTF-8 with BOM for Excel; formula-like cells neutralized), or undefined. */
export async function statsCsv(portal: Portal, chart: string | undefined): Promise<{ filename: string; body: string } | undefined> {
  if (!isStatsChart(chart)) return undefined;
  const own = typeStats.flatMap((s) => s.charts).find((c) => c.slug === chart);
  const { head, rows } = own ? await own.csv((name) => statsData(portal, name)) : await provinceCsv(portal);
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
    return errorResponse(new NotFoundError(message), randomUUID());
  }
  return new Response(csv.body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${csv.filename}"`,
      'cache-control': 'public, max-age=60',
    },
  });
}

const basisSchema = z.enum(['published-totals', 'published-rows', 'mixed']).describe('How it was counted: from the totals announcements print, from their full result lists, or both');

/** GET /stats/failure-rates: the rates, how each was counted, and what was left out. */
export const failureRatesResponseSchema = z
  .object({
    by: z.enum(['category', 'year']).describe('What the rates are grouped by'),
    rates: z
      .array(
        z.object({
          category: z.string().nullable().optional().describe('With by=category: the product category (null: not in the taxonomy)'),
          year: z.number().int().optional().describe('With by=year: the year of publication'),
          sampled: z.number().int().describe('Batches tested'),
          unqualified: z.number().int().describe('Batches that failed'),
          rate: z.number().min(0).max(1).describe('unqualified ÷ sampled, from 0 to 1'),
          basis: basisSchema,
          excludedRows: z.number().int().describe('Published rows not counted: unqualified-only lists whose announcement printed no totals'),
        }),
      )
      .describe('One rate per group'),
    coverage: z
      .object({ excludedRows: z.number().int().describe('Rows left out of every rate'), basis: basisSchema })
      .describe('What the rates leave out, over all spot checks'),
  })
  .meta({ id: 'FailureRates', description: 'Spot-check failure rates and how they were counted' });
