/**
 * npm run bench [-- --records N] [--load-seconds S] [--import-only | --only screening] [--work DIR] [--keep]   (or -- --report FILE.json)
 *
 * Measures the portal at N spot-check rows (default 1,000,000) on fresh DATA_DIRs, each figure
 * beside the engine underneath where DESIGN.md asks for a ratio, and writes
 * bench/results/<timestamp>.json and .md and the latest-results block of BENCHMARKS.md.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { getTableName } from 'drizzle-orm';
import { countsForRecords, generateSampleData, RECORD_SHARES } from '../sample/generate.ts';
import { SAMPLE_TYPES } from '../sample/types/registry.ts';
import { typeNamed, typesWith } from '../types/registry.ts';
import { ensureBuilt } from '../runtime/build.ts';
import { meiliClient } from '../search/meili.ts';
import { bareCopySeconds, directIndexingSeconds, importUntilSearchable, ratio } from './import.ts';
import { loadTest, type LoadRequest } from './load.ts';
import { ROOT, startPortal, type BenchPortal } from './lib/portal.ts';
import { seconds } from './lib/stats.ts';
import { markdown, updateBenchmarksFile, type BenchResults } from './report.ts';
import { sequentialLatency, uniqueQueries, variedLoad } from './varied.ts';
import { productScreening, queryMix, sampleRows, screening, searchLatency } from './search.ts';
import { screeningLatency, screeningQuality } from './screening/bench.ts';
import { updateScreeningBlock } from './screening/report.ts';

const { values } = parseArgs({
  options: {
    /** Re-render the Markdown and BENCHMARKS.md from a results file, without measuring. */
    report: { type: 'string' },
    records: { type: 'string', default: '1000000' },
    /** Only group 1 (the import and its two references). */
    'import-only': { type: 'boolean', default: false },
    /** Groups 2–5 again on the DATA_DIR and dataset of an earlier run's --work DIR (kept with --keep). */
    reuse: { type: 'string' },
    /** `screening`: only the import (without its references) and the screening groups 3, 3b, 3c. */
    only: { type: 'string' },
    'load-seconds': { type: 'string', default: '60' },
    work: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
if (values.report) {
  const file = path.resolve(values.report);
  const saved = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  writeFileSync(file.replace(/\.json$/, '.md'), `${markdown(saved)}\n`);
  updateBenchmarksFile(path.join(ROOT, 'BENCHMARKS.md'), saved, path.relative(ROOT, file));
  process.exit(0);
}
const records = Number(values.records);
const loadSeconds = Number(values['load-seconds']);
if (!Number.isInteger(records) || records < 1000) throw new Error('--records must be a whole number of at least 1000');
if (!Number.isInteger(loadSeconds) || loadSeconds < 1) throw new Error('--load-seconds must be a whole number of seconds');
if (values.only !== undefined && values.only !== 'screening') throw new Error('--only takes one group: screening');
const onlyScreening = values.only === 'screening';

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const reuse = values.reuse !== undefined;
const work = path.resolve(values.reuse ?? values.work ?? path.join(os.tmpdir(), `portal-bench-${stamp}`));
mkdirSync(work, { recursive: true, mode: 0o755 });
const resultsDir = path.join(ROOT, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
const resultFile = path.join(resultsDir, `${stamp}.json`);
const say = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

const results: BenchResults = {
  startedAt: new Date().toISOString(),
  records,
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  },
};
const save = () => {
  writeFileSync(resultFile, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(resultFile.replace(/\.json$/, '.md'), `${markdown(results)}\n`);
};

let portal: BenchPortal | undefined;
try {
  // The dataset: N rows of the dominant type (the sample's first: spot checks), the other types in
  // their usual shares beside them. Tables are `<type>.csv`, the others a folder of files.
  const [main, ...others] = SAMPLE_TYPES;
  const file = (type: string) => path.join(work, 'dataset', SAMPLE_TYPES.find((t) => t.type === type)!.table ? `${type}.csv` : type);
  const filesOf = (type: string) => (statSync(file(type)).isDirectory() ? readdirSync(file(type)).map((f) => path.join(file(type), f)) : [file(type)]);
  // Screening looks up identifiers of the type that answers them (licence numbers).
  const screened = typesWith('screening')[0]!.name;
  let started = performance.now();
  if (!reuse) {
    say(`generating the dataset (${records.toLocaleString('en')} ${main.type} rows) in ${work}/dataset`);
    const counts = countsForRecords(Math.round(records / RECORD_SHARES[main.option]));
    counts[main.option] = records;
    const dataset = await generateSampleData({ outDir: path.join(work, 'dataset'), seed: 42, ...counts });
    results.dataset = {
      counts: { ...counts },
      generateSeconds: seconds(performance.now() - started),
      bytes: dataset.files.filter((f) => statSync(f.path).isFile()).reduce((sum, f) => sum + statSync(f.path).size, 0),
    };
    save();
  }

  // The site is built once, as `npm start` does on a fresh clone; the start figures exclude it.
  started = performance.now();
  await ensureBuilt(ROOT, say);
  const buildSeconds = seconds(performance.now() - started);

  // 5a. Start on an empty DATA_DIR, while the machine is quiet: sample data loaded and indexed.
  let emptySeconds = 0;
  if (!values['import-only'] && !onlyScreening) {
    say('start on an empty DATA_DIR');
    const empty = await startPortal(path.join(work, 'empty-data'));
    emptySeconds = seconds(empty.msToHealthy);
    await empty.stop();
    rmSync(path.join(work, 'empty-data'), { recursive: true, force: true });
  }

  // 1. Import, on a fresh DATA_DIR without the sample data.
  say(reuse ? `starting the portal on ${work}/data` : 'starting the portal on a fresh DATA_DIR (no sample data)');
  portal = await startPortal(path.join(work, 'data'), { SAMPLE_DATA: '0' });
  const sql = postgres(portal.databaseUrl, { max: 2, onnotice: () => {} });
  // Long requests: the references read and write tens of thousands of documents at once.
  const meili = meiliClient({ url: portal.meiliUrl, masterKey: portal.meiliKey, timeoutMs: 600_000 });
  results.machine.postgres = ((await sql`show server_version`) as unknown as [{ server_version: string }])[0].server_version;
  results.machine.meilisearch = (await meili.getVersion()).pkgVersion;

  if (!reuse && onlyScreening) {
    say('1. importing every type until searchable (no references: --only screening)');
    const logFrom = portal.output().length;
    for (const t of SAMPLE_TYPES) await importUntilSearchable(portal, meili, sql, t.type, filesOf(t.type));
    // As in the full run: screening is measured once the bulk downloads are rebuilt, not beside it.
    say('   waiting for the bulk downloads to be rebuilt');
    await portal.waitForLine(/bulk downloads rebuilt/, logFrom, 1_800_000).catch((e: Error) => say(`   (${e.message})`));
  } else if (!reuse) await importGroup(portal);
  if (onlyScreening) await screeningGroups(portal);
  else if (!values['import-only']) await laterGroups(portal);

  async function screeningExtra(portal: BenchPortal, spot: string[][]) {
    say('3b. screening quality (the labelled set, after importing the real corpus)');
    results.screeningQuality = await screeningQuality(portal, meili, sql, work);
    save();
    say('3c. screening latency beside Meilisearch');
    results.screeningLatency = await screeningLatency(portal, meili, [...new Set(spot.map((row) => row[8]!))], 20);
    save();
  }

  // 3, 3b, 3c: screening throughput, quality on the labelled set, latency beside Meilisearch.
  async function screeningGroups(portal: BenchPortal) {
    const spot = await sampleRows(file(main.type), 2000, Math.max(1, Math.floor(records / 2000)));
    const licences = await sampleRows(file(screened), 200, 20);
    say('3. screening');
    results.screening = await screening(portal, spot, licences, 10);
    save();
    await screeningExtra(portal, spot);
  }

  async function importGroup(portal: BenchPortal) {
    say(`1. importing the ${main.type} until searchable`);
    let logFrom = portal.output().length;
    const spotChecks = await importUntilSearchable(portal, meili, sql, main.type, filesOf(main.type));
    // The portal rebuilds the bulk downloads 30 s after a publication; the references are measured
    // after that, so both sides of each ratio get the same machine.
    say('   waiting for the bulk downloads to be rebuilt');
    await portal.waitForLine(/bulk downloads rebuilt/, logFrom, 1_800_000).catch((e: Error) => say(`   (${e.message})`));
    say(`   ${JSON.stringify(spotChecks)}`);
    say('   reference: bare COPY of the same rows');
    const copy = await bareCopySeconds(portal.databaseUrl, getTableName(typeNamed(main.type).table), work);
    say('   reference: the same documents straight to Meilisearch');
    const direct = await directIndexingSeconds(meili, [main.type, 'enterprises']);
    results.import = {
      spotChecks,
      bareCopySeconds: copy,
      writeRatio: ratio(spotChecks.postgresSeconds, copy),
      directIndexing: direct,
      indexRatio: ratio(spotChecks.indexSeconds, direct.seconds),
    };
    save();
    if (values['import-only']) return;
    say('   the other types');
    logFrom = portal.output().length;
    const otherRuns = [];
    for (const t of others) otherRuns.push(await importUntilSearchable(portal, meili, sql, t.type, filesOf(t.type)));
    results.import.otherTypes = {
      ...otherRuns[0]!,
      file: others.map((t) => t.type).join(', '),
      rows: otherRuns.reduce((s, r) => s + r.rows, 0),
      importSeconds: otherRuns.reduce((s, r) => s + r.importSeconds, 0),
      writeSeconds: otherRuns.reduce((s, r) => s + r.writeSeconds, 0),
      postgresSeconds: otherRuns.reduce((s, r) => s + r.postgresSeconds, 0),
      indexSeconds: otherRuns.reduce((s, r) => s + r.indexSeconds, 0),
      totalSeconds: otherRuns.reduce((s, r) => s + r.totalSeconds, 0),
      peakMemoryMb: Math.max(...otherRuns.map((r) => r.peakMemoryMb)),
    };
    save();

    // The bulk downloads are rebuilt 30 s after publication; measure once they are done.
    say('   waiting for the bulk downloads to be rebuilt');
    await portal.waitForLine(/bulk downloads rebuilt/, logFrom, 1_800_000).catch((e: Error) => say(`   (${e.message})`));
  }

  // Groups 2–4 (not with --import-only); 5b follows below.
  async function laterGroups(portal: BenchPortal) {
    // 2. Search latency; 3. screening.
    // The query mix: names and facets from the dominant type, identifiers (column 1) of the other tables.
    const spot = await sampleRows(file(main.type), 2000, Math.max(1, Math.floor(records / 2000)));
    const tables = others.filter((t) => t.table);
    const identified = await Promise.all(tables.map((t) => sampleRows(file(t.type), 200, 20)));
    const licences = identified[tables.findIndex((t) => t.type === screened)]!;
    const mix = queryMix({ type: main.type, rows: spot }, identified, others[0]!.type);
    say(`2. search latency: ${mix.length} queries`);
    results.search = await searchLatency(portal, meili, mix, 5);
    save();
    // 2b. Varied queries, cache off: a query text no other request of the run asks (issue 17).
    const varied = uniqueQueries(await sampleRows(file(main.type), 20_000, Math.max(1, Math.floor(records / 20_000))));
    say(`2b. sequential latency: 50 unique API searches (${varied.length} unique queries in all)`);
    results.sequential = await sequentialLatency(portal, meili, varied.slice(0, 51));
    save();
    say('3. screening');
    results.screening = await screening(portal, spot, licences, 10);
    save();
    await screeningExtra(portal, spot);
    say('3d. product screening');
    results.productScreening = await productScreening(portal, spot, 20);
    save();

    // 4. Load: the search page, record pages, API search; then the mixed workload of issue 8.
    const ids = (await sql`select id from ${sql(getTableName(typeNamed(main.type).table))} tablesample system (1) limit 300`) as unknown as { id: string }[];
    const searchPaths = mix.filter((c) => c.params.q).map((c) => `?${new URLSearchParams(c.params)}`);
    const searchPage: LoadRequest[] = searchPaths.map((q) => ({ path: `/search${q}` }));
    const recordPages: LoadRequest[] = ids.map(({ id }) => ({ path: `/${main.type}/${encodeURIComponent(id)}` }));
    const apiSearch: LoadRequest[] = searchPaths.map((q) => ({ path: `/api/v1/search${q}` }));
    results.load = [];
    for (const [name, requests] of [['search page', searchPage], ['record pages', recordPages], ['API search', apiSearch]] as const) {
      say(`4. load: ${name}`);
      results.load.push(await loadTest(portal, name, [...requests], 32, loadSeconds));
      save();
    }
    const screenBody = JSON.stringify({ queries: spot.slice(0, 50).map((row, i) => ({ key: `k${i}`, name: row[8], uscc: row[10] || undefined })) });
    const mixed: LoadRequest[] = [];
    for (let i = 0; i < 40; i++) {
      mixed.push(searchPage[i % searchPage.length]!, recordPages[i % recordPages.length]!, apiSearch[(i + 7) % apiSearch.length]!);
      if (i % 4 === 0) mixed.push({ method: 'POST', path: '/api/v1/screen', body: screenBody });
    }
    results.varied = [];
    for (const page of [true, false]) {
      say(`4b. load, a new query per request, cache off: ${page ? 'search page' : 'API search'}`);
      const rest = varied.slice(51);
      results.varied.push(await variedLoad(portal, meili, page ? rest.filter((_, i) => i % 2 === 0) : rest.filter((_, i) => i % 2 === 1), { page, connections: 32, seconds: loadSeconds }));
      save();
    }
    say('load: mixed workload, 64 connections');
    results.mixed = await loadTest(portal, 'mixed: search page, API search, record pages, screening', mixed, 64, loadSeconds);
    save();
  }
  await sql.end();

  // 5b. Start on the existing DATA_DIR with the whole dataset.
  if (!values['import-only'] && !onlyScreening) {
    say('5. restart on the existing DATA_DIR');
    await portal.stop();
    portal = await startPortal(path.join(work, 'data'), { SAMPLE_DATA: '0' });
    results.start = { buildSeconds, emptyDataDirSeconds: emptySeconds, existingDataDirSeconds: seconds(portal.msToHealthy) };
  }
  await portal.stop();
  portal = undefined;

  results.finishedAt = new Date().toISOString();
  save();
  // A partial run (--import-only, --only) does not replace the full table; a screening run replaces the screening block.
  if (onlyScreening) updateScreeningBlock(path.join(ROOT, 'BENCHMARKS.md'), results, path.relative(ROOT, resultFile));
  else if (!values['import-only']) updateBenchmarksFile(path.join(ROOT, 'BENCHMARKS.md'), results, path.relative(ROOT, resultFile));
  console.log(`\n${markdown(results)}\n`);
  say(`results: ${resultFile}${values['import-only'] ? '' : ' (and BENCHMARKS.md)'}`);
} catch (error) {
  save();
  console.error(`bench failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await portal?.stop().catch(() => {});
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
