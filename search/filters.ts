import { z } from 'zod';
import { PENALTY_TYPE_VALUES } from '../db/records/penalties.ts';
import { campaigns, categories, provinces } from '../core/taxonomy.ts';
import type { IndexName } from './indexes/index.ts';

const RECORDS: IndexName[] = ['spot-checks', 'license-revocations', 'penalties', 'typical-cases'];

/**
 * The filters search accepts. Each is validated by zod against a closed vocabulary or a strict
 * pattern before it reaches Meilisearch, and each names the document attribute it filters on and
 * the indexes that have it: user text never becomes filter syntax.
 */
export const FILTERS = {
  region: {
    schema: z.enum(provinces.map((p) => p.code) as [string, ...string[]], { error: 'must be a province code such as 330000' }),
    attribute: 'provinceCode',
    indexes: [...RECORDS, 'enterprises'] as IndexName[],
  },
  category: {
    schema: z.enum(categories.map((c) => c.slug) as [string, ...string[]], { error: 'must be a product category slug (see /api/v1/count?field=category)' }),
    attribute: 'productCategory',
    indexes: RECORDS,
  },
  campaign: {
    schema: z.enum(campaigns.map((c) => c.slug) as [string, ...string[]], { error: 'must be a campaign slug' }),
    attribute: 'campaign',
    indexes: RECORDS,
  },
  year: {
    schema: z.coerce.number({ error: 'must be a year' }).int('must be a year').min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier'),
    attribute: 'year',
    indexes: RECORDS,
  },
  result: {
    schema: z.enum(['qualified', 'unqualified'], { error: 'must be qualified or unqualified' }),
    attribute: 'result',
    indexes: ['spot-checks'] as IndexName[],
  },
  penaltyType: {
    schema: z.enum(PENALTY_TYPE_VALUES as [string, ...string[]], { error: `must be one of: ${PENALTY_TYPE_VALUES.join(', ')}` }),
    attribute: 'penaltyTypes',
    indexes: ['penalties'] as IndexName[],
  },
  authority: {
    // Names of authorities are free text in real data; only letters, digits and a few
    // punctuation marks that appear in them are accepted, and the value is quoted besides.
    schema: z.string().trim().min(2, 'is too short').max(60, 'is too long').regex(/^[\p{Script=Han}A-Za-z0-9（）()·\- ]+$/u, 'contains characters no authority name has'),
    attribute: 'authority',
    indexes: RECORDS,
  },
} as const;

export type FilterName = keyof typeof FILTERS;
export const FILTER_NAMES = Object.keys(FILTERS) as FilterName[];
export type FilterValues = { [K in FilterName]?: z.output<(typeof FILTERS)[K]['schema']> };

/** The zod shape of every filter, for the search input schema. */
export const filterShape = Object.fromEntries(FILTER_NAMES.map((name) => [name, FILTERS[name].schema.optional()])) as {
  [K in FilterName]: z.ZodOptional<(typeof FILTERS)[K]['schema']>;
};

/** A Meilisearch string literal: double-quoted, with quotes and backslashes escaped. */
export const quote = (value: string) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/**
 * Filter expressions for one index, or `null` when a filter names an attribute the index does not
 * have (a `result` filter rules out penalties): that index is left out of the search.
 */
export function filterFor(index: IndexName, values: FilterValues): string[] | null {
  const clauses: string[] = [];
  for (const name of FILTER_NAMES) {
    const value = values[name];
    if (value === undefined) continue;
    const filter = FILTERS[name];
    if (!filter.indexes.includes(index)) return null;
    clauses.push(`${filter.attribute} = ${typeof value === 'number' ? value : quote(value)}`);
  }
  return clauses;
}

/** Facets shown with results, and the attribute each counts. */
export const FACETS = {
  type: 'type',
  region: 'provinceCode',
  category: 'productCategory',
  campaign: 'campaign',
  year: 'year',
  result: 'result',
  penaltyType: 'penaltyTypes',
  authority: 'authority',
} as const;
export type FacetName = keyof typeof FACETS;

/** The facet attributes an index can count. */
export function facetsFor(index: IndexName): string[] {
  return Object.entries(FACETS)
    .filter(([name]) => name === 'type' || (FILTERS[name as FilterName]?.indexes ?? []).includes(index))
    .map(([, attribute]) => attribute);
}

