import { eq, like, or } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { typeNamed, RECORD_TYPES, type RecordType } from '../../types/registry.ts';
import { escapeLike } from '../../db/queries/like.ts';

export class RecordNotFound extends Error {}

export interface FoundRecord {
  type: RecordType;
  id: string;
}

/**
 * Finds a record by id (`sc-…`, a typical-case slug) or by natural key: the stored key or its
 * readable part (e.g. `2023年第12号|…`). Searches every type unless `type` narrows it.
 */
export async function findRecord(db: Database, key: string, type?: RecordType): Promise<FoundRecord> {
  const types = type ? [type] : RECORD_TYPES;
  const found: FoundRecord[] = [];
  for (const t of types) {
    const table = typeNamed(t).table;
    const rows = await db
      .select({ id: table.id })
      .from(table)
      .where(or(eq(table.id, key), eq(table.naturalKey, key), like(table.naturalKey, `%:${escapeLike(key)}`)))
      .limit(2);
    found.push(...rows.map((r) => ({ type: t, id: r.id })));
  }
  if (found.length === 0) throw new RecordNotFound(`No record with id or natural key "${key}"`);
  if (found.length > 1) throw new RecordNotFound(`"${key}" matches ${found.length} records; give the id (${found.map((f) => f.id).join(', ')})`);
  return found[0]!;
}
