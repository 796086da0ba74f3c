/**
 * Group 2 — search latency through /api/v1/search beside the same multi-search sent straight to
 * Meilisearch, interleaved query by query so both see the same machine. Group 3 — screening.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Meilisearch } from 'meilisearch';
import { pinyin } from 'pinyin-pro';
import { searchInput } from '../api/services/search.ts';
import { parseCsv } from '../sample/csv.ts';
import { buildSearchRequest } from '../search/query.ts';
import { toTraditional } from '../tests/setup/traditional.ts';
import { BENCH_ADMIN_TOKEN, type BenchPortal } from './lib/portal.ts';
import { latency, round, type Latency } from './lib/stats.ts';

export interface QueryCase {
  kind: 'name' | 'fragment' | 'traditional' | 'pinyin' | 'identifier' | 'facet';
  params: Record<string, string>;
}

/** Every `step`-th data row of a CSV file (first `limit`), parsed. Lines are records: the generator quotes no newlines. */
export async function sampleRows(file: string, limit: number, step: number): Promise<string[][]> {
  const rows: string[][] = [];
  let n = -1;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    n += 1;
    if (n === 0 || n % step !== 0) continue;
    rows.push(parseCsv(line)[0]!);
    if (rows.length >= limit) break;
  }
  return rows;
}

const company = (name: string) => name.replace(/(?:股份)?有限(?:责任)?公司$/, '');

/**
 * A fixed mix of what people type: names, fragments, traditional characters, pinyin, identifiers,
 * facets. Names and facets come from the rows of the dominant type (the sample's spot-check
 * columns); identifiers from the first column of each other table (decision and licence numbers);
 * `listed` is a second type whose newest records are asked for.
 */
export function queryMix(main: { type: string; rows: string[][] }, identified: string[][][], listed: string): QueryCase[] {
  const spot = main.rows;
  const mix: QueryCase[] = [];
  const take = <T>(list: T[], n: number) => list.filter((_, i) => i % Math.max(1, Math.floor(list.length / n)) === 0).slice(0, n);
  for (const row of take(spot, 10)) mix.push({ kind: 'name', params: { q: row[8]! } });
  for (const row of take(spot, 10)) mix.push({ kind: 'fragment', params: { q: row[10] ? company(row[8]!).slice(0, 4) : row[7]! } });
  for (const row of take(spot, 8)) mix.push({ kind: 'traditional', params: { q: toTraditional(company(row[8]!)) } });
  for (const row of take(spot, 8)) {
    const core = company(row[8]!).slice(0, 2);
    mix.push({ kind: 'pinyin', params: { q: pinyin(core, { toneType: 'none', type: 'array' }).join('') } });
  }
  for (const row of take(spot.filter((r) => r[10]), 4)) mix.push({ kind: 'identifier', params: { q: row[10]! } });
  for (const rows of identified) for (const row of take(rows, 3)) mix.push({ kind: 'identifier', params: { q: row[0]! } });
  const facets: Record<string, string>[] = [
    { type: main.type, result: 'unqualified' },
    { category: spot[0]![5]! },
    { region: `${spot[1]![22]!.slice(0, 2)}0000`, type: main.type },
    { year: spot[2]![3]!.slice(0, 4), sort: 'newest' },
    { type: listed, sort: 'newest' },
  ];
  for (const [i, f] of facets.entries()) mix.push({ kind: 'facet', params: { q: i % 2 ? spot[i]![7]! : '', ...f } });
  return mix;
}

export interface SearchFigures {
  queries: number;
  rounds: number;
  api: Latency;
  direct: Latency;
  p50Ratio: number;
  byKind: Record<string, { api: Latency; direct: Latency }>;
}

/** Each query through the API, then straight to Meilisearch, `rounds` times after one warm-up round. */
export async function searchLatency(portal: BenchPortal, meili: Meilisearch, mix: QueryCase[], rounds: number): Promise<SearchFigures> {
  const api: number[] = [];
  const direct: number[] = [];
  const byKind: Record<string, { api: number[]; direct: number[] }> = {};
  for (let round = 0; round <= rounds; round++) {
    for (const c of mix) {
      const query = new URLSearchParams(c.params).toString();
      let started = performance.now();
      // no-cache, with a credential (an anonymous no-cache is not followed): the API's answer cache
      // would otherwise answer every round after the first.
      const response = await fetch(`${portal.url}/api/v1/search?${query}`, { headers: { 'cache-control': 'no-cache', authorization: `Bearer ${BENCH_ADMIN_TOKEN}` } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`/api/v1/search?${query}: ${response.status}`);
      const apiMs = performance.now() - started;
      const request = buildSearchRequest(searchInput.parse(c.params));
      started = performance.now();
      if (request) await meili.multiSearch(request);
      const directMs = performance.now() - started;
      if (round === 0) continue;
      api.push(apiMs);
      direct.push(directMs);
      (byKind[c.kind] ??= { api: [], direct: [] }).api.push(apiMs);
      byKind[c.kind]!.direct.push(directMs);
    }
  }
  const apiLatency = latency(api);
  const directLatency = latency(direct);
  return {
    queries: mix.length,
    rounds,
    api: apiLatency,
    direct: directLatency,
    p50Ratio: round(apiLatency.p50 / directLatency.p50, 2),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { api: latency(v.api), direct: latency(v.direct) }])),
  };
}

export interface ScreenFigures {
  requests: number;
  queriesPerRequest: number;
  latency: Latency;
  matchedShare: number;
}

/** Requests of 1,000 screening queries (names, USCCs, licence numbers, brands; some unknown), one after another. */
export async function screening(portal: BenchPortal, spot: string[][], licences: string[][], requests: number): Promise<ScreenFigures> {
  const times: number[] = [];
  let matched = 0;
  let asked = 0;
  for (let r = 0; r <= requests; r++) {
    const queries = Array.from({ length: 1000 }, (_, i) => {
      const row = spot[(r * 1000 + i) % spot.length]!;
      const key = `q${i}`;
      switch (i % 5) {
        case 0: return { key, uscc: row[10] || undefined, name: row[8] };
        case 1: return { key, name: row[8] };
        case 2: return { key, licenseNo: licences[(r * 1000 + i) % licences.length]![0] };
        case 3: return { key, brand: row[15] === '/' ? row[8] : row[15] };
        default: return { key, name: `不存在的测试企业${r}${i}有限公司` };
      }
    });
    const started = performance.now();
    const response = await fetch(`${portal.url}/api/v1/screen`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queries }) });
    const body = (await response.json()) as { meta?: { matched: number; queries: number } };
    if (!response.ok) throw new Error(`/api/v1/screen: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    if (r === 0) continue;
    times.push(performance.now() - started);
    matched += body.meta?.matched ?? 0;
    asked += body.meta?.queries ?? 0;
  }
  return { requests, queriesPerRequest: 1000, latency: latency(times), matchedShare: round(matched / Math.max(1, asked), 2) };
}

/**
 * Requests of 1,000 product items (issue 16's figure: under 1 s p95), built from the sample's
 * spot-check rows (columns: 7 product, 8 manufacturer, 10 USCC, 15 brand, 16 model, 17 batch):
 * brand + model + batch, brand + model + manufacturer, USCC + model, brand + product name, and
 * listings no record names.
 */
export async function productScreening(portal: BenchPortal, spot: string[][], requests: number): Promise<ScreenFigures> {
  const times: number[] = [];
  let matched = 0;
  let asked = 0;
  for (let r = 0; r <= requests; r++) {
    const items = Array.from({ length: 1000 }, (_, i) => {
      const row = spot[(r * 1000 + i) % spot.length]!;
      const key = `p${i}`;
      const brand = row[15] && row[15] !== '/' ? row[15] : undefined;
      switch (i % 5) {
        case 0: return { key, brand, model: row[16] || undefined, batch: row[17] || undefined };
        case 1: return { key, brand, model: row[16] || undefined, manufacturer: row[8] };
        case 2: return row[10] ? { key, manufacturer_uscc: row[10], model: row[16] || undefined } : { key, manufacturer: row[8] };
        case 3: return { key, brand: brand ?? `无此品牌${r}${i}`, product_name: row[7] };
        default: return { key, brand: `无此品牌${r}${i}`, model: `NX-${r}${i}` };
      }
    });
    const started = performance.now();
    const response = await fetch(`${portal.url}/api/v1/screen/products`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
    const body = (await response.json()) as { meta?: { matched: number; items: number } };
    if (!response.ok) throw new Error(`/api/v1/screen/products: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    if (r === 0) continue;
    times.push(performance.now() - started);
    matched += body.meta?.matched ?? 0;
    asked += body.meta?.items ?? 0;
  }
  return { requests, queriesPerRequest: 1000, latency: latency(times), matchedShare: round(matched / Math.max(1, asked), 2) };
}
