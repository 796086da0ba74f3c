/**
 * Group 4 — load with autocannon: each workload for `duration` seconds at `connections`
 * connections, as browsers ask (compression accepted), reading the portal's memory every second.
 */
import autocannon from 'autocannon';
import type { BenchPortal } from './lib/portal.ts';
import { memoryOf, round } from './lib/stats.ts';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadFigures {
  name: string;
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  requests: number;
  errors: number;
  /** Answers of 400 and above. Redirects are answers too (the search page sends a USCC to its profile). */
  non2xx: number;
  redirects?: number;
  timeouts: number;
  /** The portal process's resident memory, averaged over the first and the last 10 s. */
  memoryMb: { first10s: number; last10s: number; growth: number };
}

export async function loadTest(portal: BenchPortal, name: string, requests: LoadRequest[], connections: number, duration: number): Promise<LoadFigures> {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(memoryOf(portal.pid).rssMb), 1000);
  const result = await autocannon({
    url: portal.url,
    connections,
    duration,
    timeout: 10,
    headers: { 'accept-encoding': 'br, gzip', 'accept-language': 'zh-CN,zh;q=0.9' },
    requests: requests.map((r) => {
      const headers = { 'accept-encoding': 'br, gzip', 'accept-language': 'zh-CN,zh;q=0.9', ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers };
      return { method: r.method ?? 'GET', path: r.path, ...(r.body ? { body: r.body } : {}), ...(r.body || r.headers ? { headers } : {}) };
    }),
  });
  clearInterval(timer);
  const average = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
  const first = average(samples.slice(0, 10));
  const last = average(samples.slice(-10));
  return {
    name,
    connections,
    seconds: duration,
    requestsPerSecond: round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    errors: result.errors,
    non2xx: statusCount(result.statusCodeStats, (code) => code >= 400),
    redirects: statusCount(result.statusCodeStats, (code) => code >= 300 && code < 400),
    timeouts: result.timeouts,
    memoryMb: { first10s: first, last10s: last, growth: round(last - first) },
  };
}

const statusCount = (stats: Partial<Record<string, { count?: number }>> | undefined, wanted: (code: number) => boolean) =>
  Object.entries(stats ?? {}).reduce((sum, [code, s]) => sum + (wanted(Number(code)) ? (s?.count ?? 0) : 0), 0);
