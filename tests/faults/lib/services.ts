import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '../../../runtime/embedded-postgres.ts';
import { startMeilisearch, type RunningMeilisearch } from '../../../runtime/meilisearch-server.ts';
import { freePort, isAlive, sleep } from '../../../runtime/ports.ts';
import { ensureSearchKey, meiliClient } from '../../../search/meili.ts';

/**
 * A PostgreSQL and a Meilisearch of one fault test, in a temporary folder, that the test can stop,
 * kill and start again on the same data folder and the same port (so every client, the portal's
 * included, finds them again where it left them).
 */
export interface FaultServices {
  dir: string;
  /** PostgreSQL's data folder (a replica's base backup copies it: tests/faults/lib/pg-replica.ts). */
  pgDir: string;
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
  /** The search-only key (created on the Meilisearch): what a `web` instance holds. */
  searchKey: string;
  /** Environment for a portal or a command that uses these servers. */
  env(): Record<string, string>;
  /** Environment for a `web` instance: the search key, never the master key. */
  webEnv(): Record<string, string>;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  /** SIGKILL: no chance to flush or finish a task. */
  killMeilisearch(): Promise<void>;
  startMeilisearch(): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultServices(name: string): Promise<FaultServices> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `portal-fault-${name}-`));
  // The postgres system user (PostgreSQL refuses to run as root) must be able to enter the folder.
  await fs.chmod(dir, 0o755);
  const pgDir = path.join(dir, 'postgres');
  const meiliDir = path.join(dir, 'meilisearch');
  const keyFile = path.join(dir, 'meili-master-key');
  const pgPort = await freePort();
  const meiliPort = await freePort();
  let pg: RunningPostgres | undefined = await startEmbeddedPostgres(pgDir, () => {}, { port: pgPort });
  let meili: RunningMeilisearch | undefined = await startMeilisearch(meiliDir, keyFile, () => {}, { port: meiliPort });
  const searchKey = await ensureSearchKey(meiliClient({ url: meili.url, masterKey: meili.masterKey }));
  const services: FaultServices = {
    dir,
    pgDir,
    databaseUrl: pg.url,
    meiliUrl: meili.url,
    meiliKey: meili.masterKey,
    searchKey,
    env: () => ({ DATABASE_URL: services.databaseUrl, MEILI_URL: services.meiliUrl, MEILI_MASTER_KEY: services.meiliKey }),
    webEnv: () => ({ DATABASE_URL: services.databaseUrl, MEILI_URL: services.meiliUrl, MEILI_SEARCH_KEY: services.searchKey }),
    async stopPostgres() {
      await pg?.stop();
      pg = undefined;
    },
    async startPostgres() {
      pg = await startEmbeddedPostgres(pgDir, () => {}, { port: pgPort });
    },
    async killMeilisearch() {
      const pid = meili?.pid;
      if (!pid) return;
      process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) await sleep(20);
      meili = undefined;
    },
    async startMeilisearch() {
      meili = await startMeilisearch(meiliDir, keyFile, () => {}, { port: meiliPort });
    },
    async close() {
      await meili?.stop().catch(() => {});
      await pg?.stop().catch(() => {});
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
  return services;
}
