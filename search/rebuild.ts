import { and, asc, gt } from 'drizzle-orm';
import type { Meilisearch } from 'meilisearch';
import type { DbHandle } from '../db/client.ts';
import { enterprises, isVisible } from '../db/schema/index.ts';
import { typeNamed } from '../types/registry.ts';
import { INDEXES, INDEX_NAMES, type IndexName } from './indexes/index.ts';
import { ensureIndexes, SYNC_LOCK } from './sync.ts';

const PAGE = 5000;

/** Every id that belongs in an index, in pages, straight from PostgreSQL (keyset paging by id). */
async function* idPages(handle: DbHandle, name: IndexName): AsyncGenerator<string[]> {
  const table = name === 'enterprises' ? enterprises : typeNamed(name).table;
  let after = '';
  for (;;) {
    const where = name === 'enterprises' ? gt(table.id, after) : and(gt(table.id, after), isVisible(typeNamed(name).table.status));
    const rows = await handle.db.select({ id: table.id }).from(table).where(where).orderBy(asc(table.id)).limit(PAGE);
    if (rows.length === 0) return;
    yield rows.map((r) => r.id);
    after = rows.at(-1)!.id;
  }
}

/**
 * Rebuilds every index from PostgreSQL into fresh indexes and swaps them in at once, so searches
 * keep being answered from the old indexes until the new ones are complete. The sync worker is
 * paused (it shares a lock) and catches up from the outbox afterwards. `instance` is the
 * search_instances id of `meili` (its sync lock); the other instances go on meanwhile.
 */
export async function reindex(handle: DbHandle, meili: Meilisearch, log: (line: string) => void = () => {}, instance = 0): Promise<Record<IndexName, number>> {
  const lock = await handle.sql.reserve();
  const counts = {} as Record<IndexName, number>;
  try {
    await lock`select pg_advisory_lock(${SYNC_LOCK}, ${instance})`;
    await ensureIndexes(meili);
    for (const name of INDEX_NAMES) {
      const fresh = `${name}-rebuild`;
      await meili.deleteIndex(fresh).waitTask({ timeout: 120_000 });
      await meili.createIndex(fresh, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
      await meili.index(fresh).updateSettings(INDEXES[name].settings).waitTask({ timeout: 120_000 });
      counts[name] = 0;
      for await (const ids of idPages(handle, name)) {
        const docs = await INDEXES[name].load(handle.db, ids);
        if (docs.length) {
          const task = await meili.index(fresh).addDocuments(docs, { primaryKey: 'id' }).waitTask({ timeout: 600_000 });
          if (task.status !== 'succeeded') throw new Error(`indexing ${fresh} failed: ${task.error?.message ?? task.status}`);
        }
        counts[name] += docs.length;
      }
      log(`${name}: ${counts[name]} documents built`);
    }
    const swap = await meili.swapIndexes(INDEX_NAMES.map((name) => ({ indexes: [name, `${name}-rebuild`] as [string, string], rename: false }))).waitTask({ timeout: 120_000 });
    if (swap.status !== 'succeeded') throw new Error(`index swap failed: ${swap.error?.message ?? swap.status}`);
    for (const name of INDEX_NAMES) await meili.deleteIndex(`${name}-rebuild`).waitTask({ timeout: 120_000 });
    log('new indexes swapped in');
    return counts;
  } finally {
    await lock`select pg_advisory_unlock(${SYNC_LOCK}, ${instance})`.catch(() => {});
    lock.release();
  }
}

