import path from 'node:path';
import { connect } from '../../db/client.ts';
import { runMigrations, withSchemaLock } from '../../db/migrate.ts';
import { loadSampleDataIfEmpty } from '../../sample/load.ts';
import { meiliUrls } from '../../core/env.ts';
import { startBackground } from '../background.ts';
import { electLeader, type Leadership } from '../leader.ts';
import { announceReady } from '../web-process.ts';
import { serveWorkerHealth } from '../worker-health.ts';
import type { RoleContext } from './context.ts';

/**
 * Role `worker`: migrations and the sample data (one worker at a time, under SCHEMA_LOCK), then
 * leader election (runtime/leader.ts). Only the leader runs the background work; the others stand
 * by and take over when it dies. Serves its health on PORT (runtime/worker-health.ts).
 */
export async function runWorker(ctx: RoleContext): Promise<void> {
  const { env, dataDir, logger } = ctx;
  const databaseUrl = env.DATABASE_URL!;
  let leadership: Leadership | undefined;
  const health = await serveWorkerHealth(env.HOST, env.PORT, () => leadership);
  ctx.onStop(() => new Promise<void>((resolve) => {
    health.close(() => resolve());
    health.closeAllConnections();
  }));

  const db = connect(databaseUrl, { max: 8 });
  ctx.onStop(db.close);
  await withSchemaLock(db, async () => {
    await runMigrations(db);
    logger.info('database migrations applied');
    if (env.SAMPLE_DATA) await loadSampleDataIfEmpty(db, path.join(dataDir, 'sample-data'), logger.info);
  });
  leadership = electLeader(
    databaseUrl,
    () => startBackground({ db, meiliUrls: meiliUrls(env.MEILI_URL), meiliMasterKey: env.MEILI_MASTER_KEY!, dataDir, logger, settings: env }),
    logger,
  );
  const elected = leadership;
  ctx.onStop(() => elected.stop());
  announceReady(env, ' (role worker: GET /api/health says whether it leads)');
}
