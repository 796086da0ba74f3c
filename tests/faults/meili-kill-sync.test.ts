import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { searchOutbox } from '../../db/schema/index.ts';
import { sleep } from '../../runtime/ports.ts';
import { meiliClient } from '../../search/meili.ts';
import { ensureIndexes, startSyncWorker } from '../../search/sync.ts';
import { verify } from '../../search/verify.ts';
import { insertSpotChecks } from './lib/bulk-records.ts';
import { startFaultServices, type FaultServices } from './lib/services.ts';
import { spotChecks } from '../../types/spot-checks/table.ts';

const RECORDS = 100_000;
const ENTERPRISES = 1_000;

let services: FaultServices;
let handle: DbHandle;

beforeAll(async () => {
  services = await startFaultServices('meili-kill');
  handle = connect(services.databaseUrl, { max: 4 });
  await runMigrations(handle);
  await insertSpotChecks(handle.sql, { count: RECORDS, enterprises: ENTERPRISES });
});
afterAll(async () => {
  await handle?.close();
  await services?.close();
});

const pending = async () => (await handle.db.select({ n: count() }).from(searchOutbox))[0]!.n;

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(250);
  }
}

describe('Meilisearch killed (SIGKILL) while the sync worker sends 100,000 changes', () => {
  it('resumes after a restart on the same data folder; nothing is lost or duplicated and verify is clean', async () => {
    const meili = meiliClient({ url: services.meiliUrl, masterKey: services.meiliKey });
    await ensureIndexes(meili);
    const total = await pending();
    expect(total).toBe(RECORDS + ENTERPRISES);
    const log: string[] = [];
    const worker = startSyncWorker(handle, meili, { intervalMs: 200, log: (line) => log.push(line), indexesReady: true });
    try {
      // Kill it in the middle: some batches sent, most still waiting.
      await waitFor('a fifth of the outbox is sent', async () => (await pending()) <= total * 0.8, 120_000);
      await services.killMeilisearch();
      const leftAtKill = await pending();
      expect(leftAtKill).toBeGreaterThan(0);
      // While Meilisearch is gone the outbox keeps what was not confirmed.
      await sleep(1500);
      expect(await pending()).toBeGreaterThan(0);
      await services.startMeilisearch();
      await waitFor('the outbox is empty', async () => (await pending()) === 0, 150_000);
    } finally {
      await worker.stop();
    }
    expect(log.join('\n')).toMatch(/search sync: .*retrying/);
    expect(log.join('\n')).toMatch(/search sync: recovered/);

    const report = await verify(handle, meili);
    expect(report.differences.slice(0, 10)).toEqual([]);
    expect(report.pendingChanges).toBe(0);
    // Every published row exactly once: the index holds as many documents as PostgreSQL rows.
    const [published] = await handle.db.select({ n: count() }).from(spotChecks).where(eq(spotChecks.status, 'published'));
    expect(published!.n).toBe(RECORDS);
    expect((await meili.index('spot-checks').getStats()).numberOfDocuments).toBe(RECORDS);
    expect((await meili.index('enterprises').getStats()).numberOfDocuments).toBe(ENTERPRISES);
    expect(report.checked['spot-checks']).toBe(RECORDS);
  });
});
