import { authorityName, placeName } from '../../core/glossary.ts';
import { categoryOf } from '../../core/taxonomy.ts';
import type { RecordSource } from '../../db/schema/common.ts';

/**
 * One column of a CSV export (`/export.csv`): its header in English snake_case — the database
 * column's name where it is one, so a reader can match it with the bulk downloads and the API —
 * and its cell, from the record's row as stored (the same values the API's JSON shows).
 */
export interface CsvColumn {
  header: string;
  cell(row: Record<string, unknown>): string;
}

/** A stored value as CSV text: timestamps in ISO 8601, structured values as JSON, nothing as ''. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Columns that are fields of the row, each headed by its database name (`manufacturerUscc` → `manufacturer_uscc`). */
export const fieldColumns = <Row = Record<string, unknown>>(...keys: (keyof Row & string)[]): CsvColumn[] =>
  keys.map((key) => ({ header: snakeCase(key), cell: (row) => flatCell(row[key]) }));

/**
 * A list (failed items, penalty kinds, tags) in one cell. Items are joined by the full-width "；"
 * because the items themselves hold commas, "; " and 、 (`标志和说明、结构`), which a reader must not
 * split on; Chinese text does not use "；" inside a name or an item.
 */
export const LIST_SEPARATOR = '；';
export const listColumn = (header: string, items: (row: Record<string, unknown>) => unknown[] | null | undefined): CsvColumn => ({
  header,
  cell: (row) => (items(row) ?? []).map(flatCell).filter(Boolean).join(LIST_SEPARATOR),
});

/**
 * A stored value as one flat CSV cell, never JSON: a list's items joined by "；", an object (a
 * party, a failed item, `extra`) as its non-empty `key: value` pairs joined by ", ".
 */
export function flatCell(value: unknown): string {
  if (Array.isArray(value)) return value.map(flatCell).filter(Boolean).join(LIST_SEPARATOR);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(', ');
  }
  return cellText(value);
}

const source = (row: Record<string, unknown>) => (row.source ?? {}) as RecordSource;

/** The columns every record's export opens with, after its id. */
export const RECORD_CSV_HEAD: CsvColumn[] = fieldColumns('status');

/** The columns every record's export closes with: what it is about, who published it, where, in which announcement, when. */
export const RECORD_CSV_TAIL: CsvColumn[] = [
  ...fieldColumns('productCategory'),
  { header: 'category_name', cell: (row) => categoryOf(row.productCategory as string | null)?.zh ?? '' },
  { header: 'category_name_en', cell: (row) => categoryOf(row.productCategory as string | null)?.en ?? '' },
  ...fieldColumns('campaign', 'authority'),
  // The glossary's English (core/glossary.ts), as the English pages and the API's `labels` say it.
  { header: 'authority_en', cell: (row) => authorityName(String(row.authority ?? ''), 'en').text },
  ...fieldColumns('regionCode', 'regionProvince', 'regionCity'),
  { header: 'region_en', cell: (row) => placeName(row.regionCode as string | null)?.en ?? '' },
  { header: 'announcement_no', cell: (row) => source(row).number ?? '' },
  { header: 'announcement_title', cell: (row) => source(row).title ?? '' },
  ...fieldColumns('publishedAt'),
  { header: 'source_url', cell: (row) => source(row).url ?? '' },
];

