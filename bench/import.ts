/**
 * Group 1 — import: a spot-check file from CSV to searchable through `npm run import` and the
 * portal's sync worker, beside the engines underneath: a bare COPY of the same rows into the same
 * table, and the same documents sent straight to Meilisearch with its client.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Meilisearch } from 'meilisearch';
import postgres from 'postgres';
import { connect } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { INDEXES, type IndexName } from '../search/indexes/index.ts';
import type { BenchPortal } from './lib/portal.ts';
import { ROOT } from './lib/portal.ts';
import { round, seconds, waitFor, watchPeakMemory } from './lib/stats.ts';

export interface ImportRun {
  file: string;
  rows: number;
  importSeconds: number;
  /** Of importSeconds, the time the importer waited for its writes (they overlap with reading the file). */
  writeSeconds: number;
  /** Time PostgreSQL spent executing the import's statements (pg_stat_database.active_time). */
  postgresSeconds: number;
  /** From the end of the import until the outbox is empty and Meilisearch has applied everything. */
  indexSeconds: number;
  totalSeconds: number;
  rowsPerSecond: number;
  peakMemoryMb: number;
}

/** `npm run import -- --json` (the node process itself, so its memory can be read), then waits until searchable. */
export async function importUntilSearchable(portal: BenchPortal, meili: Meilisearch, sql: postgres.Sql, type: string, files: string[]): Promise<ImportRun> {
  const activeBefore = await activeTime(sql);
  const started = performance.now();
  const child = spawn(`${ROOT}/node_modules/.bin/node`, ['cli/run.mjs', 'import', '--type', type, '--json', '--operator', 'benchmark', ...files], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: portal.dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const memory = watchPeakMemory(child.pid!);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  // 'close', not 'exit': the process may end before its last stdout chunks are read (a long JSON line).
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const peakMemoryMb = memory.stop();
  if (code !== 0) throw new Error(`import of ${files.join(', ')} failed (exit ${code}):\n${out.slice(-3000)}`);
  const imported = performance.now();
  // A backend reports its statistics when it ends; give the stats system a moment.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const postgresSeconds = seconds(await activeTime(sql) - activeBefore);
  const results = out.trim().split('\n').map((line) => JSON.parse(line) as { rows: number; created: number; writeMs: number });
  await waitUntilSearchable(meili, sql);
  const done = performance.now();
  const rows = results.reduce((n, r) => n + r.rows, 0);
  return {
    file: files.length === 1 ? files[0]!.split('/').pop()! : `${files.length} files`,
    rows,
    importSeconds: seconds(imported - started),
    writeSeconds: seconds(results.reduce((n, r) => n + r.writeMs, 0)),
    postgresSeconds,
    indexSeconds: seconds(done - imported),
    totalSeconds: seconds(done - started),
    rowsPerSecond: Math.round(rows / ((done - started) / 1000)),
    peakMemoryMb,
  };
}

/** Milliseconds PostgreSQL has spent executing statements in the current database, all sessions. */
async function activeTime(sql: postgres.Sql): Promise<number> {
  const [row] = (await sql`select active_time from pg_stat_database where datname = current_database()`) as unknown as [{ active_time: number }];
  return Number(row.active_time);
}

/** Searchable: nothing left in the outbox and no Meilisearch task waiting or running. */
export async function waitUntilSearchable(meili: Meilisearch, sql: postgres.Sql): Promise<void> {
  await waitFor('search index caught up', async () => {
    const [{ n }] = (await sql`select count(*)::int as n from search_outbox`) as unknown as [{ n: number }];
    if (n > 0) return undefined;
    const tasks = await meili.tasks.getTasks({ statuses: ['enqueued', 'processing'], limit: 1 });
    return tasks.total === 0 ? true : undefined;
  }, 3_600_000, 250);
}

/**
 * The reference for the PostgreSQL write: the rows the import stored, copied out, then COPYed into
 * the same table (same columns, indexes and foreign keys) of a fresh database on the same server.
 */
export async function bareCopySeconds(databaseUrl: string, table: string, workDir: string): Promise<number> {
  const file = `${workDir}/${table}.copy`;
  const enterprisesFile = `${workDir}/enterprises.copy`;
  // A client per step: a connection that has just streamed a COPY out would not run DROP DATABASE.
  await withClient(databaseUrl, (sql) => copyOut(sql, `copy ${table} to stdout`, file));
  await withClient(databaseUrl, (sql) => copyOut(sql, 'copy enterprises to stdout', enterprisesFile));
  await withClient(databaseUrl, async (sql) => {
    await sql.unsafe('drop database if exists bench_copy');
    await sql.unsafe('create database bench_copy');
  });
  const url = new URL(databaseUrl);
  url.pathname = '/bench_copy';
  const target = connect(url.toString(), { max: 4 });
  try {
    await runMigrations(target);
    await pipeline(createReadStream(enterprisesFile), await target.sql.unsafe('copy enterprises from stdin').writable());
    const started = performance.now();
    await pipeline(createReadStream(file), await target.sql.unsafe(`copy ${table} from stdin`).writable());
    return seconds(performance.now() - started);
  } finally {
    await target.close();
    await withClient(databaseUrl, (sql) => sql.unsafe('drop database if exists bench_copy')).catch(() => {});
  }
}

async function withClient<T>(url: string, use: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await use(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function copyOut(sql: postgres.Sql, query: string, file: string): Promise<void> {
  await pipeline(await sql.unsafe(query).readable(), createWriteStream(file));
}

/**
 * The reference for indexing: the documents the sync worker put into `indexes`, read back, then
 * sent straight to fresh indexes with the same settings by the client, in batches of 10,000,
 * all enqueued at once. Timed from the first request to the last task applied.
 */
export async function directIndexingSeconds(meili: Meilisearch, indexes: IndexName[]): Promise<{ seconds: number; documents: number }> {
  const batches: { index: string; ndjson: string }[] = [];
  let documents = 0;
  for (const name of indexes) {
    const target = `bench-direct-${name}`;
    await meili.deleteIndex(target).waitTask().catch(() => {});
    await meili.createIndex(target, { primaryKey: 'id' }).waitTask();
    await meili.index(target).updateSettings(INDEXES[name].settings).waitTask({ timeout: 600_000 });
    // Read back in large pages (each page costs Meilisearch a walk to its offset), kept as NDJSON
    // text in requests of 10,000 documents so a million of them stay compact.
    for (let offset = 0; ; offset += 50_000) {
      const page = await meili.index(name).getDocuments({ offset, limit: 50_000 });
      if (page.results.length === 0) break;
      documents += page.results.length;
      for (let i = 0; i < page.results.length; i += 10_000) {
        batches.push({ index: target, ndjson: page.results.slice(i, i + 10_000).map((d) => JSON.stringify(d)).join('\n') });
      }
    }
  }
  const started = performance.now();
  const tasks = [];
  for (const batch of batches) tasks.push(await meili.index(batch.index).addDocumentsFromString(batch.ndjson, 'application/x-ndjson', { primaryKey: 'id' }));
  for (const task of tasks) {
    const done = await meili.tasks.waitForTask(task.taskUid, { timeout: 3_600_000 });
    if (done.status !== 'succeeded') throw new Error(`direct indexing task ${done.uid} ${done.status}: ${done.error?.message ?? ''}`);
  }
  const elapsed = seconds(performance.now() - started);
  for (const name of indexes) await meili.deleteIndex(`bench-direct-${name}`).waitTask({ timeout: 600_000 });
  return { seconds: elapsed, documents };
}

export const ratio = (ours: number, reference: number) => round(ours / reference, 2);
