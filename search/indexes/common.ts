import type { Settings } from 'meilisearch';
import { categoryOf } from '../../db/taxonomy.ts';

/** Fields every search document has, whatever its index. */
export interface BaseDocument {
  id: string;
  type: string;
  /** Version and content hash let `npm run verify` compare the index with PostgreSQL. */
  version: number;
  contentHash: string;
  title: string;
  subtitle?: string;
  url: string;
  authority?: string;
  publishedAt?: string;
  publishedTs?: number;
  year?: number;
  regionCode?: string;
  province?: string;
  productCategory?: string;
  categoryName?: string;
  campaign?: string;
}

/** Columns every record table has, as the document builders read them. */
export interface RecordBase {
  id: string;
  version: number;
  contentHash: string;
  authority: string;
  publishedAt: string;
  regionCode: string | null;
  regionProvince: string | null;
  productCategory: string | null;
  campaign: string | null;
}

export function baseDocument(type: string, row: RecordBase, title: string, subtitle?: string): BaseDocument {
  return {
    id: row.id,
    type,
    version: row.version,
    contentHash: row.contentHash,
    title,
    subtitle,
    url: `/${type}/${encodeURIComponent(row.id)}`,
    authority: row.authority,
    publishedAt: row.publishedAt,
    publishedTs: Date.parse(`${row.publishedAt}T00:00:00Z`) / 1000,
    year: Number(row.publishedAt.slice(0, 4)),
    regionCode: row.regionCode ?? undefined,
    province: row.regionProvince ?? undefined,
    productCategory: row.productCategory ?? undefined,
    categoryName: categoryOf(row.productCategory)?.zh,
    campaign: row.campaign ?? undefined,
  };
}

export const COMMON_FILTERABLE = ['type', 'authority', 'year', 'regionCode', 'province', 'productCategory', 'campaign'];
export const COMMON_SORTABLE = ['publishedTs'];

/** Settings shared by all record indexes; each index adds its own searchable fields in rank order. */
export function recordSettings(searchable: string[], filterable: string[] = []): Settings {
  return {
    searchableAttributes: [...searchable, 'authority', 'categoryName', 'province'],
    filterableAttributes: [...COMMON_FILTERABLE, ...filterable],
    sortableAttributes: COMMON_SORTABLE,
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'publishedTs:desc'],
    localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn', 'eng'] }],
    pagination: { maxTotalHits: 10_000 },
    faceting: { maxValuesPerFacet: 200 },
  };
}
