/**
 * Groups 2b and 4b — search with varied queries and no cache (issue 17): every request asks a
 * query text no other request of the run asks, and carries `Cache-Control: no-cache` with the
 * admin token, which the portal follows (api/access/keys.ts), so no answer can come from a cache.
 * Each figure sits beside the same Meilisearch work done straight from this process in the same
 * run: `searchMeilisearch` (search/query.ts), the very function the API and the search page call,
 * which sends the federated hits and the exact count (and, for the page, the per-type groups).
 */
import type { Meilisearch } from 'meilisearch';
import { pinyin } from 'pinyin-pro';
import { searchInput } from '../api/services/search.ts';
import { searchMeilisearch } from '../search/query.ts';
import { toTraditional } from '../tests/setup/traditional.ts';
import { loadTest, type LoadFigures } from './load.ts';
import { BENCH_ADMIN_TOKEN, type BenchPortal } from './lib/portal.ts';
import { latency, round, type Latency } from './lib/stats.ts';

const NO_CACHE = { 'cache-control': 'no-cache', authorization: `Bearer ${BENCH_ADMIN_TOKEN}` };
const company = (name: string) => name.replace(/(?:股份)?有限(?:责任)?公司$/, '');

/**
 * Distinct query texts from sampled spot-check rows (the generator's columns: 7 product, 8
 * enterprise): enterprise names, their first four characters, product names, traditional
 * characters and pinyin of trade names. Deduplicated, in a fixed order.
 */
export function uniqueQueries(rows: string[][]): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row[8] ?? '';
    const core = company(name);
    for (const q of [name, core.slice(0, 4), `${row[7] ?? ''} ${core.slice(0, 2)}`, toTraditional(core), pinyin(core.slice(0, 3), { toneType: 'none', type: 'array' }).join(' ')]) {
      if (q.trim()) seen.add(q.trim());
    }
  }
  return [...seen];
}

export interface SequentialFigures {
  requests: number;
  api: Latency;
  direct: Latency;
  p50Ratio: number;
}

/** `n` API searches one after another, each with a new query, each followed by the same Meilisearch work. */
export async function sequentialLatency(portal: BenchPortal, meili: Meilisearch, queries: string[], n = 50): Promise<SequentialFigures> {
  const api: number[] = [];
  const direct: number[] = [];
  for (const [i, q] of queries.slice(0, n + 1).entries()) {
    let started = performance.now();
    const response = await fetch(`${portal.url}/api/v1/search?${new URLSearchParams({ q })}`, { headers: NO_CACHE });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`/api/v1/search?q=${q}: ${response.status}`);
    const apiMs = performance.now() - started;
    started = performance.now();
    await searchMeilisearch(meili, searchInput.parse({ q }));
    const directMs = performance.now() - started;
    // The first pair warms both connections up.
    if (i === 0) continue;
    api.push(apiMs);
    direct.push(directMs);
  }
  const [a, d] = [latency(api), latency(direct)];
  return { requests: api.length, api: a, direct: d, p50Ratio: round(a.p50 / d.p50, 2) };
}

export interface DirectThroughput {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  errors: number;
}

/**
 * The same searches as a load test, straight to Meilisearch: `connections` loops, each taking the
 * next unused query, for `seconds`. `groups`: the search page's request (per-type groups too).
 */
export async function directThroughput(meili: Meilisearch, queries: string[], { connections, seconds, groups }: { connections: number; seconds: number; groups: boolean }): Promise<DirectThroughput> {
  const times: number[] = [];
  let next = 0;
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const q = queries[next++ % queries.length]!;
      const started = performance.now();
      try {
        await searchMeilisearch(meili, searchInput.parse({ q }), groups ? 5 : undefined);
        times.push(performance.now() - started);
      } catch {
        errors += 1;
      }
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: connections }, loop));
  const l = latency(times);
  return { connections, seconds, requestsPerSecond: round(times.length / ((performance.now() - began) / 1000)), latencyMs: { p50: l.p50, p99: l.p99 }, errors };
}

export interface VariedLoadFigures {
  portal: LoadFigures;
  direct: DirectThroughput;
  /** The portal's throughput over Meilisearch's own for the same searches. */
  throughputRatio: number;
}

/**
 * The search page (or API search) under load with a new query per request and no cache, then
 * the same searches straight to Meilisearch for as long, with as many connections. The two
 * halves use different queries of the list, so neither warms Meilisearch's caches for the other.
 */
export async function variedLoad(portal: BenchPortal, meili: Meilisearch, queries: string[], o: { page: boolean; connections: number; seconds: number }): Promise<VariedLoadFigures> {
  const half = Math.floor(queries.length / 2);
  const path = o.page ? '/search' : '/api/v1/search';
  const requests = queries.slice(0, half).map((q) => ({ path: `${path}?${new URLSearchParams({ q })}`, headers: NO_CACHE }));
  const name = `${o.page ? 'search page' : 'API search'}, a new query per request, cache off`;
  const portalFigures = await loadTest(portal, name, requests, o.connections, o.seconds);
  const direct = await directThroughput(meili, queries.slice(half), { connections: o.connections, seconds: o.seconds, groups: o.page });
  return { portal: portalFigures, direct, throughputRatio: round(portalFigures.requestsPerSecond / Math.max(0.1, direct.requestsPerSecond), 2) };
}
