/** The benchmark's figures beside the targets of DESIGN.md, as JSON and as a Markdown table. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ImportRun } from './import.ts';
import { round } from './lib/stats.ts';
import type { LoadFigures } from './load.ts';
import type { ScreenFigures, SearchFigures } from './search.ts';
import type { SequentialFigures, VariedLoadFigures } from './varied.ts';
import type { ScreeningLatency, ScreeningQuality } from './screening/bench.ts';
import { screeningMarkdown } from './screening/report.ts';

export interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  records: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; os: string; node: string; postgres?: string; meilisearch?: string };
  dataset?: { counts: Record<string, number>; generateSeconds: number; bytes: number };
  import?: {
    spotChecks: ImportRun;
    bareCopySeconds: number;
    writeRatio: number;
    directIndexing: { seconds: number; documents: number };
    indexRatio: number;
    otherTypes?: ImportRun;
  };
  search?: SearchFigures;
  screening?: ScreenFigures;
  productScreening?: ScreenFigures;
  screeningQuality?: ScreeningQuality;
  screeningLatency?: ScreeningLatency;
  sequential?: SequentialFigures;
  varied?: VariedLoadFigures[];
  load?: LoadFigures[];
  mixed?: LoadFigures;
  start?: { buildSeconds: number; emptyDataDirSeconds: number; existingDataDirSeconds: number };
}

type Row = [what: string, figure: string, target: string, met?: boolean];

const yes = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'yes' : '**no**');
const table = (rows: Row[]) =>
  ['| measure | figure | target | met |', '| --- | ---: | --- | :---: |', ...rows.map(([a, b, c, d]) => `| ${a} | ${b} | ${c} | ${yes(d)} |`)].join('\n');
const n = (x: number) => x.toLocaleString('en');

export function markdown(r: BenchResults): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`Run ${r.startedAt} → ${r.finishedAt ?? '(unfinished)'}, ${n(r.records)} spot-check rows.`);
  out.push(`Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GiB, ${m.os}; Node ${m.node}, PostgreSQL ${m.postgres ?? '?'}, Meilisearch ${m.meilisearch ?? '?'}.`);
  if (r.dataset) out.push(`Dataset: ${Object.entries(r.dataset.counts).map(([k, v]) => `${n(v)} ${k}`).join(', ')} (${Math.round(r.dataset.bytes / 1e6)} MB), generated in ${r.dataset.generateSeconds} s.`);
  if (r.import) {
    const i = r.import;
    const s = i.spotChecks;
    out.push('\n### 1. Import', table([
      ['spot-check rows, CSV to searchable', `${s.totalSeconds} s (${n(s.rowsPerSecond)} rows/s)`, '< 600 s for 1,000,000', r.records >= 1_000_000 ? s.totalSeconds < 600 : undefined],
      ['of which `npm run import` (parse, check, write)', `${s.importSeconds} s`, ''],
      ['of which indexing after the import', `${s.indexSeconds} s`, ''],
      ['import peak memory', `${s.peakMemoryMb} MB`, ''],
      ['PostgreSQL write: time PostgreSQL spent on the import vs a bare COPY of the same rows into the same table', `${s.postgresSeconds} s vs ${i.bareCopySeconds} s = **${i.writeRatio}×**`, '≤ 1.5×', i.writeRatio <= 1.5],
      ['— the importer waited for its writes (overlapping with reading the file)', `${s.writeSeconds} s`, ''],
      ['indexing (sync worker) vs the same documents sent straight with the client', `${s.indexSeconds} s vs ${i.directIndexing.seconds} s (${n(i.directIndexing.documents)} documents) = **${i.indexRatio}×**`, 'reported'],
      ...(i.otherTypes ? [[`other types (${i.otherTypes.file}), to searchable`, `${round(i.otherTypes.totalSeconds)} s for ${n(i.otherTypes.rows)} rows`, ''] as Row] : []),
    ]));
  }
  if (r.search) {
    const s = r.search;
    out.push('\n### 2. Search latency', `${s.queries} queries × ${s.rounds} rounds, each through the API and then straight to Meilisearch.`, table([
      ['/api/v1/search p50 / p95 / p99', `${s.api.p50} / ${s.api.p95} / ${s.api.p99} ms`, 'p95 < 50 ms', s.api.p95 < 50],
      ['same request straight to Meilisearch p50 / p95 / p99', `${s.direct.p50} / ${s.direct.p95} / ${s.direct.p99} ms`, ''],
      ['p50 ratio API / Meilisearch', `**${s.p50Ratio}×**`, '≤ 1.2×', s.p50Ratio <= 1.2],
      ...Object.entries(s.byKind).map(([kind, v]): Row => [`— ${kind} (API p50 / direct p50)`, `${v.api.p50} / ${v.direct.p50} ms`, '']),
    ]));
  }
  if (r.sequential) {
    const s = r.sequential;
    out.push('\n### 2b. Sequential latency, a new query per request, cache off', `${s.requests} API searches one after another, each followed by the same Meilisearch work (\`searchMeilisearch\`, which the API calls) straight from the bench.`, table([
      ['/api/v1/search p50 / p95', `${s.api.p50} / ${s.api.p95} ms`, 'p95 < 50 ms', s.api.p95 < 50],
      ['the same work straight to Meilisearch p50 / p95', `${s.direct.p50} / ${s.direct.p95} ms`, ''],
      ['p50 ratio API / Meilisearch', `**${s.p50Ratio}×**`, '≤ 1.15×', s.p50Ratio <= 1.15],
    ]));
  }
  if (r.screening) {
    const s = r.screening;
    out.push('\n### 3. Screening', table([
      [`${s.requests} requests of ${n(s.queriesPerRequest)} queries, p50 / p95`, `${s.latency.p50} / ${s.latency.p95} ms`, 'under 1 s', s.latency.p95 < 1000],
      ['queries matched', `${Math.round(s.matchedShare * 100)} %`, ''],
    ]));
  }
  if (r.screeningQuality || r.screeningLatency) out.push(screeningMarkdown(r));
  if (r.productScreening) {
    const s = r.productScreening;
    out.push('\n### 3d. Product screening', table([
      [`${s.requests} requests of ${n(s.queriesPerRequest)} product items, p50 / p95`, `${s.latency.p50} / ${s.latency.p95} ms`, 'p95 under 1 s', s.latency.p95 < 1000],
      ['items matched', `${Math.round(s.matchedShare * 100)} %`, ''],
    ]));
  }
  if (r.load) {
    // DESIGN.md sets the throughput target for the search page; the others are reported beside it.
    out.push('\n### 4. Load (autocannon)', table(r.load.flatMap((l): Row[] => {
      const targeted = l.name === 'search page';
      return [
        [`${l.name}: ${l.seconds} s × ${l.connections} connections`, `${n(l.requestsPerSecond)} req/s, p50 ${l.latencyMs.p50} ms, p99 ${l.latencyMs.p99} ms`, targeted ? '≥ 400 req/s, p99 < 150 ms' : 'reported', targeted ? l.requestsPerSecond >= 400 && l.latencyMs.p99 < 150 : undefined],
        [`— errors / 4xx–5xx / timeouts (redirects)`, `${l.errors} / ${l.non2xx} / ${l.timeouts} (${l.redirects ?? '?'})`, 'none', l.errors + l.non2xx + l.timeouts === 0],
      ];
    })));
  }
  if (r.varied) {
    out.push('\n### 4b. Load with a new query per request, cache off', table(r.varied.flatMap((v): Row[] => {
      const page = v.portal.name.startsWith('search page');
      const l = v.portal;
      return [
        [`${l.name}: ${l.seconds} s × ${l.connections} connections`, `${n(l.requestsPerSecond)} req/s, p50 ${l.latencyMs.p50} ms, p99 ${l.latencyMs.p99} ms`, page ? '≥ 150 req/s, p99 < 300 ms' : 'reported', page ? l.requestsPerSecond >= 150 && l.latencyMs.p99 < 300 : undefined],
        ['— the same searches straight to Meilisearch', `${n(v.direct.requestsPerSecond)} req/s, p50 ${v.direct.latencyMs.p50} ms, p99 ${v.direct.latencyMs.p99} ms`, ''],
        ['— portal / Meilisearch throughput', `**${v.throughputRatio}×**`, page ? '≥ 0.9×' : 'reported', page ? v.throughputRatio >= 0.9 : undefined],
        ['— errors / non-2xx / timeouts', `${l.errors} / ${l.non2xx} / ${l.timeouts}`, 'none', l.errors + l.non2xx + l.timeouts === 0],
      ];
    })));
  }
  if (r.mixed) {
    const l = r.mixed;
    const growthOk = l.memoryMb.growth <= Math.max(20, l.memoryMb.first10s * 0.05);
    out.push('\n### Mixed load (issue 8)', table([
      [`${l.name}: ${l.seconds} s × ${l.connections} connections`, `${n(l.requestsPerSecond)} req/s, p50 ${l.latencyMs.p50} ms, p99 ${l.latencyMs.p99} ms`, ''],
      ['errors / 4xx–5xx / timeouts (redirects)', `${l.errors} / ${l.non2xx} / ${l.timeouts} (${l.redirects ?? '?'})`, 'none', l.errors + l.non2xx + l.timeouts === 0],
      ['portal memory, first 10 s → last 10 s', `${l.memoryMb.first10s} → ${l.memoryMb.last10s} MB`, 'no growth (≤ 5 % or 20 MB)', growthOk],
    ]));
  }
  if (r.start) {
    out.push('\n### 5. Start (`npm start` to the first healthy response)', table([
      ['empty DATA_DIR (sample data loaded and indexed)', `${r.start.emptyDataDirSeconds} s`, '< 20 s', r.start.emptyDataDirSeconds < 20],
      [`existing DATA_DIR (${n(r.records)}-row dataset)`, `${r.start.existingDataDirSeconds} s`, '< 20 s', r.start.existingDataDirSeconds < 20],
      ['site build (`npm start` does it once after install, and after source changes)', r.start.buildSeconds ? `${r.start.buildSeconds} s` : 'already built', ''],
    ]));
  }
  return out.join('\n');
}

const BEGIN = '<!-- latest-results:begin -->';
const END = '<!-- latest-results:end -->';

/** Replaces the latest-results block of BENCHMARKS.md (the rest of the file is written by people). */
export function updateBenchmarksFile(file: string, results: BenchResults, resultFile: string): void {
  const block = `${BEGIN}\n${markdown(results)}\n\nRaw figures: \`${resultFile}\`.\n${END}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  writeFileSync(file, start >= 0 && end > start ? text.slice(0, start) + block + text.slice(end + END.length) : `${text}\n${block}\n`);
}
