import { and, count, gt, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { isVisible } from '../../db/schema/index.ts';
import { label, type Lang } from '../../core/labels.ts';
import type { StatsDescriptor } from '../shared/descriptor.ts';
import { PENALTY_TYPE_LABELS } from './labels.ts';
import { penalties } from './table.ts';

/** Penalty statistics for /stats and the API: decisions and fines by penalty type, and the sizes of fines. */
const int = (expression: SQL) => sql<number>`(${expression})::int`;

/** Decisions per penalty type (a decision with several types counts under each) and their fines. */
export const penaltiesByType = async (db: Database) => {
    const rows = await db.execute<{ type: string | null; penalties: number; fined: number; fines: number }>(sql`
      select t.type, count(*)::int as penalties,
        (count(*) filter (where ${gt(penalties.fineAmount, 0)}))::int as fined,
        coalesce(sum(${penalties.fineAmount}), 0)::float8 as fines
      from ${penalties} left join lateral unnest(${penalties.penaltyTypes}) as t(type) on true
      where ${isVisible(penalties.status)}
      group by t.type order by penalties desc, t.type`);
    return [...rows];
};

export const FINE_BUCKETS = [
  { key: 'under-10k', min: 0, max: 10_000, zh: '1万元以下', en: 'Under CNY 10,000' },
  { key: '10k-100k', min: 10_000, max: 100_000, zh: '1万–10万元', en: 'CNY 10,000–100,000' },
  { key: '100k-500k', min: 100_000, max: 500_000, zh: '10万–50万元', en: 'CNY 100,000–500,000' },
  { key: '500k-and-over', min: 500_000, max: null, zh: '50万元及以上', en: 'CNY 500,000 and over' },
] as const;

/** Decisions with a fine, by the size of the fine. Every bucket is listed, empty ones too. */
export const finesDistribution = async (db: Database) => {
    const f = penalties.fineAmount;
    const bucket = int(sql`case when ${f} < ${10_000} then 0 when ${f} < ${100_000} then 1 when ${f} < ${500_000} then 2 else 3 end`);
    const rows = await db
      .select({ bucket, penalties: count(), fines: sql<number>`coalesce(sum(${f}), 0)::float8` })
      .from(penalties)
      .where(and(isVisible(penalties.status), isNotNull(f), gt(f, 0)))
      .groupBy(sql`1`);
    return FINE_BUCKETS.map((b, i) => {
      const row = rows.find((r) => r.bucket === i);
      return { ...b, penalties: row?.penalties ?? 0, fines: row?.fines ?? 0 };
    });
};

export const penaltyTypeName = (type: string | null, lang: Lang) =>
  type ? label(lang, PENALTY_TYPE_LABELS, type) : lang === 'en' ? 'Type not given' : '未注明种类';

type Cell = string | number | null;
const both = (name: (lang: Lang) => string): Cell[] => [name('zh'), name('en')];
const types = ['penalty_type', 'penalty_type_zh', 'penalty_type_en', 'decisions', 'decisions_with_fine', 'total_fines_cny'];
const byType = async (get: <T>(name: string) => Promise<T>) => ({
  head: types,
  rows: (await get<Awaited<ReturnType<typeof penaltiesByType>>>('penaltiesByType')).map((r) => [r.type, ...both((l) => penaltyTypeName(r.type, l)), r.penalties, r.fined, r.fines]),
});

/** The statistics penalties publish: their data (by name) and their charts (each with a CSV). */
export const penaltyStats: StatsDescriptor = {
  data: { penaltiesByType, finesDistribution },
  charts: [
    { slug: 'penalties-by-type', toc: { zh: '各处罚种类决定数', en: 'Penalties by type' }, csv: byType },
    { slug: 'fines-by-type', toc: { zh: '各处罚种类罚款总额', en: 'Total fines by penalty type' }, csv: byType },
    {
      slug: 'fines-distribution',
      toc: { zh: '罚款金额分布', en: 'Distribution of fines' },
      csv: async (get) => ({
        head: ['bucket', 'bucket_zh', 'bucket_en', 'min_cny', 'below_cny', 'decisions', 'total_fines_cny'],
        rows: (await get<Awaited<ReturnType<typeof finesDistribution>>>('finesDistribution')).map((b) => [b.key, b.zh, b.en, b.min, b.max, b.penalties, b.fines]),
      }),
    },
  ],
};
