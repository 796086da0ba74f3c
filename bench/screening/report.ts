/** The screening groups' Markdown (3b quality, 3c latency), and the screening block of BENCHMARKS.md a `--only screening` run replaces. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ScreeningLatency, ScreeningQuality } from './bench.ts';

export interface ScreeningResults {
  records: number;
  startedAt: string;
  finishedAt?: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number };
  screening?: { requests: number; queriesPerRequest: number; latency: { p50: number; p95: number } };
  screeningQuality?: ScreeningQuality;
  screeningLatency?: ScreeningLatency;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function screeningMarkdown(r: Pick<ScreeningResults, 'screeningQuality' | 'screeningLatency'>): string {
  const out: string[] = [];
  const q = r.screeningQuality;
  if (q) {
    const d = q.atDefault;
    out.push('\n### 3b. Screening quality (labelled set, bench/screening/labelled-names.json)',
      `${q.pairs} query–answer pairs; a query's answer is its top match at or above the threshold. At the default threshold ${q.defaultThreshold}: ` +
        `**precision ${d.precision}** (target ≥ 0.98), **recall ${d.recall}** (target ≥ 0.95); TP ${d.tp}, FP ${d.fp}, FN ${d.fn}, TN ${d.tn}. ` +
        `The sweep points to ${q.chosenThreshold} (the middle of the thresholds meeting both targets).`,
      '', '| threshold | precision | recall | TP | FP | FN | TN |', '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...q.sweep.map((s) => `| ${s.threshold} | ${s.precision} | ${s.recall} | ${s.tp} | ${s.fp} | ${s.fn} | ${s.tn} |`),
      '', 'Per kind (positives: share found; negatives: share left without a match):', '', '| kind | pairs | correct | share |', '| --- | ---: | ---: | ---: |',
      ...Object.entries(q.byKind).map(([k, v]) => `| ${k} | ${v.pairs} | ${v.correct} | ${pct(v.share)} |`),
      '', `Failures at the default threshold (${q.failures.length}):`, '',
      ...(q.failures.length ? q.failures.map((f) => `- \`${f.query}\` (${f.kind}): expected ${f.expected ?? 'no match'}, got ${f.got ?? 'no match'}${f.score !== null ? ` (${f.score})` : ''}`) : ['- none']));
  }
  const l = r.screeningLatency;
  if (l) {
    out.push('\n### 3c. Screening latency (1,000 name queries per request)',
      `${l.requests} requests after one warm-up, each a new slice of generated names (half as registered, a quarter without the legal form, a quarter traditional); ${pct(l.exactShare)} answered with an exact name.`,
      '', '| measure | p50 | p95 |', '| --- | ---: | ---: |',
      `| POST /api/v1/screen | ${l.api.p50} ms | ${l.api.p95} ms |`,
      `| the same names' candidate searches straight to Meilisearch (multi-search, same chunks, all at once) | ${l.direct.p50} ms | ${l.direct.p95} ms |`,
      `| ratio API / Meilisearch (p50) | ${l.p50Ratio}× | |`);
  }
  return out.join('\n');
}

const BEGIN = '<!-- screening-results:begin -->';
const END = '<!-- screening-results:end -->';

/** Replaces the screening block of BENCHMARKS.md with a `--only screening` run's figures. */
export function updateScreeningBlock(file: string, r: ScreeningResults, resultFile: string): void {
  const s = r.screening;
  const head = `Run ${r.startedAt} → ${r.finishedAt ?? '(unfinished)'}, ${r.records.toLocaleString('en')} spot-check rows plus the other types in their shares and the real corpus; ` +
    `${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memoryGb} GiB. Command: \`npm run bench -- --only screening --records ${r.records}\`.` +
    (s ? `\n\nMixed screening (group 3, names, USCCs, licence numbers, brands): ${s.requests} requests of ${s.queriesPerRequest.toLocaleString('en')} queries, p50 ${s.latency.p50} ms, p95 ${s.latency.p95} ms.` : '');
  const block = `${BEGIN}\n${head}\n${screeningMarkdown(r)}\n\nRaw figures: \`${resultFile}\`.\n${END}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  writeFileSync(file, start >= 0 && end > start ? text.slice(0, start) + block + text.slice(end + END.length) : `${text}\n${block}\n`);
}
