import { z } from 'zod';
import { publicOrigin } from '../../core/public-url.ts';
import { TYPES } from '../../types/registry.ts';
import { LIST_SEPARATOR } from '../../types/shared/csv.ts';
import { dictionaryOf } from '../../types/shared/data-dictionary.ts';
import type { FieldKind } from '../../types/shared/published-fields.ts';
import type { DownloadFile } from '../../ops/downloads/manifest.ts';
import { DATA_LICENSE, DATA_LICENSE_SPDX, DATA_LICENSE_URL } from './list-meta.ts';

const KINDS = ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'list', 'object'] as const satisfies readonly FieldKind[];

export const dictionaryResponseSchema = z.object({
  license: z.string().describe('The data licence, in words'),
  listSeparator: z.string().describe('What joins the items of a list in one CSV cell (full-width ；)'),
  types: z
    .array(
      z.object({
        type: z.string().describe('The record type: its downloads are {type}.ndjson.gz, {type}.csv and {type}.csv.gz'),
        label: z.object({ zh: z.string().describe('The type in Chinese'), en: z.string().describe('The type in English') }).describe('How pages name the type'),
        fields: z
          .array(
            z.object({
              name: z.string().describe('The CSV column and NDJSON key (source.title is `title` inside `source` in the NDJSON)'),
              kind: z.enum(KINDS).describe('The value kind; in the CSV a list is its items joined with ；, an object its key: value pairs'),
              zh: z.string().describe('The Chinese label the portal uses'),
              en: z.string().describe('What the field means, in English'),
              example: z.unknown().optional().describe('A typical (fictional) value'),
              published: z.string().nullable().describe('The column header regulators publish it under; null when the portal derives the field'),
              common: z.boolean().describe('True for the fields every record type has'),
            }),
          )
          .describe('Every field, in the order of the CSV columns'),
      }),
    )
    .describe('One dictionary per record type'),
}).meta({ id: 'DataDictionary', description: 'The data dictionary: every field of every record type' });
export type DictionaryResponse = z.infer<typeof dictionaryResponseSchema>;

/** GET /api/v1/downloads/dictionary.json: every type's fields, from the descriptors. */
export const dataDictionary = (): DictionaryResponse => ({ license: DATA_LICENSE, listSeparator: LIST_SEPARATOR, types: TYPES.map(dictionaryOf) });

/** Table Schema types (specs.frictionlessdata.io/table-schema): a CSV cell of a list or object is text. */
const TABLE_SCHEMA_TYPE: Record<FieldKind, string> = { string: 'string', integer: 'integer', number: 'number', boolean: 'boolean', date: 'date', datetime: 'datetime', list: 'string', object: 'string' };

const tableField = z.object({
  name: z.string().describe('The column header'),
  type: z.string().describe('Its Table Schema type'),
  title: z.string().describe('Its Chinese label'),
  description: z.string().describe('What it means, in English'),
});

export const datapackageSchema = z.object({
  profile: z.literal('tabular-data-package').describe('The Frictionless profile the descriptor follows'),
  name: z.string().describe('The package name (lower case, digits, - . _)'),
  title: z.string().describe('The package title'),
  description: z.string().describe('What the package holds'),
  homepage: z.string().describe('The portal page describing the data'),
  created: z.string().nullable().describe('When the newest file was written (ISO 8601)'),
  licenses: z.array(z.object({ name: z.string().describe('SPDX id'), path: z.string().describe('The licence text'), title: z.string().describe('The licence in words') })).describe('The data licence'),
  resources: z
    .array(
      z.object({
        name: z.string().describe('The resource name: {type}-csv or {type}-csv-gz'),
        path: z.string().describe('The absolute URL of the file'),
        profile: z.literal('tabular-data-resource').describe('The resource profile'),
        format: z.literal('csv').describe('The file format'),
        mediatype: z.literal('text/csv').describe('The media type of the (uncompressed) content'),
        compression: z.literal('gz').optional().describe('gz for a gzipped CSV'),
        encoding: z.literal('utf-8').describe('The character encoding (the CSV starts with a byte-order mark)'),
        bytes: z.number().int().describe('The size of the file in bytes'),
        hash: z.string().describe('sha256:{hex} of the file'),
        dialect: z.object({ delimiter: z.string().describe('Cell delimiter'), lineTerminator: z.string().describe('Line end'), header: z.boolean().describe('The first row is the header') }).describe('How the CSV is written'),
        schema: z.object({ fields: z.array(tableField).describe('Every column'), primaryKey: z.string().describe('The column that identifies a row') }).describe('The Table Schema of the file'),
      }),
    )
    .describe('One resource per CSV download'),
}).meta({ id: 'DataPackage', description: 'A Frictionless Tabular Data Package (specs.frictionlessdata.io) describing the CSV downloads' });
export type Datapackage = z.infer<typeof datapackageSchema>;

/** GET /api/v1/downloads/datapackage.json: a Frictionless Tabular Data Package describing the current CSV files. */
export function datapackage(files: DownloadFile[]): Datapackage {
  const dictionaries = new Map(TYPES.map((t) => [t.name, dictionaryOf(t)]));
  const csvFiles = files.filter((f) => f.format === 'csv' || f.format === 'csv.gz');
  return {
    profile: 'tabular-data-package',
    name: 'quality-transparency-portal',
    title: 'Product quality disclosures: spot checks, penalties, licence actions, typical cases, alerts abroad',
    description: "Every published record of the portal, per type, as published by China's market regulators (and foreign regulators' alerts). Dictionary: /api/v1/downloads/dictionary.json; codes: /api/v1/downloads/codebook.json.",
    homepage: `${publicOrigin()}/data`,
    created: files.map((f) => f.generatedAt).sort().at(-1) ?? null,
    licenses: [{ name: DATA_LICENSE_SPDX, path: DATA_LICENSE_URL, title: DATA_LICENSE }],
    resources: csvFiles.map((file) => ({
      name: `${file.type}-${file.format.replace('.', '-')}`,
      path: `${publicOrigin()}/api/v1/downloads/${file.name}`,
      profile: 'tabular-data-resource' as const,
      format: 'csv' as const,
      mediatype: 'text/csv' as const,
      ...(file.format === 'csv.gz' ? { compression: 'gz' as const } : {}),
      encoding: 'utf-8' as const,
      bytes: file.bytes,
      hash: `sha256:${file.sha256}`,
      dialect: { delimiter: ',', lineTerminator: '\r\n', header: true },
      schema: {
        fields: (dictionaries.get(file.type)?.fields ?? []).map((f) => ({ name: f.name, type: TABLE_SCHEMA_TYPE[f.kind], title: f.zh, description: f.en })),
        primaryKey: 'id',
      },
    })),
  };
}
