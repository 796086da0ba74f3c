import { and, eq, gt, sql } from 'drizzle-orm';
import type { Meilisearch } from 'meilisearch';
import type { DbHandle } from '../db/client.ts';
import { searchOutbox } from '../db/schema/index.ts';
import { INDEXES, INDEX_NAMES, type IndexName } from './indexes/index.ts';
import { ensureSearchKey } from './meili.ts';
import { errorText } from '../core/error-text.ts';

/**
 * Creates the indexes and applies their settings (idempotent; Meilisearch skips unchanged
 * settings), and the search-only key the web tier uses.
 */
export async function ensureIndexes(meili: Meilisearch): Promise<void> {
  await ensureSearchKey(meili);
  for (const name of INDEX_NAMES) {
    await meili.createIndex(name, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
    await meili.index(name).updateSettings(INDEXES[name].settings).waitTask({ timeout: 120_000 });
  }
}

/**
 * Only one worker drains an instance at a time, whatever the number of portal instances: the
 * advisory lock (SYNC_LOCK, instance id), so each Meilisearch is drained on its own.
 */
export const SYNC_LOCK = 4243;

/**
 * Outbox rows per step (one addDocuments per index), and how many steps may wait in Meilisearch's
 * queue at once. Large steps matter: Meilisearch rebuilds its facet and prefix structures once per
 * batch, so a million documents in 2,000-document tasks cost several times what 20,000 do.
 */
const BATCH_SIZE = 20_000;
const IN_FLIGHT = 3;

interface SentBatch {
  outboxIds: number[];
  tasks: { waitTask(options: { timeout: number }): Promise<{ uid: number; status: string; error?: { message?: string } | null }> }[];
}

/**
 * Drains the outbox into Meilisearch as a pipeline: while Meilisearch indexes one batch, the next
 * is read and built, and up to IN_FLIGHT batches wait in its queue (which it merges into larger
 * indexing runs). An outbox row is deleted only once Meilisearch has applied its batch; if
 * Meilisearch fails or goes away, the rest stays and is sent again later. Documents are built
 * from the current state of each record and Meilisearch applies tasks in order, so replaying a
 * change is harmless. One session-level advisory lock per instance keeps other workers out.
 * `instance` is the search_instances id of `meili` (0 with a single Meilisearch): only its own
 * outbox rows are read and deleted. Returns how many outbox rows were processed.
 */
export async function drainAll(handle: DbHandle, meili: Meilisearch, instance = 0): Promise<number> {
  const lockSql = await handle.sql.reserve();
  try {
    const [lock] = await lockSql<{ locked: boolean }[]>`select pg_try_advisory_lock(${SYNC_LOCK}, ${instance}) as locked`;
    if (!lock?.locked) return 0;
    try {
      return await pipeline(handle, meili, instance);
    } finally {
      await lockSql`select pg_advisory_unlock(${SYNC_LOCK}, ${instance})`;
    }
  } finally {
    lockSql.release();
  }
}

async function pipeline(handle: DbHandle, meili: Meilisearch, instance: number): Promise<number> {
  const inFlight: SentBatch[] = [];
  let sent = 0;
  let after = 0;
  const settle = async (batch: SentBatch) => {
    for (const task of batch.tasks) {
      const done = await task.waitTask({ timeout: 600_000 });
      if (done.status !== 'succeeded') throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? ''}`);
    }
    await handle.db.delete(searchOutbox).where(and(eq(searchOutbox.instance, instance), sql`${searchOutbox.id} = any(${sql.param(batch.outboxIds)}::bigint[])`));
    sent += batch.outboxIds.length;
    // Search results changed: web servers drop the pages they keep (site/lib/page-cache.ts).
    await handle.sql`select pg_notify('portal_changed', 'search')`;
  };
  try {
    for (;;) {
      const rows = await handle.db
        .select()
        .from(searchOutbox)
        .where(and(eq(searchOutbox.instance, instance), gt(searchOutbox.id, after)))
        .orderBy(searchOutbox.instance, searchOutbox.id)
        .limit(BATCH_SIZE);
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      inFlight.push(await send(handle, meili, rows));
      if (inFlight.length >= IN_FLIGHT) await settle(inFlight.shift()!);
    }
    while (inFlight.length) await settle(inFlight.shift()!);
  } finally {
    // Whatever was enqueued still gets applied by Meilisearch; its outbox rows stay and are replayed.
    inFlight.length = 0;
  }
  return sent;
}

/** Builds the documents of one batch of outbox rows and enqueues them (without waiting). */
async function send(handle: DbHandle, meili: Meilisearch, rows: (typeof searchOutbox.$inferSelect)[]): Promise<SentBatch> {
  const idsByIndex = new Map<IndexName, Set<string>>();
  for (const row of rows) {
    if (!INDEX_NAMES.includes(row.target as IndexName)) continue;
    const ids = idsByIndex.get(row.target as IndexName) ?? new Set<string>();
    ids.add(row.recordId);
    idsByIndex.set(row.target as IndexName, ids);
  }
  const tasks: SentBatch['tasks'] = [];
  for (const [name, idSet] of idsByIndex) {
    const ids = [...idSet];
    const docs = await INDEXES[name].load(handle.db, ids);
    const present = new Set(docs.map((d) => d.id));
    const gone = ids.filter((id) => !present.has(id));
    if (docs.length) tasks.push(quiet(meili.index(name).addDocuments(docs, { primaryKey: 'id' })));
    if (gone.length) tasks.push(quiet(meili.index(name).deleteDocuments(gone)));
  }
  return { outboxIds: rows.map((r) => r.id), tasks };
}

/**
 * A task is awaited later, in settle(); until then its failed request must not count as an
 * unhandled rejection, which stops the process. The handler goes on at once: the next index's
 * documents are read from PostgreSQL meanwhile, and a Meilisearch that is down refuses sooner.
 */
function quiet<T extends SentBatch['tasks'][number]>(task: T): T {
  (task as unknown as Promise<unknown>).catch(() => {});
  return task;
}

/** How many outbox rows wait for `instance`, counted up to `cap` + 1 (the whole count of a million-row backlog is not needed). */
export async function outboxBacklog(handle: DbHandle, cap: number, instance = 0): Promise<number> {
  const [row] = await handle.sql<{ n: number }[]>`select count(*)::int as n from (select 1 from search_outbox where instance = ${instance} limit ${cap + 1}) waiting`;
  return row?.n ?? 0;
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
  {
    intervalMs = 1000,
    log = (line: string) => console.log(line),
    onSent = (_count: number) => {},
    indexesReady: ready = false,
    instance = 0,
    name = 'search sync',
    beforeFirstDrain,
  }: {
    intervalMs?: number;
    log?: (line: string) => void;
    onSent?: (count: number) => void;
    indexesReady?: boolean;
    /** search_instances id of `meili`. */
    instance?: number;
    /** How log lines name this worker (one per Meilisearch). */
    name?: string;
    /** Work that must succeed once before the first drain (a new instance's full rebuild). */
    beforeFirstDrain?: () => Promise<void>;
  } = {},
): SyncWorker {
  let stopped = false;
  let failing = false;
  // Settings are applied once Meilisearch answers, unless the caller already did (start-up);
  // this covers Meilisearch being down when the portal started.
  let indexesReady = ready;
  let pending = beforeFirstDrain;
  let delay = intervalMs;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      if (!indexesReady) {
        await ensureIndexes(meili);
        indexesReady = true;
      }
      if (pending) {
        await pending();
        pending = undefined;
      }
      const n = await drainAll(handle, meili, instance);
      if (n) onSent(n);
      if (failing) log(`${name}: recovered${n ? `, ${n} changes sent` : ''}`);
      failing = false;
      delay = intervalMs;
    } catch (error) {
      if (!failing) log(`${name}: ${errorText(error)}; retrying`);
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
