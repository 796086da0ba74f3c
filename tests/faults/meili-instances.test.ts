import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../db/client.ts';
import { startMeilisearch, type RunningMeilisearch } from '../../runtime/meilisearch-server.ts';
import { freePort } from '../../runtime/ports.ts';
import { ensureSearchKey, meiliClient } from '../../search/meili.ts';
import { startPortal, type PortalProcess } from '../setup/portal-process.ts';
import { runTool } from './lib/commands.ts';
import { roleEnv } from './lib/portal.ts';
import { startFaultServices, type FaultServices } from './lib/services.ts';
import { waitFor } from '../setup/wait.ts';
import { descendants } from '../setup/process-tree.ts';

/**
 * Two Meilisearch instances fed from one outbox by a worker, searched by a `web` instance that
 * holds only the search-only key. One instance is killed (SIGKILL) and more is imported: searches
 * keep answering through the other, whose outbox rows drain while the dead one's wait; restarted,
 * it catches up from where it was, and verify is clean on each.
 */
let services: FaultServices;
let second: RunningMeilisearch;
let handle: DbHandle;
const started: PortalProcess[] = [];

beforeAll(async () => {
  services = await startFaultServices('meili-instances');
  // Same key file, so the same master key: one search key serves both instances.
  second = await startMeilisearch(path.join(services.dir, 'meilisearch-b'), path.join(services.dir, 'meili-master-key'), () => {}, { port: await freePort() });
  expect(await ensureSearchKey(meiliClient({ url: second.url, masterKey: second.masterKey }))).toBe(services.searchKey);
  handle = connect(services.databaseUrl, { max: 2 });
});
afterAll(async () => {
  for (const portal of started) if (portal.child.exitCode === null && portal.child.signalCode === null) await portal.stop().catch(() => {});
  await handle?.close();
  await second?.stop();
  await services?.close();
});

const meiliUrl = () => `${services.meiliUrl},${second.url}`;

async function start(role: 'web' | 'worker', name: string): Promise<{ portal: PortalProcess; base: string }> {
  const port = await freePort();
  const portal = startPortal({ ...roleEnv(services, role, name, port), MEILI_URL: meiliUrl() });
  started.push(portal);
  await portal.ready;
  return { portal, base: `http://127.0.0.1:${port}` };
}

/** Outbox rows waiting per instance id (0: the first MEILI_URL, 1: the second). */
async function waiting(): Promise<Record<number, number>> {
  const rows = await handle.sql<{ instance: number; n: number }[]>`select instance, count(*)::int as n from search_outbox group by instance`;
  return Object.fromEntries([[0, 0], [1, 0], ...rows.map((r) => [r.instance, r.n])]);
}

async function importFixture(file: string): Promise<void> {
  const run = runTool('cli/import.ts', ['--type', 'spot-checks', '--report-dir', path.join(services.dir, 'reports'), path.resolve('tests/fixtures', file)], {
    DATABASE_URL: services.databaseUrl,
    DATA_DIR: path.join(services.dir, 'cli'),
  });
  const done = await run.done;
  expect(done.code, done.stderr).toBe(0);
}

async function search(base: string, q: string): Promise<{ hits: { title: string }[]; meta: { degraded: boolean } }> {
  const response = await fetch(`${base}/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { hits: { title: string }[]; meta: { degraded: boolean } };
}

async function verifyEach(): Promise<{ code: number | null; stdout: string }> {
  return runTool('cli/search.ts', ['verify'], { ...services.env(), MEILI_URL: meiliUrl(), DATA_DIR: path.join(services.dir, 'cli') }).done;
}

describe('two Meilisearch instances, each with its own outbox progress', () => {
  it('feeds both, searches through either, and one killed catches up from where it was', async () => {
    const worker = await start('worker', 'worker');
    const web = await start('web', 'web');

    // The web tier holds the search key only: no process of it has the master key, and its key cannot write.
    const tree = [web.portal.child.pid!, ...descendants(web.portal.child.pid!)];
    expect(tree.length).toBeGreaterThan(1);
    const environs = tree.map((pid) => readFileSync(`/proc/${pid}/environ`, 'utf8'));
    for (const environ of environs) expect(environ).not.toContain(services.meiliKey);
    expect(environs.every((environ) => environ.includes(`MEILI_SEARCH_KEY=${services.searchKey}`))).toBe(true);
    for (const url of [services.meiliUrl, second.url]) {
      const asWeb = new Meilisearch({ host: url, apiKey: services.searchKey });
      const refused = await fetch(`${url}/indexes/spot-checks/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${services.searchKey}`, 'content-type': 'application/json' },
        body: JSON.stringify([{ id: 'forged', title: 'forged' }]),
      });
      expect(refused.status).toBe(403);
      expect((await asWeb.index('spot-checks').search('')).hits).toEqual([]);
    }
    const health = (await (await fetch(`${web.base}/api/health`)).json()) as { status: string; dependencies: { name: string; status: string }[] };
    expect(health.status).toBe('ok');
    expect(health.dependencies.map((d) => [d.name, d.status])).toEqual([['postgres-primary', 'ok'], ['meilisearch-1', 'ok'], ['meilisearch-2', 'ok']]);
    // The health answer is public: it names the instances, never their addresses.
    expect(JSON.stringify(health)).not.toContain(second.url);

    await importFixture('spot-checks-bom.csv');
    await waitFor('both instances applied the import', async () => {
      const w = await waiting();
      return w[0] === 0 && w[1] === 0;
    }, 60_000);
    for (const url of [services.meiliUrl, second.url]) {
      const { hits } = await meiliClient({ url, masterKey: services.meiliKey }).index('spot-checks').search('禾苗');
      expect(hits.length, url).toBeGreaterThan(0);
    }
    const first = await verifyEach();
    expect(first.code, first.stdout).toBe(0);
    expect(first.stdout.match(/: In step: checked/g)).toHaveLength(2);

    // The first instance (the one the web tier asks first) dies without any chance to clean up.
    await services.killMeilisearch();
    await importFixture('spot-checks-gb18030.csv');
    // The healthy instance drains its rows; the dead one's wait for it.
    const behind = await waitFor('the live instance applied the second import', async () => {
      const w = await waiting();
      return w[1] === 0 && (w[0] ?? 0) > 0 && w;
    }, 60_000);
    expect(behind[0] ?? 0).toBeGreaterThan(0);
    // Searches keep answering from Meilisearch (the second instance), not degraded, and find the new import.
    for (let i = 0; i < 5; i++) {
      const body = await search(web.base, '电动自行车');
      expect(body.meta.degraded).toBe(false);
      expect(body.hits.map((h) => h.title).join(' ')).toMatch(/电动自行车/);
    }
    const during = (await (await fetch(`${web.base}/api/health`)).json()) as { status: string; search: string; dependencies: { name: string; status: string }[] };
    expect(during).toMatchObject({ status: 'ok', search: 'ok' });
    expect(during.dependencies.map((d) => d.status)).toEqual(['ok', 'down', 'ok']);
    const metrics = await (await fetch(`${web.base}/metrics`)).text();
    const lag = (url: string) => Number(new RegExp(`^portal_search_sync_lag_rows\\{instance="${url.replace(/[.]/g, '\\.')}"\\} (\\d+)`, 'm').exec(metrics)?.[1]);
    expect(lag(services.meiliUrl)).toBeGreaterThan(0);
    expect(lag(second.url)).toBe(0);
    const partial = await verifyEach();
    expect(partial.code).toBe(1);
    expect(partial.stdout).toMatch(/meilisearch-2 \(http:\/\/127\.0\.0\.1:\d+\): In step/);

    // Restarted on its data folder, it catches up from where it was.
    await services.startMeilisearch();
    await waitFor('the restarted instance caught up', async () => (await waiting())[0] === 0, 90_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker.portal.output().slice(-4000)}`);
    });
    const after = await verifyEach();
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout.match(/: In step: checked spot-checks \d+/g), after.stdout).toHaveLength(2);
    const back = await meiliClient({ url: services.meiliUrl, masterKey: services.meiliKey }).index('spot-checks').search('电动自行车');
    expect(back.hits.length).toBeGreaterThan(0);
  });
});
