import { sql } from 'drizzle-orm';
import type { Portal } from '../portal.ts';
import { hashKey, KEY_PATTERN } from './keys.ts';

/**
 * The id of the valid, unrevoked API key a request presented, or undefined. What a key owns
 * (its watchlists) is looked up by this id; the limiter (limiter.ts) has already refused a wrong
 * key with 401 before any handler runs.
 */
export async function keyOwner(portal: Portal, key: string | undefined): Promise<number | undefined> {
  if (!key || !KEY_PATTERN.test(key)) return undefined;
  const rows = (await portal.db.db.execute<{ id: number }>(sql`select id::int as id from api_keys where key_hash = ${hashKey(key)} and revoked_at is null`)) as unknown as { id: number }[];
  return rows[0]?.id;
}
