import type { Settings } from 'meilisearch';
import { categoryOf } from '../../core/taxonomy.ts';
import { foldForIndex, pinyinVariants } from '../../core/text/index.ts';

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
  provinceCode?: string;
  province?: string;
  productCategory?: string;
  categoryName?: string;
  campaign?: string;
  /** Normalized identifiers (USCC, licence and decision numbers), matched exactly by filter. */
  identifiers: string[];
  /** Pinyin of company and brand names: `hongda`, `hong da`, `hd`. */
  pinyin: string[];
  /** Simplified-Chinese form of the searchable text, where it differs (traditional input). */
  folded?: string;
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

export interface SearchableParts {
  identifiers?: (string | null | undefined)[];
  /** Company and brand names: get pinyin variants. */
  names?: (string | null | undefined)[];
  /** All text a traditional-character query should also find. */
  text?: (string | null | undefined)[];
}

const present = (values: (string | null | undefined)[] = []) => values.filter((v): v is string => Boolean(v));

export function baseDocument(type: string, row: RecordBase, title: string, subtitle: string | undefined, parts: SearchableParts): BaseDocument {
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
    provinceCode: row.regionCode ? `${row.regionCode.slice(0, 2)}0000` : undefined,
    province: row.regionProvince ?? undefined,
    productCategory: row.productCategory ?? undefined,
    categoryName: categoryOf(row.productCategory)?.zh,
    campaign: row.campaign ?? undefined,
    ...searchableParts(parts),
  };
}

/** Identifiers, pinyin and the folded text, for any document (enterprises too). */
export function searchableParts(parts: SearchableParts): Pick<BaseDocument, 'identifiers' | 'pinyin' | 'folded'> {
  const text = present([...(parts.names ?? []), ...(parts.text ?? [])]).join(' ');
  const folded = foldForIndex(text);
  return {
    identifiers: [...new Set(present(parts.identifiers))],
    pinyin: [...new Set(present(parts.names).flatMap(pinyinVariants))],
    folded: folded !== text ? folded : undefined,
  };
}

export const COMMON_FILTERABLE = ['type', 'authority', 'year', 'regionCode', 'provinceCode', 'productCategory', 'campaign', 'identifiers'];
export const COMMON_SORTABLE = ['publishedTs'];

/**
 * Settings shared by all record indexes; each index adds its own searchable fields in rank order.
 * Identifiers and model numbers get no typo tolerance: one wrong digit is another company.
 */
export function recordSettings(searchable: string[], filterable: string[] = []): Settings {
  return {
    searchableAttributes: [...searchable, 'pinyin', 'folded', 'authority', 'categoryName', 'province', 'identifiers'],
    filterableAttributes: [...COMMON_FILTERABLE, ...filterable],
    sortableAttributes: COMMON_SORTABLE,
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'publishedTs:desc'],
    typoTolerance: { disableOnAttributes: ['identifiers', 'model', 'licenseNo', 'decisionNo', 'announcementNo'], disableOnNumbers: true },
    localizedAttributes: [
      { attributePatterns: ['pinyin', 'model', 'identifiers', 'englishName'], locales: ['eng'] },
      { attributePatterns: ['*'], locales: ['cmn'] },
    ],
    pagination: { maxTotalHits: 10_000 },
    faceting: { maxValuesPerFacet: 500 },
    // Facet values are never searched (only counted): not building that structure saves indexing time.
    facetSearch: false,
  };
}
