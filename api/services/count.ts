import { count, desc, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isVisible } from '../../db/schema/index.ts';
import { RECORD_TYPES, TYPES, typeNamed, type RecordType } from '../../types/registry.ts';
import type { RecordTable } from '../../types/shared/descriptor.ts';
import type { Portal } from '../portal.ts';
import { listMeta, metaSchema } from './list-meta.ts';

/** The fields every record type can be counted by, as SQL over its table. */
const COMMON: Record<string, (table: RecordTable) => SQL> = {
  region: (t) => sql`substr(${t.regionCode}, 1, 2) || '0000'`,
  category: (t) => sql`${t.productCategory}`,
  campaign: (t) => sql`${t.campaign}`,
  year: (t) => sql`extract(year from ${t.publishedAt})::int::text`,
  authority: (t) => sql`${t.authority}`,
  status: (t) => sql`${t.status}::text`,
};

/** The fields `count` can group by, and the types that have each: the common ones, then each type's own (`countable`). */
const FIELDS: Record<string, RecordType[]> = Object.fromEntries(Object.keys(COMMON).map((field) => [field, [...RECORD_TYPES]]));
for (const type of TYPES) for (const field of Object.keys(type.countable ?? {})) (FIELDS[field] ??= []).push(type.name as RecordType);
export const COUNT_FIELDS = Object.keys(FIELDS);

/** The fields each type can be counted by: exactly the pairs `count` accepts (and the document publishes). */
export const COUNT_FIELDS_BY_TYPE = Object.fromEntries(
  RECORD_TYPES.map((type) => [type, COUNT_FIELDS.filter((field) => FIELDS[field]!.includes(type))]),
) as Record<RecordType, string[]>;
export const countFieldsOf = (type: RecordType): string[] => COUNT_FIELDS_BY_TYPE[type];

const expressionOf = (type: RecordType, field: string): SQL => COMMON[field]?.(typeNamed(type).table) ?? typeNamed(type).countable![field]!;

export const countInput = z
  .object({
    type: z.enum(RECORD_TYPES, { error: `must be one of: ${RECORD_TYPES.join(', ')}` }).describe('The record type to count'),
    field: z
      .enum(COUNT_FIELDS as [string, ...string[]], { error: `must be one of: ${COUNT_FIELDS.join(', ')}` })
      .describe(`The field to count by; each type has its own (x-countable-fields): ${RECORD_TYPES.map((t) => `${t}: ${COUNT_FIELDS_BY_TYPE[t].join(', ')}`).join('; ')}. Any other pair is a 400 that names the type's fields.`)
      .meta({ 'x-countable-fields': COUNT_FIELDS_BY_TYPE }),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (!FIELDS[input.field]!.includes(input.type)) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: `${input.field} cannot be counted for ${input.type}; it can count: ${countFieldsOf(input.type).join(', ')}` });
    }
  });

export const countResponseSchema = z
  .object({
    results: z
      .array(z.object({ term: z.string().nullable().describe('The value counted (a region code, a category, a year…); null for records without one'), count: z.number().int().describe('How many records have it') }))
      .describe('Every term, most frequent first, never truncated'),
    meta: metaSchema.extend({ type: z.enum(RECORD_TYPES).describe('The type counted'), field: z.string().describe('The field counted by') }).describe('Freshness and licence; total is the number of terms'),
  })
  .meta({ id: 'CountResponse', description: 'Counts of records by one field' });
export type CountResult = z.output<typeof countResponseSchema>;

/**
 * Counts of published records by one field, like openFDA's `count`: every term, never truncated,
 * most frequent first. `status` also counts withdrawn and expired records; other fields count
 * only what is published.
 */
export async function countBy(portal: Portal, input: z.output<typeof countInput>): Promise<CountResult> {
  const table = typeNamed(input.type).table;
  const term = expressionOf(input.type, input.field);
  const rows = await portal.db.db
    .select({ term: sql<string | null>`${term}`.as('term'), count: count() })
    .from(table)
    .where(input.field === 'status' ? undefined : isVisible(table.status))
    .groupBy(sql`1`)
    .orderBy(desc(count()), sql`1`);
  return {
    results: rows.map((r) => ({ term: r.term, count: r.count })),
    meta: { ...(await listMeta(portal, { total: rows.length })), type: input.type, field: input.field },
  };
}
