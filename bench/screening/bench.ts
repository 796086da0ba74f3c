/**
 * Group 3b — screening quality: the real corpus imported into the benchmark's portal (beside the
 * generated records, which stand in for the rest of a register), then every labelled pair screened
 * over HTTP; precision and recall at the default threshold and over the sweep.
 * Group 3c — screening latency: requests of 1,000 name queries, beside the same candidate searches
 * sent straight to Meilisearch (multi-search, in the portal's chunks, all at once).
 */
import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import type postgres from 'postgres';
import { candidateSearch, MULTI_SEARCH_CHUNK, searchedText } from '../../api/services/screen.ts';
import { DEFAULT_SCREEN_THRESHOLD } from '../../api/services/screen-input.ts';
import { connect } from '../../db/client.ts';
import { waitUntilSearchable } from '../import.ts';
import { BENCH_ADMIN_TOKEN, type BenchPortal } from '../lib/portal.ts';
import { latency, round, type Latency } from '../lib/stats.ts';
import { toTraditional } from '../../tests/setup/traditional.ts';
import { importRealCorpus } from './corpus.ts';
import { httpScreen, loadLabelledSet, qualityAt, screenAll, sweep, type Failure } from './quality.ts';

export interface ScreeningQuality {
  pairs: number;
  defaultThreshold: number;
  atDefault: { precision: number; recall: number; tp: number; fp: number; fn: number; tn: number };
  byKind: Record<string, { pairs: number; correct: number; share: number }>;
  sweep: { threshold: number; precision: number; recall: number; tp: number; fp: number; fn: number; tn: number }[];
  chosenThreshold: number;
  failures: Failure[];
}

export async function screeningQuality(portal: BenchPortal, meili: Meilisearch, sql: postgres.Sql, workDir: string): Promise<ScreeningQuality> {
  const handle = connect(portal.databaseUrl, { max: 2 });
  try {
    await importRealCorpus(handle, path.join(workDir, 'real-corpus'));
  } finally {
    await handle.close();
  }
  await waitUntilSearchable(meili, sql);
  const pairs = loadLabelledSet();
  const answers = await screenAll(pairs, httpScreen(portal.url, { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` }));
  const q = qualityAt(pairs, answers, DEFAULT_SCREEN_THRESHOLD);
  const s = sweep(pairs, answers);
  const { tp, fp, fn, tn, precision, recall } = q;
  return { pairs: pairs.length, defaultThreshold: DEFAULT_SCREEN_THRESHOLD, atDefault: { precision, recall, tp, fp, fn, tn }, byKind: q.byKind, sweep: s.rows, chosenThreshold: s.chosen, failures: q.failures };
}

export interface ScreeningLatency {
  requests: number;
  queriesPerRequest: number;
  api: Latency;
  direct: Latency;
  p50Ratio: number;
  /** Of each request's queries, the share answered from PostgreSQL (equal to a registered name). */
  exactShare: number;
}

const withoutForm = (name: string) => name.replace(/(?:股份)?有限(?:责任)?公司$/, '');

/**
 * `requests` requests (after one warm-up) of 1,000 names from the generated rows: half as
 * registered, a quarter without the legal form, a quarter in traditional characters, a different
 * slice each request. Each is timed through the API, then the same names' candidate searches
 * straight to Meilisearch.
 */
export async function screeningLatency(portal: BenchPortal, meili: Meilisearch, names: string[], requests: number): Promise<ScreeningLatency> {
  const api: number[] = [];
  const direct: number[] = [];
  let exact = 0;
  for (let r = 0; r <= requests; r++) {
    const queries = Array.from({ length: 1000 }, (_, i) => {
      const name = names[(r * 1000 + i) % names.length]!;
      return { key: `q${i}`, name: i % 4 === 1 ? withoutForm(name) : i % 4 === 3 ? toTraditional(name) : name };
    });
    let started = performance.now();
    const response = await fetch(`${portal.url}/api/v1/screen`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_TOKEN}` }, body: JSON.stringify({ queries }) });
    const body = (await response.json()) as { results: { matches: { reasons: string[]; score: number }[] }[] };
    if (!response.ok) throw new Error(`/api/v1/screen: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    const apiMs = performance.now() - started;
    const texts = [...new Set(queries.map((q) => searchedText('name', q.name)))];
    const chunks = Array.from({ length: Math.ceil(texts.length / MULTI_SEARCH_CHUNK) }, (_, k) => texts.slice(k * MULTI_SEARCH_CHUNK, (k + 1) * MULTI_SEARCH_CHUNK));
    started = performance.now();
    await Promise.all(chunks.map((chunk) => meili.multiSearch({ queries: chunk.map((t) => candidateSearch('name', t)) })));
    const directMs = performance.now() - started;
    if (r === 0) continue;
    api.push(apiMs);
    direct.push(directMs);
    exact += body.results.filter((a) => a.matches[0]?.score === 1).length;
  }
  const [a, d] = [latency(api), latency(direct)];
  return { requests, queriesPerRequest: 1000, api: a, direct: d, p50Ratio: round(a.p50 / d.p50, 2), exactShare: round(exact / (requests * 1000), 2) };
}
