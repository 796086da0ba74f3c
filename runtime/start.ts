import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, type DbHandle } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { MANIFEST } from '../ops/downloads/build.ts';
import { downloadsScheduler } from '../ops/downloads/schedule.ts';
import { expireDisclosures, expiredCount } from '../ops/lifecycle/status.ts';
import { loadSampleDataIfEmpty } from '../sample/load.ts';
import { meiliClient } from '../search/meili.ts';
import { drainAll, ensureIndexes, outboxBacklog, startSyncWorker, type SyncWorker } from '../search/sync.ts';
import { startWebhookWorker } from '../ops/webhooks/worker.ts';
import { ensureBuilt } from './build.ts';
import { DataDirError, ensureDataDirWritable } from './data-dir.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { EnvError, parseEnv } from '../core/env.ts';
import { listeningOrigin } from '../core/public-url.ts';
import { startMeilisearch } from './meilisearch-server.ts';
import { createLogger } from '../core/log.ts';
import { sleep, terminate } from './ports.ts';
import { removeRuntimeInfo, runningPortal, writeRuntimeInfo } from './services.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `npm start`: embedded PostgreSQL and Meilisearch unless DATABASE_URL / MEILI_URL are given,
 * migrations, the sample data on an empty database, the search sync worker, then the web server.
 * SIGINT or SIGTERM stops everything it started, children included.
 */
async function main() {
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const log = logger.info;
  const dataDir = path.resolve(ROOT, env.DATA_DIR);
  await ensureDataDirWritable(dataDir, { embedded: !env.DATABASE_URL || !env.MEILI_URL || !env.MEILI_MASTER_KEY });
  const other = runningPortal(dataDir);
  if (other) throw new EnvError([`a portal is already running on DATA_DIR ${dataDir} (pid ${other.pid}); stop it first or use another DATA_DIR`]);
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    // One stop that hangs (a query on a connection that never answers) must not keep the ones
    // after it, PostgreSQL's and Meilisearch's among them, from running.
    for (const stop of stops.reverse()) await withDeadline(stop(), STOP_DEADLINE_MS).catch((e: Error) => logger.error(e.message));
    process.exit(code);
  };
  // This process stops everything it started itself (see runtime/embedded-postgres.ts).
  process.on('SIGHUP', () => void shutdown(0));
  // A crash still stops the servers this process started, instead of leaving them running.
  process.on('uncaughtException', (error) => {
    logger.error(`unexpected error: ${error.stack ?? error.message}`);
    void shutdown(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error(`unexpected error: ${(reason as Error)?.stack ?? String(reason)}`);
    void shutdown(1);
  });
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      log(`starting embedded PostgreSQL (data in ${path.join(dataDir, 'postgres')})`);
      const pg = await startEmbeddedPostgres(path.join(dataDir, 'postgres'));
      stops.push(pg.stop);
      databaseUrl = pg.url;
    }
    let meiliUrl = env.MEILI_URL;
    let meiliKey = env.MEILI_MASTER_KEY;
    if (!meiliUrl || !meiliKey) {
      log(`starting Meilisearch (data in ${path.join(dataDir, 'meilisearch')})`);
      const meili = await startMeilisearch(path.join(dataDir, 'meilisearch'), path.join(dataDir, 'meili-master-key'));
      stops.push(meili.stop);
      meiliUrl = meili.url;
      meiliKey = meili.masterKey;
    }

    const db: DbHandle = connect(databaseUrl, { max: 8 });
    stops.push(db.close);
    await runMigrations(db);
    log('database migrations applied');
    const meili = meiliClient({ url: meiliUrl, masterKey: meiliKey });
    await writeRuntimeInfo(dataDir, { pid: process.pid, databaseUrl, meiliUrl, meiliKey });
    stops.push(() => removeRuntimeInfo(dataDir));

    if (env.SAMPLE_DATA) await loadSampleDataIfEmpty(db, path.join(dataDir, 'sample-data'), log);
    // Penalties leave public view when their disclosure period ends: now, then every hour.
    const expire = async () => {
      const ids = await expireDisclosures(db.db, 'portal (scheduled expiry)');
      if (ids.length) log(`${expiredCount(ids.length)} expired (disclosure period ended)`);
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
        if (sent) log(`search index up to date (${sent} changes sent)`);
      } else log(`more than ${CATCH_UP_BEFORE_READY.toLocaleString('en')} changes wait for the search index: starting now, search catches up in the background`);
    } catch (error) {
      logger.warn(`Meilisearch unavailable (${(error as Error).message}); search is degraded until it is back`);
    }
    // The bulk downloads follow every publication: rebuilt 30 s after the last change was indexed.
    const downloads = downloadsScheduler(db, path.join(dataDir, 'downloads'), logger);
    stops.push(downloads.stop);
    const worker: SyncWorker = startSyncWorker(db, meili, { log: logger.warn, onSent: () => downloads.schedule(30_000), indexesReady });
    if (!existsSync(path.join(dataDir, 'downloads', MANIFEST)) || sent) downloads.schedule(0);
    stops.push(worker.stop);
    // Watchlist webhooks, from the audit log (ops/webhooks/match.ts): they need no Meilisearch.
    const webhooks = startWebhookWorker(db, { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE_TARGETS }, { log: logger.warn });
    stops.push(webhooks.stop);

    await ensureBuilt(ROOT, log);
    const server = spawnServer({ ...env, dataDir, databaseUrl, meiliUrl, meiliKey });
    stops.push(async () => {
      if (server.pid && server.exitCode === null) await terminate(server.pid, 'SIGTERM', 10_000);
    });
    server.on('exit', (code) => {
      if (!stopping) {
        logger.error(`the web server exited (code ${code}); stopping`);
        void shutdown(1);
      }
    });
    const url = listeningOrigin(env);
    const probeHost = env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST === '::' ? '[::1]' : url.slice(7, url.lastIndexOf(':'));
    await waitHealthy(`http://${probeHost}:${env.PORT}/api/health`, server);
    console.log(`Portal ready on ${url}${env.PUBLIC_URL ? ` (public address ${env.PUBLIC_URL})` : ''}`);
  } catch (error) {
    logger.error(`start failed: ${(error as Error).message}`);
    await shutdown(1);
  }
}

const STOP_DEADLINE_MS = 15_000;
/** The most outbox rows start-up sends before the site is announced (a few seconds of indexing). */
const CATCH_UP_BEFORE_READY = 20_000;

function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`a shutdown step did not finish within ${ms / 1000} s; going on`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The built Astro server in its own process: the web tier keeps no state of its own.
 * runtime/web-server.mjs serves it with slow-client timeouts (SECURITY.md).
 */
function spawnServer(o: { HOST: string; PORT: number; dataDir: string; databaseUrl: string; meiliUrl: string; meiliKey: string }): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'runtime/web-server.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      HOST: o.HOST,
      PORT: String(o.PORT),
      DATA_DIR: o.dataDir,
      DATABASE_URL: o.databaseUrl,
      MEILI_URL: o.meiliUrl,
      MEILI_MASTER_KEY: o.meiliKey,
    },
  });
}

async function waitHealthy(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error('the web server exited during start-up');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the web server did not answer ${url} within 60 s`);
    await sleep(100);
  }
}

main().catch((error) => {
  const expected = error instanceof EnvError || error instanceof DataDirError;
  console.error(expected ? error.message : `[portal] ${(error as Error).stack ?? error}`);
  process.exit(1);
});
