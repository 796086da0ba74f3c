import type { Settings } from 'meilisearch';
import type { Enterprise } from '../../db/schema/index.ts';
import type { EnterpriseFacts } from '../../db/queries/enterprise-facts.ts';

/** enterprises index: names, English names, aliases and brands, plus the counts behind a verdict. */
export const enterpriseIndexSettings: Settings = {
  searchableAttributes: ['name', 'englishName', 'aliases', 'brands', 'uscc'],
  filterableAttributes: ['type', 'regionCode', 'kind', 'repeatFailure', 'licenseRevoked'],
  sortableAttributes: ['recordCount'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'recordCount:desc'],
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn', 'eng'] }],
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
    ...counts,
    recordCount: counts.spotChecks + counts.penalties + counts.licenseRevocations,
  };
}
