import { getTableColumns } from 'drizzle-orm';
import { INTERNAL_FIELDS } from '../../db/queries/public-fields.ts';
import { recordColumns, type RecordSource } from '../../db/schema/common.ts';
import type { RecordTypeDescriptor } from './descriptor.ts';

/** A field's value kind, as the dictionary and the datapackage's Table Schema name it. */
export type FieldKind = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'list' | 'object';

/** One field of a type's published records: in the NDJSON a key, in the bulk CSV a column. */
export interface PublishedField {
  /** The NDJSON key and the CSV header (`source.title` for a part of `source`). */
  name: string;
  kind: FieldKind;
  /** The record type's own field, or one every record has. */
  common: boolean;
}

/**
 * `source` is one object in the NDJSON; the CSV gives each part a column of its own, so that a
 * spreadsheet user can filter by announcement number without parsing JSON.
 */
export const SOURCE_PARTS: (keyof RecordSource)[] = ['title', 'number', 'url', 'authority', 'publishedAt', 'file', 'fileSha256', 'sheet', 'row'];

const KIND_OF_COLUMN: Record<string, FieldKind> = {
  PgInteger: 'integer',
  PgBigInt53: 'integer',
  PgNumericNumber: 'number',
  PgBoolean: 'boolean',
  PgDateString: 'date',
  PgTimestamp: 'datetime',
  PgArray: 'list',
};

function kindOf(column: { columnType: string; dataType: string }, name: string): FieldKind {
  // jsonb: a list of parties, items or matches, or one object (`extra`, `source`).
  if (column.columnType === 'PgJsonb') return name === 'extra' || name === 'source' ? 'object' : 'list';
  return KIND_OF_COLUMN[column.columnType] ?? 'string';
}

const COMMON_COLUMNS = new Set(Object.keys(recordColumns()));

/** The fields a type publishes, in table order, without bookkeeping columns (db/queries/public-fields.ts). */
export function publishedFieldsOf(type: Pick<RecordTypeDescriptor, 'table'>): PublishedField[] {
  return Object.entries(getTableColumns(type.table))
    .filter(([name]) => !INTERNAL_FIELDS.has(name))
    .map(([name, column]) => ({ name, kind: kindOf(column, name), common: COMMON_COLUMNS.has(name) }));
}

/** The bulk CSV's columns: the published fields with `source` spread over its parts. */
export function csvFieldsOf(type: Pick<RecordTypeDescriptor, 'table'>): PublishedField[] {
  return publishedFieldsOf(type).flatMap((field) =>
    field.name === 'source'
      ? SOURCE_PARTS.map((part): PublishedField => ({ name: `source.${part}`, kind: part === 'row' ? 'integer' : part === 'publishedAt' ? 'date' : 'string', common: true }))
      : [field],
  );
}
