import { z } from 'zod';
import { campaigns, categories, provinces } from '../core/taxonomy.ts';
import { RECORD_TYPES, TYPES } from '../types/registry.ts';
import type { IndexName } from './indexes/index.ts';

const RECORDS: IndexName[] = [...RECORD_TYPES];

interface Filter {
  schema: z.ZodType;
  attribute: string;
  indexes: IndexName[];
  /** What it filters, for the OpenAPI document. */
  description?: string;
}

/**
 * The filters search accepts: the ones every record has, then each type's own (types/<name>/
 * `filters`: a spot check's result, a penalty's kind). Each is validated by zod against a closed
 * vocabulary or a strict pattern before it reaches Meilisearch, and each names the document
 * attribute it filters on and the indexes that have it: user text never becomes filter syntax.
 */
const COMMON = {
  region: {
    schema: z.enum(provinces.map((p) => p.code) as [string, ...string[]], { error: 'must be a province code such as 330000' }),
    attribute: 'provinceCode',
    indexes: [...RECORDS, 'enterprises'] as IndexName[],
    description: 'Province: its six-digit code (330000 for Zhejiang); records of the province and enterprises registered there',
  },
  category: {
    schema: z.enum(categories.map((c) => c.slug) as [string, ...string[]], { error: 'must be a product category slug (see /api/v1/count?field=category)' }),
    attribute: 'productCategory',
    indexes: RECORDS,
    description: 'Product category: a taxonomy slug (see /count?field=category)',
  },
  campaign: {
    schema: z.enum(campaigns.map((c) => c.slug) as [string, ...string[]], { error: 'must be a campaign slug' }),
    attribute: 'campaign',
    indexes: RECORDS,
    description: 'Enforcement campaign: its slug',
  },
  year: {
    schema: z.coerce.number({ error: 'must be a year' }).int('must be a year').min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier'),
    attribute: 'year',
    indexes: RECORDS,
    description: 'Year of publication',
  },
  authority: {
    // Names of authorities are free text in real data; only letters, digits and a few
    // punctuation marks that appear in them are accepted, and the value is quoted besides.
    schema: z.string().trim().min(2, 'is too short').max(60, 'is too long').regex(/^[\p{Script=Han}A-Za-z0-9（）()·\- ]+$/u, 'contains characters no authority name has'),
    attribute: 'authority',
    indexes: RECORDS,
    description: 'Publishing authority, as published (exact name)',
  },
} satisfies Record<string, Filter>;

/** The names of the filters every record type has. */
export const COMMON_FILTERS: string[] = Object.keys(COMMON);

/** Every filter: the common ones, then each type's own, on the indexes of the types that have it. */
export const FILTERS: Record<string, Filter> = { ...COMMON };
for (const type of TYPES) {
  for (const [name, filter] of Object.entries(type.filters ?? {})) {
    const known = FILTERS[name];
    const index = type.name as IndexName;
    FILTERS[name] = known
      ? { ...known, indexes: [...known.indexes, index] }
      : { schema: filter.schema, attribute: filter.attribute, indexes: [index], description: filter.title?.en };
  }
}

export type FilterName = string;
export const FILTER_NAMES = Object.keys(FILTERS);
export type FilterValues = { region?: string; category?: string; campaign?: string; year?: number; authority?: string; [name: string]: string | number | undefined };

/** The zod shape of every filter, for the search input schema. */
export const filterShape = Object.fromEntries(
  FILTER_NAMES.map((name) => {
    const { schema, indexes, description } = FILTERS[name]!;
    return [name, schema.optional().describe(`${description ?? name} (filters ${indexes.join(', ')})`)];
  }),
) as Record<string, z.ZodOptional<z.ZodType>>;

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
    const filter = FILTERS[name]!;
    if (!filter.indexes.includes(index)) return null;
    clauses.push(`${filter.attribute} = ${typeof value === 'number' ? value : quote(value)}`);
  }
  return clauses;
}

/** Facets shown with results, and the attribute each counts: the type, then every filter. */
export const FACETS: Record<string, string> = {
  type: 'type',
  ...Object.fromEntries(Object.entries(FILTERS).map(([name, f]) => [name, f.attribute])),
};
export type FacetName = string;

/** The facet attributes an index can count. */
export function facetsFor(index: IndexName): string[] {
  return Object.entries(FACETS)
    .filter(([name]) => name === 'type' || (FILTERS[name]?.indexes ?? []).includes(index))
    .map(([, attribute]) => attribute);
}

