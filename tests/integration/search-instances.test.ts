import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importFile } from '../../ingest/import-file.ts';
import { withdrawRecord } from '../../ops/lifecycle/status.ts';
import { startMeilisearch, type RunningMeilisearch } from '../../runtime/meilisearch-server.ts';
import { freePort, sleep } from '../../runtime/ports.ts';
import { generateSampleData } from '../../sample/generate.ts';
import { listInstances, markRebuilt, registerInstances } from '../../search/instances.ts';
import { ensureSearchKey, isMeiliUnreachable, meiliApiError, meiliClient, searchKeyFor } from '../../search/meili.ts';
import { reindex } from '../../search/rebuild.ts';
import { SearchClients } from '../../search/search-clients.ts';
import { drainAll, ensureIndexes, startSyncWorker } from '../../search/sync.ts';
import { verify } from '../../search/verify.ts';
import { spotChecks } from '../../types/spot-checks/table.ts';
import { freshDatabase } from '../setup/database.ts';

/** Registration, the outbox's per-instance rows, a late instance's rebuild, the search key and failover. */
let db: Awaited<ReturnType<typeof freshDatabase>>;
const servers: RunningMeilisearch[] = [];
const dir = path.join(inject('tmpDir'), 'search-instances');
let files: Awaited<ReturnType<typeof generateSampleData>>['files'];

beforeAll(async () => {
  db = await freshDatabase('instances');
  // One key file: both servers have the same master key, as MEILI_URL's instances must.
  for (const name of ['a', 'b']) servers.push(await startMeilisearch(path.join(dir, name), path.join(dir, 'master-key')));
  ({ files } = await generateSampleData({ outDir: path.join(dir, 'data'), seed: 11, spotChecks: 800, penalties: 60, licenseRevocations: 20 }));
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const client = (n: number) => meiliClient({ url: servers[n]!.url, masterKey: servers[n]!.masterKey });
const rowsPerInstance = async () =>
  Object.fromEntries((await db.sql<{ instance: number; n: number }[]>`select instance, count(*)::int as n from search_outbox group by instance order by 1`).map((r) => [r.instance, r.n]));

describe('several Meilisearch instances on one outbox', () => {
  it('the first instance takes id 0 without a rebuild; a later one is rebuilt, then drains its own copies', async () => {
    expect(await registerInstances(db, [servers[0]!.url])).toEqual([{ id: 0, url: servers[0]!.url, needsRebuild: false }]);
    for (const file of files) expect((await importFile(db, file.path, { type: file.type, operator: 'test' })).status).toBe('succeeded');
    // One instance: the writers' rows only, no copies.
    expect(Object.keys(await rowsPerInstance())).toEqual(['0']);
    await ensureIndexes(client(0));
    await drainAll(db, client(0), 0);
    expect((await verify(db, client(0), 0)).differences).toEqual([]);

    // Registering the same URL spelled differently changes nothing.
    expect((await registerInstances(db, [`${servers[0]!.url}/`])).map((i) => i.id)).toEqual([0]);
    const two = await registerInstances(db, [servers[0]!.url, servers[1]!.url]);
    expect(two).toEqual([
      { id: 0, url: servers[0]!.url, needsRebuild: false },
      { id: 1, url: servers[1]!.url, needsRebuild: true },
    ]);
    // A change now is copied to the second instance by the trigger: one row each.
    const [first] = await db.db.select().from(spotChecks).limit(1);
    await withdrawRecord(db.db, { type: 'spot-checks', id: first!.id, actor: 'test', command: 'test', reason: 'published in error' });
    const rows = await rowsPerInstance();
    expect(rows[0]).toBeGreaterThan(0);
    expect(rows[1]).toBe(rows[0]);

    // The late instance's worker rebuilds it first (as runtime/background.ts does), then drains.
    const log: string[] = [];
    const worker = startSyncWorker(db, client(1), {
      instance: 1,
      intervalMs: 100,
      log: (line) => log.push(line),
      beforeFirstDrain: async () => {
        await reindex(db, client(1), () => {}, 1);
        await markRebuilt(db, 1);
      },
    });
    try {
      for (let i = 0; (await rowsPerInstance())[1] !== undefined; i++) {
        if (i > 600) throw new Error(`instance 1 did not drain: ${log.join('; ')}`);
        await sleep(100);
      }
    } finally {
      await worker.stop();
    }
    expect((await listInstances(db)).map((i) => i.needsRebuild)).toEqual([false, false]);
    const late = await verify(db, client(1), 1);
    expect(late.differences).toEqual([]);
    expect(late.checked['spot-checks']).toBeGreaterThan(700);
    // Instance 0 is behind by the withdrawal alone, and only its own rows count as pending for it.
    const behind = await verify(db, client(0), 0);
    expect(behind.differences).toEqual([{ index: 'spot-checks', id: first!.id, problem: 'should not be in search' }]);
    expect(behind.pendingChanges).toBe(rows[0]);
    await drainAll(db, client(0), 0);
    expect((await verify(db, client(0), 0)).differences).toEqual([]);
    expect(await rowsPerInstance()).toEqual({});
  });

  it('one search key for every instance; the web tier fails over to the instance that answers', async () => {
    const key = searchKeyFor(servers[0]!.masterKey);
    expect(await ensureSearchKey(client(0))).toBe(key);
    expect(await ensureSearchKey(client(1))).toBe(key);
    const dead = `http://127.0.0.1:${await freePort()}`;
    const web = SearchClients.fromUrls([dead, servers[1]!.url], key);
    const { hits } = await web.use((meili) => meili.index('spot-checks').search('', { limit: 1 }));
    expect(hits).toHaveLength(1);
    expect((await web.health()).map((h) => [h.name, h.ok])).toEqual([['meilisearch-1', false], ['meilisearch-2', true]]);
    // The key searches but cannot write.
    const asWeb = meiliClient({ url: servers[1]!.url, masterKey: key });
    const refused = await asWeb.index('spot-checks').addDocuments([{ id: 'x' }]).then(() => undefined, (error: unknown) => error);
    expect(meiliApiError(refused)?.cause).toMatchObject({ code: 'invalid_api_key' });
  });

  // The client goes over undici (search/meili.ts) and wraps every failure: what Meilisearch
  // answered must stay an answer (a 4xx is not "down"), and only a silence may degrade search.
  it('tells an answer from Meilisearch apart from a Meilisearch that cannot be reached', async () => {
    const outcome = (work: Promise<unknown>) => work.then(() => undefined, (error: unknown) => error);
    const missing = await outcome(client(0).getIndex('no-such-index'));
    expect(meiliApiError(missing)?.cause).toMatchObject({ code: 'index_not_found' });
    expect(meiliApiError(missing)?.response.status).toBe(404);
    expect(isMeiliUnreachable(missing)).toBe(false);
    const closed = await outcome(meiliClient({ url: `http://127.0.0.1:${await freePort()}`, masterKey: 'x' }).health());
    expect(meiliApiError(closed)).toBeUndefined();
    expect(isMeiliUnreachable(closed)).toBe(true);
    const slow = await outcome(meiliClient({ url: servers[0]!.url, masterKey: servers[0]!.masterKey, timeoutMs: 1 }).multiSearch({ queries: [{ indexUid: 'spot-checks', q: '食品', facets: ['*'] }] }));
    expect(isMeiliUnreachable(slow)).toBe(true);
  });

  it('a URL dropped from the list is forgotten with its rows; when that was instance 0, the next takes its id; a lone instance may move', async () => {
    const [some] = await db.db.select().from(spotChecks).limit(2).offset(1);
    await withdrawRecord(db.db, { type: 'spot-checks', id: some!.id, actor: 'test', command: 'test', reason: 'published in error' });
    const before = await rowsPerInstance();
    expect(before[1]).toBe(before[0]);
    expect(await registerInstances(db, [servers[1]!.url])).toEqual([{ id: 0, url: servers[1]!.url, needsRebuild: false }]);
    expect(await rowsPerInstance()).toEqual({ 0: before[1] });
    await drainAll(db, client(1), 0);
    expect((await verify(db, client(1), 0)).differences).toEqual([]);
    // A single instance at a new address (the embedded one gets a new port at every start) stays itself: no rebuild.
    expect(await registerInstances(db, ['http://127.0.0.1:1'])).toEqual([{ id: 0, url: 'http://127.0.0.1:1', needsRebuild: false }]);
  });
});
