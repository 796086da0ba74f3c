import { campaignOf, categoryOf, provinces } from '../../core/taxonomy.ts';
import type { FacetName } from '../../search/filters.ts';
import type { Lang } from './i18n.ts';
import { PENALTY_TYPE_LABELS, RESULT_LABELS, TYPE_LABELS, label } from '../../core/labels.ts';

const provinceByCode = new Map(provinces.map((p) => [p.code, p]));

/** Facet headings and how each value reads on the page. */
export const FACET_LABELS: Record<FacetName, { title: { zh: string; en: string }; value: (v: string, lang: Lang) => string }> = {
  type: { title: { zh: '类型', en: 'Type' }, value: (v, lang) => label(lang, TYPE_LABELS, v) },
  region: { title: { zh: '地区', en: 'Province' }, value: (v, lang) => provinceByCode.get(v)?.[lang] ?? v },
  category: { title: { zh: '产品类别', en: 'Product category' }, value: (v, lang) => categoryOf(v)?.[lang] ?? v },
  campaign: { title: { zh: '专项行动', en: 'Campaign' }, value: (v, lang) => campaignOf(v)?.[lang] ?? v },
  year: { title: { zh: '年份', en: 'Year' }, value: (v, lang) => (lang === 'en' ? v : `${v} 年`) },
  result: { title: { zh: '抽查结果', en: 'Result' }, value: (v, lang) => label(lang, RESULT_LABELS, v) },
  penaltyType: { title: { zh: '处罚种类', en: 'Penalty type' }, value: (v, lang) => label(lang, PENALTY_TYPE_LABELS, v) },
  authority: { title: { zh: '发布机关', en: 'Authority' }, value: (v) => v },
};

/** Values of a facet, most frequent first (years newest first), at most `max`. */
export function facetValues(name: FacetName, counts: Record<string, number>, max = 12): [string, number][] {
  const entries = Object.entries(counts);
  entries.sort(name === 'year' ? ([a], [b]) => Number(b) - Number(a) : ([, a], [, b]) => b - a);
  return entries.slice(0, max);
}
