import type { Settings } from 'meilisearch';
import { FLAG_NAMES, recordCount, type EnterpriseFacts } from '../../types/enterprise-facts.ts';
import type { Enterprise } from '../../db/schema/index.ts';
import { searchableParts } from '../../types/shared/search-document.ts';

/** enterprises index: names, English names, aliases and brands, plus the counts behind a verdict. */
export const enterpriseIndexSettings: Settings = {
  searchableAttributes: ['name', 'aliases', 'brands', 'englishName', 'pinyin', 'folded', 'identifiers'],
  filterableAttributes: ['type', 'regionCode', 'provinceCode', 'kind', ...FLAG_NAMES, 'identifiers'],
  sortableAttributes: ['recordCount'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'recordCount:desc'],
  typoTolerance: { disableOnAttributes: ['identifiers'], disableOnNumbers: true },
  localizedAttributes: [
    { attributePatterns: ['pinyin', 'englishName', 'identifiers'], locales: ['eng'] },
    { attributePatterns: ['*'], locales: ['cmn'] },
  ],
  // Counted like the record indexes (search/totals.ts): Meilisearch's default 1,000 would cap an exact total.
  pagination: { maxTotalHits: 10_000 },
  faceting: { maxValuesPerFacet: 500 },
  facetSearch: false,
};

export function enterpriseDocument(row: Enterprise, counts: EnterpriseFacts) {
  return {
    id: row.id,
    type: 'enterprises',
    title: row.name,
    subtitle: row.uscc ?? row.englishName ?? undefined,
    url: `/enterprises/${encodeURIComponent(row.uscc ?? row.id)}`,
    name: row.name,
    englishName: row.englishName,
    aliases: row.aliases,
    brands: row.brands,
    uscc: row.uscc,
    kind: row.kind,
    regionCode: row.regionCode,
    provinceCode: row.regionCode ? `${row.regionCode.slice(0, 2)}0000` : undefined,
    ...searchableParts({
      identifiers: [row.uscc],
      names: row.kind === 'enterprise' ? [row.name, ...row.aliases, ...row.brands] : [],
    }),
    ...counts,
    recordCount: recordCount(counts),
  };
}
