import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { health } from '../../api/services/health.ts';
import { connect, type DbHandle } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { meiliClient } from '../../search/meili.ts';
import { insertSpotChecks } from './lib/bulk-records.ts';
import { startFaultServices, type FaultServices } from './lib/services.ts';

/** /api/health is read on every home page view: on a large table it must not count every time. */
let services: FaultServices;
let handle: DbHandle;

beforeAll(async () => {
  services = await startFaultServices('health-cost');
  handle = connect(services.databaseUrl, { max: 4 });
  await runMigrations(handle);
  await insertSpotChecks(handle.sql, { count: 100_000, enterprises: 100 });
});
afterAll(async () => {
  await handle?.close();
  await services?.close();
});

describe('health on 100,000 rows', () => {
  it('counts a large table once, then answers from that count for 30 s without counting again', async () => {
    const portal = { db: handle, counters: handle, meili: meiliClient({ url: services.meiliUrl, masterKey: services.meiliKey }) };
    const first = await health(portal);
    expect(first).toMatchObject({ status: 'ok', db: 'ok', records: { 'spot-checks': 100_000, penalties: 0 } });

    // More rows now: within 30 s the count stays, because the table is not counted again.
    // (How fast health answers is the benchmark's business, not a test's.)
    await insertSpotChecks(handle.sql, { count: 10, enterprises: 1, offset: 100_000 });
    for (let i = 0; i < 20; i++) expect((await health(portal)).records['spot-checks']).toBe(100_000);
  });
});
