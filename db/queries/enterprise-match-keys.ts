import { isNull, sql } from 'drizzle-orm';
import { enterpriseMatchKeys } from '../../core/text/enterprise-keys.ts';
import type { Database } from '../client.ts';
import { enterprises } from '../schema/enterprises.ts';

const BATCH = 5_000;

/**
 * Computes `match_keys` where it is missing: rows written before the column existed, or restored
 * from an older backup. The keys come from JavaScript (the same folding as every other name key),
 * so this cannot be a SQL migration; it runs after migrating and after a restore. Returns how
 * many rows it filled.
 */
export async function fillEnterpriseMatchKeys(db: Database): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db
      .select({ id: enterprises.id, name: enterprises.name, aliases: enterprises.aliases, englishName: enterprises.englishName })
      .from(enterprises)
      .where(isNull(enterprises.matchKeys))
      .limit(BATCH);
    if (rows.length === 0) return filled;
    const changes = JSON.stringify(rows.map((e) => ({ id: e.id, keys: enterpriseMatchKeys(e) })));
    await db.execute(sql`
      update ${enterprises} set match_keys = v.keys
      from jsonb_to_recordset(${changes}::jsonb) as v(id text, keys text[])
      where ${enterprises.id} = v.id`);
    filled += rows.length;
  }
}
