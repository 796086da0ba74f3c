import { and, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/index.ts';
import type { Portal } from '../portal.ts';
import { hashKey, KEY_PATTERN } from './keys.ts';

/**
 * The id of the valid, unrevoked API key a request presented, or undefined. What a key owns
 * (its watchlists) is looked up by this id; the limiter (limiter.ts) has already refused a wrong
 * key with 401 before any handler runs.
 */
export async function keyOwner(portal: Portal, key: string | undefined): Promise<number | undefined> {
  if (!key || !KEY_PATTERN.test(key)) return undefined;
  const [row] = await portal.db.db.select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)));
  return row?.id;
}
