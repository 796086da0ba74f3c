import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type RunningPostgres } from '../../runtime/embedded-postgres.ts';
import { freePort, sleep } from '../../runtime/ports.ts';

/**
 * The search sync worker holds its advisory lock on a reserved connection (search/sync.ts). In
 * postgres.js 3.4.9 a query on a reserved connection whose server had gone threw from a
 * setImmediate and ended the whole portal (porsager/postgres#1208); releasing it then handed the
 * pool a dead connection. patches/postgres+3.4.9.patch mends both; this test fails without it.
 */
let dir: string;
let port: number;
let pg: RunningPostgres | undefined;
const uncaught: Error[] = [];
let onNextUncaught: (error: Error) => void = () => {};
const onUncaught = (error: Error) => {
  uncaught.push(error);
  onNextUncaught(error);
};

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'portal-fault-connection-loss-'));
  await fs.chmod(dir, 0o755);
  port = await freePort();
  pg = await startEmbeddedPostgres(path.join(dir, 'postgres'), () => {}, { port });
  process.on('uncaughtException', onUncaught);
});
afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await pg?.stop().catch(() => {});
  await fs.rm(dir, { recursive: true, force: true });
});

describe('a reserved connection whose server went away', () => {
  it.each(['terminated', 'stopped'] as const)('rejects its next query instead of crashing the process, and the pool recovers (server %s)', async (how) => {
    const sql = postgres(pg!.url, { max: 2, onnotice: () => {} });
    try {
      const reserved = await sql.reserve();
      expect(await reserved`select 1 as one`).toEqual([{ one: 1 }]);
      if (how === 'stopped') {
        await pg!.stop();
        pg = undefined;
      } else {
        const other = postgres(pg!.url, { max: 1 });
        await other`select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and datname = current_database()`;
        await other.end();
      }
      await sleep(300); // the client notices the closed socket

      // Unpatched, the query never settles: the error escapes to the process instead.
      const escaped = new Promise<string>((resolve) => (onNextUncaught = (e) => resolve(`uncaught: ${e.message}`)));
      const settled = reserved`select pg_advisory_unlock(1)`.then(
        () => 'answered',
        (e: { code?: string }) => `rejected ${e.code}`,
      );
      expect(await Promise.race([settled, escaped])).toBe('rejected CONNECTION_CLOSED');
      await sleep(100);
      expect(uncaught.map((e) => e.message)).toEqual([]);

      if (!pg) pg = await startEmbeddedPostgres(path.join(dir, 'postgres'), () => {}, { port });
      reserved.release();
      // Released, the dead connection is not handed out again: both pooled queries are answered.
      expect(await Promise.all([sql`select 2 as two`, sql`select 3 as three`])).toEqual([[{ two: 2 }], [{ three: 3 }]]);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
