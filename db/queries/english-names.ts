import { and, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { enterprises } from '../schema/index.ts';

/**
 * The known English names (from an enterprise directory) of the enterprises some records name,
 * by their Chinese name as the records print it: English pages show a firm's English name where
 * one is known. One query for a whole batch of rows.
 */
export async function englishNamesOf(db: Database, rows: Record<string, unknown>[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => (Array.isArray(r.enterpriseIds) ? (r.enterpriseIds as string[]) : [])))];
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ name: enterprises.name, englishName: enterprises.englishName })
    .from(enterprises)
    .where(and(inArray(enterprises.id, ids), isNotNull(enterprises.englishName)));
  return new Map(found.map((e) => [e.name, e.englishName!]));
}
