import { count, desc, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { RECORD_DEFS } from '../../db/records/index.ts';
import { isVisible, licenseRevocations, penalties, RECORD_TYPES, spotChecks, type RecordType } from '../../db/schema/index.ts';
import type { Portal } from '../portal.ts';
import { listMeta, type ListMeta } from './list-meta.ts';

type Table = (typeof RECORD_DEFS)[RecordType]['table'];

/** The fields `count` can group by, per record type, as SQL expressions. */
const FIELDS: Record<string, { types: RecordType[]; expression: (table: Table) => SQL }> = {
  region: { types: [...RECORD_TYPES], expression: (t) => sql`substr(${t.regionCode}, 1, 2) || '0000'` },
  category: { types: [...RECORD_TYPES], expression: (t) => sql`${t.productCategory}` },
  campaign: { types: [...RECORD_TYPES], expression: (t) => sql`${t.campaign}` },
  year: { types: [...RECORD_TYPES], expression: (t) => sql`extract(year from ${t.publishedAt})::int::text` },
  authority: { types: [...RECORD_TYPES], expression: (t) => sql`${t.authority}` },
  status: { types: [...RECORD_TYPES], expression: (t) => sql`${t.status}::text` },
  result: { types: ['spot-checks'], expression: () => sql`${spotChecks.result}` },
  level: { types: ['spot-checks'], expression: () => sql`${spotChecks.level}` },
  channel: { types: ['spot-checks'], expression: () => sql`${spotChecks.channel}` },
  penaltyType: { types: ['penalties'], expression: () => sql`unnest(${penalties.penaltyTypes})` },
  action: { types: ['license-revocations'], expression: () => sql`${licenseRevocations.action}` },
  licenseType: { types: ['license-revocations'], expression: () => sql`${licenseRevocations.licenseType}` },
};
export const COUNT_FIELDS = Object.keys(FIELDS);

export const countInput = z
  .object({
    type: z.enum(RECORD_TYPES, { error: `must be one of: ${RECORD_TYPES.join(', ')}` }),
    field: z.enum(COUNT_FIELDS as [string, ...string[]], { error: `must be one of: ${COUNT_FIELDS.join(', ')}` }),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (!FIELDS[input.field]!.types.includes(input.type)) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: `${input.field} is not a field of ${input.type}` });
    }
  });

export interface CountResult {
  results: { term: string | null; count: number }[];
  meta: ListMeta & { type: RecordType; field: string };
}

/**
 * Counts of published records by one field, like openFDA's `count`: every term, never truncated,
 * most frequent first. `status` also counts withdrawn and expired records; other fields count
 * only what is published.
 */
export async function countBy(portal: Portal, input: z.output<typeof countInput>): Promise<CountResult> {
  const table = RECORD_DEFS[input.type].table;
  const term = FIELDS[input.field]!.expression(table);
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
