import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../runtime/embedded-postgres.ts';
import { startMeilisearch } from '../../runtime/meilisearch-server.ts';
import { freePort } from '../../runtime/ports.ts';
import { ensureChromium } from './chromium.ts';
import { startPortal } from './portal-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    meiliUrl: string;
    meiliKey: string;
    tmpDir: string;
    adminToken: string;
  }
}

const ADMIN_TOKEN = `test-admin-token-${process.pid}-0123456789abcdef`;

/**
 * One real PostgreSQL and one real Meilisearch for the whole run, in a temporary folder, and the
 * built portal started against them through `npm start`'s own entry point with the sample data.
 */
export default async function setup(project: TestProject) {
  ensureChromium();
  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'portal-test-'));
  // The postgres system user must be able to enter the folder.
  await fs.chmod(tmpDir, 0o755);
  const pg = await startEmbeddedPostgres(path.join(tmpDir, 'postgres'));
  const meili = await startMeilisearch(path.join(tmpDir, 'meilisearch'), path.join(tmpDir, 'meili-master-key'));
  const port = await freePort();
  // Far above what the test files send from 127.0.0.1 in a minute (the counters are shared by every
  // portal on this database; test workers inherit it for the portals they start). access.test.ts
  // tests the limits on a portal of its own.
  process.env.RATE_LIMIT_ANONYMOUS = '100000';
  const portal = startPortal({
    DATA_DIR: path.join(tmpDir, 'data'),
    DATABASE_URL: pg.url,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    HOST: '127.0.0.1',
    PORT: String(port),
    ADMIN_TOKENS: ADMIN_TOKEN,
  });
  const baseUrl = await portal.ready;
  project.provide('baseUrl', baseUrl);
  project.provide('databaseUrl', pg.url);
  project.provide('meiliUrl', meili.url);
  project.provide('meiliKey', meili.masterKey);
  project.provide('tmpDir', tmpDir);
  project.provide('adminToken', ADMIN_TOKEN);

  return async () => {
    await portal.stop();
    await meili.stop();
    await pg.stop();
    await fs.rm(tmpDir, { recursive: true, force: true });
  };
}
