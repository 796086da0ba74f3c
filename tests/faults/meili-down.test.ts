import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { sleep } from '../../runtime/ports.ts';
import type { PortalProcess } from '../setup/portal-process.ts';
import { insertSpotChecks } from './lib/bulk-records.ts';
import { startPortalOn, timedFetch } from './lib/portal.ts';
import { startFaultServices, type FaultServices } from './lib/services.ts';

/**
 * tests/integration/degraded.test.ts covers a portal started without Meilisearch; this is the other
 * case: Meilisearch dies (SIGKILL) under a running portal and comes back.
 */
let services: FaultServices;
let portal: PortalProcess;
let base: string;
const ID = 'sc-fault-00000007';
const query = `/api/v1/search?q=${encodeURIComponent('电线电缆')}&limit=5`;

beforeAll(async () => {
  services = await startFaultServices('meili-down');
  const handle = connect(services.databaseUrl, { max: 1 });
  await runMigrations(handle);
  await insertSpotChecks(handle.sql, { count: 1_000, enterprises: 20 });
  await handle.close();
  ({ portal, base } = await startPortalOn(services, 'portal'));
});
afterAll(async () => {
  await portal?.stop();
  await services?.close();
});

const json = async (path: string, headers: Record<string, string> = {}) => {
  const r = await timedFetch(`${base}${path}`, 10_000, headers);
  return { ...r, json: JSON.parse(r.body) };
};

describe('Meilisearch killed under a running portal', () => {
  it('search degrades to PostgreSQL with a notice, record pages keep working, and search recovers when it is back', async () => {
    // Asked with another limit: the API's answer cache (api/services/search-cache.ts) would keep
    // answering this very question from before the kill for a few seconds, as it should (an
    // anonymous no-cache does not bypass it).
    const before = await json(query.replace('limit=5', 'limit=6'));
    expect(before.status).toBe(200);
    expect(before.json.meta.degraded).toBeFalsy();
    const total = before.json.meta.total;
    expect(total).toBeGreaterThan(0);

    await services.killMeilisearch();

    const search = await json(query);
    expect(search.status).toBe(200);
    expect(search.json.meta.degraded).toBe(true);
    expect(search.json.hits.length).toBe(5);
    for (const hit of search.json.hits) expect(hit.title).toContain('电线电缆');
    const page = await timedFetch(`${base}/search?q=${encodeURIComponent('电线电缆')}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('搜索服务暂时不可用');
    for (const path of [`/spot-checks/${ID}`, `/api/v1/spot-checks/${ID}`, `/spot-checks/${ID}.json`]) {
      const r = await timedFetch(`${base}${path}`);
      expect(r.status, path).toBe(200);
    }
    const health = await json('/api/health');
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ status: 'degraded', db: 'ok', search: 'degraded' });

    await services.startMeilisearch();
    // The bound only tells "never recovers" from "recovers" (speed is the benchmark's business).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const again = await json(query);
      if (again.status === 200 && !again.json.meta.degraded) {
        expect(again.json.meta.total).toBe(total);
        break;
      }
      expect(Date.now(), 'search still degraded 60 s after Meilisearch came back').toBeLessThan(deadline);
      await sleep(250);
    }
    expect((await json('/api/health')).json).toMatchObject({ status: 'ok', search: 'ok' });
    expect(portal.child.exitCode).toBeNull();
  });
});
