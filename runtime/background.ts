import path from 'node:path';
import type { DbHandle } from '../db/client.ts';
import type { Env } from '../core/env.ts';
import { errorText } from '../core/error-text.ts';
import type { Logger } from '../core/log.ts';
import { MANIFEST_KEY } from '../ops/downloads/build.ts';
import { downloadsScheduler } from '../ops/downloads/schedule.ts';
import { expireDisclosures, expiredCount } from '../ops/lifecycle/status.ts';
import { startWebhookWorker } from '../ops/webhooks/worker.ts';
import { markRebuilt, registerInstances, type SearchInstance } from '../search/instances.ts';
import { meiliClient } from '../search/meili.ts';
import { reindex } from '../search/rebuild.ts';
import { portalStorage } from '../storage/from-env.ts';
import { drainAll, ensureIndexes, outboxBacklog, startSyncWorker } from '../search/sync.ts';

/** The most outbox rows start-up sends before the site is announced (a few seconds of indexing). */
const CATCH_UP_BEFORE_READY = 20_000;

export interface BackgroundOptions {
  db: DbHandle;
  /** Every Meilisearch to feed (MEILI_URL), all with the same master key. */
  meiliUrls: string[];
  meiliMasterKey: string;
  dataDir: string;
  logger: Logger;
  /** The settings the background work reads: where webhooks may go, when the downloads are rebuilt. */
  settings: Pick<Env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS' | 'DOWNLOADS_REBUILD_DELAY_SECONDS'>;
}

/**
 * The background work one process of the deployment runs (role `all`, or the leader `worker`):
 * hourly expiry, the outbox sync to every Meilisearch (one worker per instance, each on its own
 * outbox rows), the downloads rebuilt after changes, watchlist webhook deliveries. Resolves once
 * the search indexes have caught up (when the backlog is small), with the function that stops it all.
 */
export async function startBackground(o: BackgroundOptions): Promise<() => Promise<void>> {
  const { db, logger } = o;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e: Error) => logger.error(e.message));
  };
  try {
    // Penalties leave public view when their disclosure period ends: now, then every hour.
    const expire = async () => {
      const ids = await expireDisclosures(db.db, 'portal (scheduled expiry)');
      if (ids.length) logger.info(`${expiredCount(ids.length)} expired (disclosure period ended)`);
    };
    await expire();
    const hourly = setInterval(() => expire().catch((e: Error) => logger.warn(`expiry check failed: ${e.message}`)), 3_600_000);
    stops.push(async () => clearInterval(hourly));
    const instances = await registerInstances(db, o.meiliUrls);
    const clients = instances.map((instance) => meiliClient({ url: instance.url, masterKey: o.meiliMasterKey }));
    let sent = 0;
    const ready = new Set<number>();
    // Catch up before announcing the site, so the first search already finds everything — unless
    // the backlog is large (a restart after a big import, or after Meilisearch was away for long):
    // then the site starts at once and the worker catches up behind it, as it does after any
    // import. If Meilisearch is unreachable the portal still starts: search answers from
    // PostgreSQL (degraded) and the worker catches up when Meilisearch is back.
    // A new instance is rebuilt in full behind the site instead (its worker does it first).
    await Promise.all(
      instances.map(async (instance, n) => {
        if (instance.needsRebuild) return;
        const meili = clients[n]!;
        try {
          await ensureIndexes(meili);
          ready.add(instance.id);
          const waiting = await outboxBacklog(db, CATCH_UP_BEFORE_READY, instance.id);
          if (waiting <= CATCH_UP_BEFORE_READY) {
            const count = await drainAll(db, meili, instance.id);
            sent += count;
            if (count) logger.info(`${label(instance, instances)}: search index up to date (${count} changes sent)`);
          } else logger.info(`${label(instance, instances)}: more than ${CATCH_UP_BEFORE_READY.toLocaleString('en')} changes wait for the search index: starting now, search catches up in the background`);
        } catch (error) {
          logger.warn(`${label(instance, instances)} unavailable (${errorText(error)}); it catches up when it is back`);
        }
      }),
    );
    // The bulk downloads follow every publication: rebuilt DOWNLOADS_REBUILD_DELAY_SECONDS after the last change was indexed.
    // Into the shared storage (STORAGE_DIR or STORAGE_S3_BUCKET) when there is one: every web instance serves them.
    const storage = portalStorage();
    logger.info(`downloads and archived sources in ${storage.description}`);
    const downloads = downloadsScheduler(db, storage, logger, { scratchDir: path.join(o.dataDir, 'tmp') });
    stops.push(downloads.stop);
    instances.forEach((instance, n) => {
      const meili = clients[n]!;
      const name = `search sync (${label(instance, instances)})`;
      const rebuild = async () => {
        logger.info(`${name}: a new instance, rebuilt in full from PostgreSQL`);
        await reindex(db, meili, (line) => logger.info(`${name}: ${line}`), instance.id);
        await markRebuilt(db, instance.id);
      };
      const worker = startSyncWorker(db, meili, {
        log: logger.warn,
        onSent: () => downloads.schedule(o.settings.DOWNLOADS_REBUILD_DELAY_SECONDS * 1000),
        indexesReady: ready.has(instance.id),
        instance: instance.id,
        name,
        beforeFirstDrain: instance.needsRebuild ? rebuild : undefined,
      });
      stops.push(worker.stop);
    });
    const built = await storage.head(MANIFEST_KEY).then(Boolean, (error: Error) => {
      logger.warn(`the downloads' storage (${storage.description}) cannot be read: ${error.message}`);
      return false;
    });
    if (!built || sent) downloads.schedule(0);
    // Watchlist webhooks, from the audit log (ops/webhooks/match.ts): they need no Meilisearch.
    const webhooks = startWebhookWorker(db, { allowPrivate: o.settings.WEBHOOK_ALLOW_PRIVATE_TARGETS }, { log: logger.warn });
    stops.push(webhooks.stop);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}

/** How logs name an instance: its URL (with one instance, just "Meilisearch"). */
function label(instance: SearchInstance, all: SearchInstance[]): string {
  return all.length === 1 ? 'Meilisearch' : `Meilisearch ${instance.url}`;
}
