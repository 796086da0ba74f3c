import { getTableColumns, type Column, type Table } from 'drizzle-orm';
import { z } from 'zod';
import { PARTY_ROLES } from '../../core/normalize/parties.ts';
import type { RecordTypeDescriptor } from './descriptor.ts';
import { fieldDocsOf } from './dictionary.ts';
import type { FieldDoc } from './descriptor.ts';

/** Bookkeeping columns that are not part of a published record (db/queries/public-fields.ts drops them). */
export const INTERNAL_COLUMNS = new Set(['naturalKey', 'contentHash', 'importId', 'matchKeys']);

/** A row as JSON carries it: timestamps as ISO 8601 strings, bookkeeping columns left out. */
export type PublicRow<Row> = { [K in keyof Row as K extends 'naturalKey' | 'contentHash' | 'importId' | 'matchKeys' ? never : K]: Row[K] extends Date ? string : Row[K] extends Date | null ? string | null : Row[K] };

/** A timestamp as the API sends it: a Date from the database becomes its ISO 8601 string. */
export const isoTimestamp = z
  .union([z.date(), z.string()])
  .transform((value) => (value instanceof Date ? value.toISOString() : value))
  .pipe(z.iso.datetime({ offset: true }));

const recordSource = z.looseObject({
  title: z.string().optional().describe('Title of the announcement'),
  number: z.string().optional().describe('Number of the announcement, as printed'),
  url: z.string().optional().describe('Where the announcement is published'),
  authority: z.string().optional().describe('The authority that published it'),
  publishedAt: z.string().optional().describe('Its publication date (YYYY-MM-DD)'),
  file: z.string().optional().describe('Name of the file the record was imported from'),
  fileSha256: z.string().optional().describe('SHA-256 of that file (hex), under which its original bytes are archived'),
  sheet: z.string().optional().describe('Sheet or table of the file'),
  row: z.number().int().optional().describe('Row of the sheet or table (1-based)'),
});

const namedParty = z.looseObject({
  role: z.enum(PARTY_ROLES).describe('The party’s role in the record (manufacturer, sampled unit, party penalised…)'),
  name: z.string().describe('The name as published, without annotations such as (标称经销商)'),
  uscc: z.string().optional().describe('Its unified social credit code, when published in full'),
  address: z.string().optional().describe('Its address, as published'),
  kind: z.enum(['enterprise', 'person']).optional().describe('An enterprise or a natural person'),
  enterpriseId: z.string().optional().describe('Id of its enterprise profile (/enterprises/<id>)'),
  annotation: z.string().optional().describe('The annotation the publisher wrote beside the name, e.g. 标称经销商'),
});

/** JSON columns every record has, with their shapes (loose: a key added later is passed on, not dropped); a type’s own JSON columns are described by their docs. */
const JSON_COLUMNS: Record<string, z.ZodType> = {
  source: recordSource,
  namedParties: z.array(namedParty),
  extra: z.record(z.string(), z.string()),
};

function columnSchema(name: string, column: Column): z.ZodType {
  const enumValues = (column as Column & { enumValues?: string[] }).enumValues;
  let schema: z.ZodType;
  if (column.columnType === 'PgTimestamp') schema = isoTimestamp;
  else if (column.columnType === 'PgDateString') schema = z.iso.date();
  else if (column.dataType === 'string') schema = enumValues?.length ? z.enum(enumValues as [string, ...string[]]) : z.string();
  else if (column.dataType === 'number') schema = column.columnType === 'PgNumericNumber' ? z.number() : z.number().int();
  else if (column.dataType === 'boolean') schema = z.boolean();
  else if (column.dataType === 'array') schema = z.array(z.string());
  else schema = JSON_COLUMNS[name] ?? z.unknown();
  return column.notNull ? schema : schema.nullable();
}

/** A field's description in the OpenAPI document and JSON Schema: the English meaning, the Chinese label, an example. */
export const fieldMeta = (doc: FieldDoc) => ({
  description: `${doc.en} (${doc.zh})`,
  ...(doc.example === undefined ? {} : { examples: [doc.example] }),
});

/**
 * A schema built from descriptors or tables at run time, given the static type its output has
 * (a table's `$inferSelect`, a descriptor's facts): the shape is only known when the code runs.
 */
export const typedSchema = <T>(schema: z.ZodType): z.ZodType<T> => schema as z.ZodType<T>;

/** Pascal-case name of one record of a type, for named schemas: spot-checks → SpotCheck, penalties → Penalty. */
export const schemaNameOf = (type: Pick<RecordTypeDescriptor, 'name'>) =>
  type.name.replace(/ies$/, 'y').replace(/s$/, '').replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase());

/**
 * The zod shape of a drizzle table's columns (or of `only` those): column types, nullability and
 * enums from the table, each field described from `docs`. A column without documentation is an error.
 */
export function columnsShapeOf(table: Table, docs: Record<string, FieldDoc>, where: string, only?: readonly string[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, column] of Object.entries(getTableColumns(table))) {
    if (INTERNAL_COLUMNS.has(name) || (only && !only.includes(name))) continue;
    const doc = docs[name];
    if (!doc) throw new Error(`${where}.${name} has no field documentation`);
    shape[name] = columnSchema(name, column as Column).meta(fieldMeta(doc));
  }
  return shape;
}

/**
 * One record of a type as the API publishes it, derived from its drizzle table (column types,
 * nullability, enums) and described from the type's dictionary (types/<name>/dictionary.ts).
 */
export function recordSchemaOf(type: Pick<RecordTypeDescriptor, 'name' | 'table' | 'dictionary'>) {
  return z
    .object(columnsShapeOf(type.table, fieldDocsOf(type), `types/${type.name}`))
    .meta({ id: `${schemaNameOf(type)}Record`, description: `One ${type.name} record: every published field` });
}
