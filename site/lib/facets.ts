import { campaignOf, categoryOf, provinces } from '../../core/taxonomy.ts';
import { authorityName } from '../../core/glossary.ts';
import type { FacetName } from '../../search/filters.ts';
import { TYPE_LABELS, TYPES } from '../../types/registry.ts';
import type { Bilingual, Lang } from '../../core/labels.ts';
import { label } from '../../core/labels.ts';

const provinceByCode = new Map(provinces.map((p) => [p.code, p]));

interface FacetLabel {
  title: Bilingual;
  value: (v: string, lang: Lang) => string;
}

/** A type's own filters (a spot check's result, a penalty's kind), as facets. */
const typeFacets: Record<string, FacetLabel> = Object.fromEntries(
  TYPES.flatMap((t) => Object.entries(t.filters ?? {})).map(([name, f]) => [name, { title: f.title, value: (v: string, lang: Lang) => f.value(v)?.[lang] ?? v }]),
);

/** Facet headings and how each value reads on the page. */
export const FACET_LABELS: Record<FacetName, FacetLabel> = {
  type: { title: { zh: '类型', en: 'Type' }, value: (v, lang) => label(lang, TYPE_LABELS, v) },
  region: { title: { zh: '地区', en: 'Province' }, value: (v, lang) => provinceByCode.get(v)?.[lang] ?? v },
  category: { title: { zh: '产品类别', en: 'Product category' }, value: (v, lang) => categoryOf(v)?.[lang] ?? v },
  campaign: { title: { zh: '专项行动', en: 'Campaign' }, value: (v, lang) => campaignOf(v)?.[lang] ?? v },
  year: { title: { zh: '年份', en: 'Year' }, value: (v, lang) => (lang === 'en' ? v : `${v} 年`) },
  ...typeFacets,
  authority: { title: { zh: '发布机关', en: 'Authority' }, value: (v, lang) => authorityName(v, lang).text },
};

/** Values of a facet, most frequent first (years newest first), at most `max`. */
export function facetValues(name: FacetName, counts: Record<string, number>, max = 12): [string, number][] {
  const entries = Object.entries(counts);
  entries.sort(name === 'year' ? ([a], [b]) => Number(b) - Number(a) : ([, a], [, b]) => b - a);
  return entries.slice(0, max);
}
