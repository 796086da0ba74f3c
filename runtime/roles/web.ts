import { connect } from '../../db/client.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { ensureBuilt } from '../build.ts';
import { sleep } from '../ports.ts';
import { announceReady, probeOrigin, spawnWebServer, stopWebServer, waitHealthy } from '../web-process.ts';
import type { RoleContext } from './context.ts';

/** How often a `web` instance looks whether the schema is up to date, and how often it says it waits. */
const SCHEMA_POLL_MS = 1_000;
const SAY_WAITING_EVERY_MS = 10_000;

/**
 * Role `web`: pages and the API only, against servers run elsewhere (parseEnv requires
 * DATABASE_URL and MEILI_URL). It never migrates: it waits until a `worker` has applied every
 * committed migration (an old schema would break its queries), then serves.
 */
export async function runWeb(ctx: RoleContext): Promise<void> {
  const { env, dataDir, logger } = ctx;
  const databaseUrl = env.DATABASE_URL!;
  await waitForSchema(databaseUrl, ctx);
  await ensureBuilt(ctx.root, logger.info);
  const server = spawnWebServer({ root: ctx.root, env, dataDir, databaseUrl, meiliUrl: env.MEILI_URL!, meiliKey: env.MEILI_MASTER_KEY ?? '' });
  ctx.onStop(() => stopWebServer(server));
  server.on('exit', (code) => {
    if (!ctx.stopping()) {
      logger.error(`the web server exited (code ${code}); stopping`);
      void ctx.shutdown(1);
    }
  });
  await waitHealthy(`${probeOrigin(env)}/api/health`, server);
  announceReady(env, ' (role web)');
}

async function waitForSchema(databaseUrl: string, ctx: RoleContext): Promise<void> {
  const db = connect(databaseUrl, { max: 1, connectTimeoutSeconds: 5, maxReconnectDelaySeconds: 1 });
  let saidAt = 0;
  try {
    for (;;) {
      let why: string;
      try {
        const pending = await pendingMigrations(db);
        if (pending === 0) return;
        why = `${pending} migration(s) not applied yet; a worker applies them`;
      } catch (error) {
        why = `the database does not answer (${(error as Error).message})`;
      }
      if (ctx.stopping()) return;
      if (Date.now() - saidAt >= SAY_WAITING_EVERY_MS) {
        ctx.logger.info(`waiting for the database schema: ${why}`);
        saidAt = Date.now();
      }
      await sleep(SCHEMA_POLL_MS);
    }
  } finally {
    await db.close();
  }
}
