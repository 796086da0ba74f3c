import { inArray, sql } from 'drizzle-orm';
import type { Meilisearch } from 'meilisearch';
import type { DbHandle } from '../db/client.ts';
import { searchOutbox } from '../db/schema/index.ts';
import { INDEXES, INDEX_NAMES, type IndexName } from './indexes/index.ts';

/** Creates the indexes and applies their settings (idempotent; Meilisearch skips unchanged settings). */
export async function ensureIndexes(meili: Meilisearch): Promise<void> {
  for (const name of INDEX_NAMES) {
    await meili.createIndex(name, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
    await meili.index(name).updateSettings(INDEXES[name].settings).waitTask({ timeout: 120_000 });
  }
}

/** Only one worker drains at a time, whatever the number of portal instances. */
export const SYNC_LOCK = 4243;

/**
 * Sends one batch of outbox changes to Meilisearch and deletes them from the outbox only once
 * Meilisearch has applied them. If Meilisearch is down, the transaction rolls back and the same
 * changes are tried again later: nothing is lost. Documents are built from the current state of
 * each record, so replaying a change is harmless. Returns how many outbox rows were processed.
 */
export async function drainOnce(handle: DbHandle, meili: Meilisearch, batchSize = 2000): Promise<number> {
  return handle.db.transaction(async (tx) => {
    const [lock] = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${SYNC_LOCK}) as locked`);
    if (!lock?.locked) return 0;
    const rows = await tx.select().from(searchOutbox).orderBy(searchOutbox.id).limit(batchSize);
    if (rows.length === 0) return 0;

    const idsByIndex = new Map<IndexName, Set<string>>();
    for (const row of rows) {
      if (!INDEX_NAMES.includes(row.target as IndexName)) continue;
      const ids = idsByIndex.get(row.target as IndexName) ?? new Set<string>();
      ids.add(row.recordId);
      idsByIndex.set(row.target as IndexName, ids);
    }
    const tasks = [];
    for (const [name, idSet] of idsByIndex) {
      const ids = [...idSet];
      const docs = await INDEXES[name].load(tx, ids);
      const present = new Set(docs.map((d) => d.id));
      const gone = ids.filter((id) => !present.has(id));
      if (docs.length) tasks.push(meili.index(name).addDocuments(docs, { primaryKey: 'id' }));
      if (gone.length) tasks.push(meili.index(name).deleteDocuments(gone));
    }
    for (const task of tasks) {
      const done = await task.waitTask({ timeout: 120_000 });
      if (done.status !== 'succeeded') throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? ''}`);
    }
    await tx.delete(searchOutbox).where(inArray(searchOutbox.id, rows.map((r) => r.id)));
    return rows.length;
  });
}

/** Drains until the outbox is empty. */
export async function drainAll(handle: DbHandle, meili: Meilisearch): Promise<number> {
  let total = 0;
  for (let n = await drainOnce(handle, meili); n > 0; n = await drainOnce(handle, meili)) total += n;
  return total;
}

export interface SyncWorker {
  stop(): Promise<void>;
}

/**
 * Polls the outbox every `intervalMs` and drains it. Errors (Meilisearch down, PostgreSQL
 * restarting) are logged once per outage and retried with back-off up to 30 s.
 */
export function startSyncWorker(
  handle: DbHandle,
  meili: Meilisearch,
  { intervalMs = 1000, log = (line: string) => console.log(line), onSent = (_count: number) => {}, indexesReady: ready = false } = {},
): SyncWorker {
  let stopped = false;
  let failing = false;
  // Settings are applied once Meilisearch answers, unless the caller already did (start-up);
  // this covers Meilisearch being down when the portal started.
  let indexesReady = ready;
  let delay = intervalMs;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      if (!indexesReady) {
        await ensureIndexes(meili);
        indexesReady = true;
      }
      const n = await drainAll(handle, meili);
      if (n) onSent(n);
      if (failing) log(`search sync: recovered${n ? `, ${n} changes sent` : ''}`);
      failing = false;
      delay = intervalMs;
    } catch (error) {
      if (!failing) log(`search sync: ${(error as Error).message}; retrying`);
      failing = true;
      delay = Math.min(delay * 2, 30_000);
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), delay);
  };
  running = tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
