import path from 'node:path';
import { EnvError, parseEnv, withRoleFlag, type PortalRole } from '../core/env.ts';
import { createLogger } from '../core/log.ts';
import { PROJECT_ROOT } from '../core/project-root.ts';
import { within } from '../core/within.ts';
import { DataDirError, ensureDataDirWritable } from './data-dir.ts';
import { runAll } from './roles/all.ts';
import type { RoleContext } from './roles/context.ts';
import { runWeb } from './roles/web.ts';
import { runWorker } from './roles/worker.ts';
import { runningPortal } from './services.ts';

const ROOT = PROJECT_ROOT;

const ROLES: Record<PortalRole, (ctx: RoleContext) => Promise<void>> = { all: runAll, web: runWeb, worker: runWorker };

/**
 * `npm start` (`-- --role all|web|worker`, or PORTAL_ROLE): runs one role (runtime/roles/).
 * SIGINT or SIGTERM stops everything it started, children included.
 */
async function main() {
  const env = parseEnv(withRoleFlag(process.argv.slice(2)));
  const logger = createLogger(env.LOG_LEVEL, env.PORTAL_ROLE);
  const dataDir = path.resolve(ROOT, env.DATA_DIR);
  const embedded = env.PORTAL_ROLE === 'all' && (!env.DATABASE_URL || !env.MEILI_URL || !env.MEILI_MASTER_KEY);
  await ensureDataDirWritable(dataDir, { embedded });
  // Two `all` portals on one DATA_DIR would start two clusters on one data folder. The other roles
  // start no servers of their own, and several of them may share a folder.
  const other = env.PORTAL_ROLE === 'all' ? runningPortal(dataDir) : undefined;
  if (other) throw new EnvError([`a portal is already running on DATA_DIR ${dataDir} (pid ${other.pid}); stop it first or use another DATA_DIR`]);
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping…');
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

  const ctx: RoleContext = { root: ROOT, env, dataDir, logger, onStop: (stop) => stops.push(stop), stopping: () => stopping, shutdown };
  try {
    await ROLES[env.PORTAL_ROLE](ctx);
  } catch (error) {
    logger.error(`start failed: ${(error as Error).message}`);
    await shutdown(1);
  }
}

const STOP_DEADLINE_MS = 15_000;

const withDeadline = (work: Promise<void>, ms: number) => within(ms, work, `a shutdown step did not finish within ${ms / 1000} s; going on`);

main().catch((error) => {
  const expected = error instanceof EnvError || error instanceof DataDirError;
  console.error(expected ? error.message : `[portal] ${(error as Error).stack ?? error}`);
  process.exit(1);
});
