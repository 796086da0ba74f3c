import path from 'node:path';
import { connect } from '../../db/client.ts';
import { runMigrations, withSchemaLock } from '../../db/migrate.ts';
import { loadSampleDataIfEmpty } from '../../sample/load.ts';
import { meiliUrls } from '../../core/env.ts';
import { searchKeyFor } from '../../search/meili.ts';
import { startBackground } from '../background.ts';
import { startEmbeddedPostgres } from '../embedded-postgres.ts';
import { startMeilisearch } from '../meilisearch-server.ts';
import { removeRuntimeInfo, writeRuntimeInfo } from '../services.ts';
import { runWebServer } from '../web-process.ts';
import type { RoleContext } from './context.ts';

/**
 * Role `all` (`npm start`'s default): embedded PostgreSQL and Meilisearch unless DATABASE_URL /
 * MEILI_URL are given, migrations, the sample data on an empty database, the background work
 * (runtime/background.ts, no leader election: one machine), then the web server.
 */
export async function runAll(ctx: RoleContext): Promise<void> {
  const { env, dataDir, logger } = ctx;
  const log = logger.info;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    log(`starting embedded PostgreSQL (data in ${path.join(dataDir, 'postgres')})`);
    const pg = await startEmbeddedPostgres(path.join(dataDir, 'postgres'));
    ctx.onStop(pg.stop);
    databaseUrl = pg.url;
  }
  let urls = meiliUrls(env.MEILI_URL);
  let meiliKey = env.MEILI_MASTER_KEY;
  if (urls.length && !meiliKey) throw new Error('MEILI_MASTER_KEY is required with MEILI_URL for the role all (it feeds Meilisearch)');
  if (!urls.length || !meiliKey) {
    log(`starting Meilisearch (data in ${path.join(dataDir, 'meilisearch')})`);
    const meili = await startMeilisearch(path.join(dataDir, 'meilisearch'), path.join(dataDir, 'meili-master-key'));
    ctx.onStop(meili.stop);
    urls = [meili.url];
    meiliKey = meili.masterKey;
  }

  const db = connect(databaseUrl, { max: 8 });
  ctx.onStop(db.close);
  await withSchemaLock(db, async () => {
    await runMigrations(db);
    log('database migrations applied');
    await writeRuntimeInfo(dataDir, { pid: process.pid, databaseUrl, meiliUrl: urls.join(','), meiliKey });
    ctx.onStop(() => removeRuntimeInfo(dataDir));
    if (env.SAMPLE_DATA) await loadSampleDataIfEmpty(db, path.join(dataDir, 'sample-data'), log);
  });
  ctx.onStop(await startBackground({ db, meiliUrls: urls, meiliMasterKey: meiliKey, dataDir, logger, settings: env }));

  // Its web server gets the search-only key (the background created it on each instance), never the master key.
  await runWebServer(ctx, { databaseUrl, meiliUrl: urls.join(','), meiliSearchKey: env.MEILI_SEARCH_KEY ?? searchKeyFor(meiliKey) });
}
