import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { isVisible } from '../../db/schema/index.ts';
import type { StatsDescriptor } from '../shared/descriptor.ts';
import { ALERT_SOURCES } from './sources.ts';
import { crossBorderAlerts } from './table.ts';

/** Alerts per publisher and year: all of them, those about products from China, and those linked to a domestic profile. */
export const alertsBySource = async (db: Database) => {
  const t = crossBorderAlerts;
  const rows = await db.execute<{ source: string; year: number; alerts: number; from_china: number; linked: number }>(sql`
    select ${t.publisher} as source, extract(year from ${t.publishedAt})::int as year, count(*)::int as alerts,
      (count(*) filter (where ${t.fromChina}))::int as from_china,
      (count(*) filter (where cardinality(${t.enterpriseIds}) > 0))::int as linked
    from ${t} where ${isVisible(t.status)}
    group by 1, 2 order by 1, 2`);
  return [...rows].map((r) => ({ source: r.source, year: r.year, alerts: r.alerts, fromChina: r.from_china, linked: r.linked }));
};
export type AlertsBySource = Awaited<ReturnType<typeof alertsBySource>>;

const sourceName = (id: string, lang: 'zh' | 'en') => ALERT_SOURCES.find((s) => s.id === id)?.name[lang] ?? id;

/** The statistics foreign alerts publish: one chart (alerts by publisher and year) with its CSV. */
export const crossBorderAlertStats: StatsDescriptor = {
  data: { alertsBySource },
  charts: [
    {
      slug: 'cross-border-alerts-by-source',
      toc: { zh: '境外通报（按发布机构和年份）', en: 'Cross-border alerts by publisher and year' },
      csv: async (get) => ({
        head: ['source', 'source_zh', 'source_en', 'year', 'alerts', 'from_china', 'linked_to_profile'],
        rows: (await get<AlertsBySource>('alertsBySource')).map((r) => [r.source, sourceName(r.source, 'zh'), sourceName(r.source, 'en'), r.year, r.alerts, r.fromChina, r.linked]),
      }),
    },
  ],
};
