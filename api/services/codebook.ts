import { getTableColumns, sql, type Column } from 'drizzle-orm';
import { z } from 'zod';
import { placeName } from '../../core/glossary.ts';
import { PARTY_ROLE_LABELS, STATUS_LABELS, type Bilingual } from '../../core/labels.ts';
import { campaigns, categories } from '../../core/taxonomy.ts';
import { isVisible, VISIBLE_STATUSES } from '../../db/schema/common.ts';
import { TYPES } from '../../types/registry.ts';
import type { RecordTypeDescriptor } from '../../types/shared/descriptor.ts';
import { LIST_SEPARATOR } from '../../types/shared/csv.ts';
import type { Portal } from '../portal.ts';

const codeSchema = z.object({
  code: z.string().describe('The value as it appears in the CSV and the NDJSON'),
  zh: z.string().describe('What it says in Chinese'),
  en: z.string().describe('What it says in English (the published Chinese where the glossary has no English)'),
});
const codedColumnSchema = z.object({
  column: z.string().describe('The CSV column (namedParties.role: the role inside each party)'),
  codes: z.array(codeSchema).describe('Every code the column allows, and every one the published records use'),
});

export const codebookSchema = z.object({
  listSeparator: z.string().describe('What joins the items of a list in one CSV cell (full-width ；)'),
  common: z.array(codedColumnSchema).describe('Coded columns every record type has'),
  types: z.array(z.object({ type: z.string().describe('The record type'), columns: z.array(codedColumnSchema).describe("The type's own coded columns") })).describe('Per type'),
}).meta({ id: 'Codebook', description: 'Every coded column’s codes with their Chinese and English words' });
export type Codebook = z.infer<typeof codebookSchema>;

const fromLabels = (labels: Record<string, Bilingual>) => Object.entries(labels).map(([code, b]) => ({ code, zh: b.zh, en: b.en }));

/** The distinct values a column holds in the published records (an array column's items). */
async function valuesIn(portal: Portal, type: RecordTypeDescriptor, column: Column): Promise<string[]> {
  const value = column.columnType === 'PgArray' ? sql`unnest(${column})` : sql`${column}`;
  const rows = await portal.db.db
    .selectDistinct({ v: sql<string | null>`${value}` })
    .from(type.table)
    .where(isVisible(type.table.status))
    .limit(2000);
  return rows.map((r) => r.v).filter((v): v is string => typeof v === 'string' && v !== '');
}

/**
 * GET /api/v1/downloads/codebook.json: what each coded column's values say in both languages,
 * from the same glossary the pages and the API's `labels` use (types/<name>/labels.ts through the
 * descriptors' `vocabularies`, core/labels.ts, the taxonomy). A type's codes are those its table
 * allows and those its published records hold, so a code added to the data appears here at once.
 */
export async function codebook(portal: Portal): Promise<Codebook> {
  const regions = new Set<string>();
  const types = [];
  for (const type of TYPES) {
    for (const code of await valuesIn(portal, type, type.table.regionCode)) regions.add(code);
    const columns = getTableColumns(type.table) as Record<string, Column>;
    const coded = [];
    for (const [field, word] of Object.entries(type.vocabularies ?? {})) {
      const column = columns[field];
      if (!column) continue;
      const codes = [...new Set([...(column.enumValues ?? []), ...(await valuesIn(portal, type, column))])].sort();
      coded.push({ column: field, codes: codes.map((code) => ({ code, ...(word(code) ?? { zh: code, en: code }) })) });
    }
    types.push({ type: type.name, columns: coded });
  }
  const common = [
    { column: 'status', codes: fromLabels(STATUS_LABELS).filter((c) => VISIBLE_STATUSES.includes(c.code as never)) },
    { column: 'productCategory', codes: categories.map((c) => ({ code: c.slug, zh: c.zh, en: c.en })) },
    { column: 'campaign', codes: campaigns.map((c) => ({ code: c.slug, zh: c.zh, en: c.en })) },
    { column: 'regionCode', codes: [...regions].sort().map((code) => ({ code, ...(placeName(code) ?? { zh: code, en: code }) })) },
    { column: 'namedParties.role', codes: fromLabels(PARTY_ROLE_LABELS) },
  ];
  return { listSeparator: LIST_SEPARATOR, common, types };
}
