import { campaignOf, categoryOf, provinces } from '../../db/taxonomy.ts';
import type { FacetName } from '../../search/filters.ts';
import { PENALTY_TYPE_LABELS, TYPE_LABELS } from './labels.ts';

const provinceName = new Map(provinces.map((p) => [p.code, p.zh]));

/** Facet headings and how each value reads on the page. */
export const FACET_LABELS: Record<FacetName, { title: string; value: (v: string) => string }> = {
  type: { title: '类型', value: (v) => TYPE_LABELS[v as keyof typeof TYPE_LABELS]?.zh ?? v },
  region: { title: '地区', value: (v) => provinceName.get(v) ?? v },
  category: { title: '产品类别', value: (v) => categoryOf(v)?.zh ?? v },
  campaign: { title: '专项行动', value: (v) => campaignOf(v)?.zh ?? v },
  year: { title: '年份', value: (v) => `${v} 年` },
  result: { title: '抽查结果', value: (v) => (v === 'unqualified' ? '不合格' : '合格') },
  penaltyType: { title: '处罚种类', value: (v) => PENALTY_TYPE_LABELS[v] ?? v },
  authority: { title: '发布机关', value: (v) => v },
};

/** Values of a facet, most frequent first (years newest first), at most `max`. */
export function facetValues(name: FacetName, counts: Record<string, number>, max = 12): [string, number][] {
  const entries = Object.entries(counts);
  entries.sort(name === 'year' ? ([a], [b]) => Number(b) - Number(a) : ([, a], [, b]) => b - a);
  return entries.slice(0, max);
}
