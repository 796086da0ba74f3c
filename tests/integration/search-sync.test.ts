import fs from 'node:fs/promises';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importFile } from '../../ingest/import-file.ts';
import { expireDisclosures, withdrawRecord } from '../../ops/lifecycle/status.ts';
import { generateSampleData } from '../../sample/generate.ts';
import { searchOutbox } from '../../db/schema/index.ts';
import { startMeilisearch, type RunningMeilisearch } from '../../runtime/meilisearch-server.ts';
import { meiliClient } from '../../search/meili.ts';
import { reindex } from '../../search/rebuild.ts';
import { drainAll, ensureIndexes, startSyncWorker } from '../../search/sync.ts';
import { verify } from '../../search/verify.ts';
import { freshDatabase } from '../setup/database.ts';
import { spotChecks } from '../../types/spot-checks/table.ts';

/** Its own database and its own Meilisearch, so killing Meilisearch hurts no other test. */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let meiliServer: RunningMeilisearch;
const dir = path.join(inject('tmpDir'), 'search-sync');
const meiliDir = path.join(dir, 'meili');
const startMeili = () => startMeilisearch(meiliDir, path.join(dir, 'meili-key'));
let files: Awaited<ReturnType<typeof generateSampleData>>['files'];

beforeAll(async () => {
  db = await freshDatabase('sync');
  meiliServer = await startMeili();
  ({ files } = await generateSampleData({ outDir: path.join(dir, 'data'), seed: 7, spotChecks: 6000, penalties: 300, licenseRevocations: 100 }));
});
afterAll(async () => {
  await meiliServer?.stop();
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const meili = () => meiliClient({ url: meiliServer.url, masterKey: meiliServer.masterKey });

describe('search stays true to the database', () => {
  it('drains the outbox into Meilisearch; verify is then clean', async () => {
    for (const file of files) expect((await importFile(db, file.path, { type: file.type, operator: 'test' })).status).toBe('succeeded');
    await ensureIndexes(meili());
    expect(await drainAll(db, meili())).toBeGreaterThan(6000);
    const report = await verify(db, meili());
    expect(report.differences).toEqual([]);
    expect(report.checked['spot-checks']).toBe(6000);
    expect(report.pendingChanges).toBe(0);
  });

  it('finds differences, and withdrawals and expiries leave the index', async () => {
    const [first] = await db.db.select().from(spotChecks).limit(1);
    await withdrawRecord(db.db, { type: 'spot-checks', id: first!.id, actor: 'test', command: 'test', reason: 'published in error' });
    const expired = await expireDisclosures(db.db, 'test', '2026-11-21');
    expect(expired.length).toBeGreaterThan(0);
    const before = await verify(db, meili());
    expect(before.differences).toContainEqual({ index: 'spot-checks', id: first!.id, problem: 'should not be in search' });
    expect(before.pendingChanges).toBeGreaterThan(0);
    await drainAll(db, meili());
    expect((await verify(db, meili())).differences).toEqual([]);
    await expect(meili().index('spot-checks').getDocument(first!.id)).rejects.toThrow();
  });

  it('survives Meilisearch being killed in the middle of a sync and ends with verify clean', async () => {
    // Queue every record again, then kill Meilisearch while the worker sends them.
    await db.sql`insert into search_outbox (target, record_id) select 'spot-checks', id from spot_checks`;
    await db.sql`insert into search_outbox (target, record_id) select 'penalties', id from penalties`;
    const worker = startSyncWorker(db, meili(), { intervalMs: 50, log: () => {} });
    await new Promise((r) => setTimeout(r, 300));
    const pid = Number(await fs.readFile(path.join(meiliDir, 'meilisearch.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await db.db.select({ n: count() }).from(searchOutbox))[0]!.n).toBeGreaterThan(0);
    await worker.stop();

    meiliServer = await startMeili();
    const resumed = startSyncWorker(db, meili(), { intervalMs: 50, log: () => {} });
    const deadline = Date.now() + 60_000;
    while ((await db.db.select({ n: count() }).from(searchOutbox))[0]!.n > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await resumed.stop();
    const report = await verify(db, meili());
    expect(report).toMatchObject({ differences: [], pendingChanges: 0 });
  });

  it('rebuilds every index into fresh ones and swaps them in, verify clean', async () => {
    // Damage the live index: reindex must repair it from PostgreSQL.
    await meili().index('spot-checks').deleteAllDocuments().waitTask();
    expect((await verify(db, meili())).differences.length).toBeGreaterThan(5000);
    const counts = await reindex(db, meili());
    expect(counts['spot-checks']).toBe(5999);
    expect((await verify(db, meili())).differences).toEqual([]);
    const names = (await meili().getIndexes({ limit: 100 })).results.map((i) => i.uid).sort();
    expect(names).toEqual(['cross-border-alerts', 'enterprises', 'license-revocations', 'penalties', 'spot-checks', 'typical-cases']);
  });
});
