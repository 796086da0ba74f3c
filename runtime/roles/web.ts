import { connect } from '../../db/client.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { sleep } from '../ports.ts';
import { runWebServer } from '../web-process.ts';
import type { RoleContext } from './context.ts';

/** How often a `web` instance looks whether the schema is up to date, and how often it says it waits. */
const SCHEMA_POLL_MS = 1_000;
const SAY_WAITING_EVERY_MS = 10_000;

/**
 * Role `web`: pages and the API only, against servers run elsewhere (parseEnv requires
 * DATABASE_URL, MEILI_URL and MEILI_SEARCH_KEY, and refuses the master key). It never migrates: it waits until a `worker` has applied every
 * committed migration (an old schema would break its queries), then serves.
 */
export async function runWeb(ctx: RoleContext): Promise<void> {
  const { env } = ctx;
  const databaseUrl = env.DATABASE_URL!;
  // The worker's downloads and other instances' archived sources are found only on shared storage.
  if (!env.STORAGE_DIR && !env.STORAGE_S3_BUCKET) ctx.logger.warn('downloads and archived sources are in this instance\'s DATA_DIR: unless the worker runs with the same DATA_DIR, set STORAGE_DIR or STORAGE_S3_BUCKET on every instance');
  await waitForSchema(databaseUrl, ctx);
  await runWebServer(ctx, { databaseUrl, meiliUrl: env.MEILI_URL!, meiliSearchKey: env.MEILI_SEARCH_KEY! }, ' (role web)');
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
