import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import type { DbHandle } from '../db/client.ts';
import type { Logger } from '../core/log.ts';
import { MANIFEST_KEY } from '../ops/downloads/build.ts';
import { downloadsScheduler } from '../ops/downloads/schedule.ts';
import { expireDisclosures, expiredCount } from '../ops/lifecycle/status.ts';
import { startWebhookWorker } from '../ops/webhooks/worker.ts';
import { portalStorage } from '../storage/from-env.ts';
import { drainAll, ensureIndexes, outboxBacklog, startSyncWorker } from '../search/sync.ts';

/** The most outbox rows start-up sends before the site is announced (a few seconds of indexing). */
const CATCH_UP_BEFORE_READY = 20_000;

export interface BackgroundOptions {
  db: DbHandle;
  meili: Meilisearch;
  dataDir: string;
  logger: Logger;
  allowPrivateWebhookTargets: boolean;
}

/**
 * The background work one process of the deployment runs (role `all`, or the leader `worker`):
 * hourly expiry, the outbox sync to Meilisearch, the downloads rebuilt after changes, watchlist
 * webhook deliveries. Resolves once the search index has caught up (when the backlog is small),
 * with the function that stops it all.
 */
export async function startBackground(o: BackgroundOptions): Promise<() => Promise<void>> {
  const { db, meili, logger } = o;
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
    let sent = 0;
    let indexesReady = false;
    // Catch up before announcing the site, so the first search already finds everything — unless
    // the backlog is large (a restart after a big import, or after Meilisearch was away for long):
    // then the site starts at once and the worker catches up behind it, as it does after any
    // import. If Meilisearch is unreachable the portal still starts: search answers from
    // PostgreSQL (degraded) and the worker catches up when Meilisearch is back.
    try {
      await ensureIndexes(meili);
      indexesReady = true;
      const waiting = await outboxBacklog(db, CATCH_UP_BEFORE_READY);
      if (waiting <= CATCH_UP_BEFORE_READY) {
        sent = await drainAll(db, meili);
        if (sent) logger.info(`search index up to date (${sent} changes sent)`);
      } else logger.info(`more than ${CATCH_UP_BEFORE_READY.toLocaleString('en')} changes wait for the search index: starting now, search catches up in the background`);
    } catch (error) {
      logger.warn(`Meilisearch unavailable (${(error as Error).message}); search is degraded until it is back`);
    }
    // The bulk downloads follow every publication: rebuilt 30 s after the last change was indexed.
    // Into the shared storage (STORAGE_DIR or STORAGE_S3_BUCKET) when there is one: every web instance serves them.
    const storage = portalStorage();
    logger.info(`downloads and archived sources in ${storage.description}`);
    const downloads = downloadsScheduler(db, storage, logger, { scratchDir: path.join(o.dataDir, 'tmp') });
    stops.push(downloads.stop);
    const worker = startSyncWorker(db, meili, { log: logger.warn, onSent: () => downloads.schedule(30_000), indexesReady });
    const built = await storage.head(MANIFEST_KEY).then(Boolean, (error: Error) => {
      logger.warn(`the downloads' storage (${storage.description}) cannot be read: ${error.message}`);
      return false;
    });
    if (!built || sent) downloads.schedule(0);
    stops.push(worker.stop);
    // Watchlist webhooks, from the audit log (ops/webhooks/match.ts): they need no Meilisearch.
    const webhooks = startWebhookWorker(db, { allowPrivate: o.allowPrivateWebhookTargets }, { log: logger.warn });
    stops.push(webhooks.stop);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
