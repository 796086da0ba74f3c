import { count, sql } from 'drizzle-orm';
import { licenseRevocations, penalties, spotChecks, typicalCases, type RecordType } from '../../db/schema/index.ts';
import { meiliHealthy } from '../../search/meili.ts';
import type { Portal } from '../portal.ts';

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  db: 'ok' | 'down';
  search: 'ok' | 'degraded';
  records: Record<RecordType, number>;
}

const TABLES = {
  'spot-checks': spotChecks,
  penalties,
  'license-revocations': licenseRevocations,
  'typical-cases': typicalCases,
} as const;

/** Database reachable, search reachable, and how many records of each type are stored. */
export async function health({ db, meili }: Portal): Promise<Health> {
  const records = { 'spot-checks': 0, penalties: 0, 'license-revocations': 0, 'typical-cases': 0 } as Record<RecordType, number>;
  let dbOk = true;
  try {
    await db.db.execute(sql`select 1`);
    for (const [type, table] of Object.entries(TABLES)) {
      const [row] = await db.db.select({ n: count() }).from(table);
      records[type as RecordType] = row?.n ?? 0;
    }
  } catch {
    dbOk = false;
  }
  const searchOk = await meiliHealthy(meili);
  return {
    status: !dbOk ? 'down' : searchOk ? 'ok' : 'degraded',
    db: dbOk ? 'ok' : 'down',
    search: searchOk ? 'ok' : 'degraded',
    records,
  };
}
