import http from 'node:http';
import { sleep } from '../../../runtime/ports.ts';

/** One request of the steady load, as the client saw it. */
export interface LoadResult {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  /** When it was sent and when its answer (or its failure) was complete, Date.now(). */
  at: number;
  end: number;
  /** 0: no HTTP answer (the connection failed or the request timed out). */
  status: number;
  /** The web instance that answered (HAProxy's X-Served-By), if one did. */
  servedBy?: string;
  /** Why it failed, when it did: the status and the start of the body, or the client's error. */
  problem?: string;
  /** What the stream's `tag` said of a good answer (e.g. "degraded"). */
  tag?: string;
}

/** A stream of requests: `next(i)` gives the i-th request of a loop. */
export interface LoadStream {
  kind: string;
  next(i: number): { method?: 'GET' | 'POST'; path: string; body?: unknown; headers?: Record<string, string>; check?: (body: string) => string | undefined; tag?: (body: string) => string | undefined };
}

/** Each stream runs as its own loop, one request in flight, `pauseMs` between requests, until stopped. */
export function startLoad(base: string, streams: LoadStream[], { pauseMs = 50, timeoutMs = 30_000 } = {}) {
  const results: LoadResult[] = [];
  let running = true;
  const loops = streams.map(async (stream) => {
    for (let i = 0; running; i++) {
      results.push(await send(base, stream, i, timeoutMs));
      await sleep(pauseMs);
    }
  });
  return {
    results,
    async stop(): Promise<LoadResult[]> {
      running = false;
      await Promise.all(loops);
      return results;
    },
  };
}

async function send(base: string, stream: LoadStream, i: number, timeoutMs: number): Promise<LoadResult> {
  const { method = 'GET', path, body, headers = {}, check, tag } = stream.next(i);
  const at = Date.now();
  const base_ = { kind: stream.kind, method, path, at };
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const servedBy = response.headers.get('x-served-by') ?? undefined;
    const problem = response.status !== 200 ? `${response.status} ${text.slice(0, 200)}` : check?.(text);
    const tagged = problem ? undefined : tag?.(text);
    return { ...base_, end: Date.now(), status: response.status, servedBy, ...(problem ? { problem } : {}), ...(tagged ? { tag: tagged } : {}) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { ...base_, end: Date.now(), status: 0, problem: `${String(error)}${cause ? ` (${cause.code ?? String(cause)})` : ''}` };
  }
}

/** Requests of `results` that failed: no answer, an answer other than 200, or a 200 whose body is wrong. */
export const failed = (results: LoadResult[]) => results.filter((r) => r.problem !== undefined);

/** A one-line summary per kind: requests, failures, and how they spread over the web instances. */
export function summarize(results: LoadResult[]): string {
  const kinds = [...new Set(results.map((r) => r.kind))];
  return kinds
    .map((kind) => {
      const mine = results.filter((r) => r.kind === kind);
      const by = new Map<string, number>();
      for (const r of mine) by.set(r.servedBy ?? '-', (by.get(r.servedBy ?? '-') ?? 0) + 1);
      const tags = new Map<string, number>();
      for (const r of mine) if (r.tag) tags.set(r.tag, (tags.get(r.tag) ?? 0) + 1);
      const tagged = [...tags].map(([t, n]) => `, ${n} ${t}`).join('');
      return `${kind}: ${mine.length} requests, ${failed(mine).length} failed${tagged} (${[...by].sort().map(([k, n]) => `${k} ${n}`).join(', ')})`;
    })
    .join('\n');
}

/** One anonymous GET from `localAddress` (a loopback address of its own: its own rate-limit bucket). */
export function getFrom(url: string, localAddress: string): Promise<{ status: number; servedBy?: string; reset: number; at: number }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { localAddress, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve({
        status: response.statusCode!,
        servedBy: response.headers['x-served-by'] as string | undefined,
        /** Seconds until the rate-limit window of this answer ends. */
        reset: Number(response.headers['ratelimit-reset']),
        at: Date.now(),
      }));
    });
    request.on('error', reject);
  });
}

/**
 * A client of GET /api/v1/changes that follows `meta.next_cursor`, as a platform syncing the
 * register would: `stream` polls it as part of the load, `drain` reads until nothing is left.
 * `seen` counts each (type, id, action) it was given.
 */
export function changeFollower(headers: Record<string, string>) {
  const seen = new Map<string, number>();
  let cursor: string | undefined;
  let more = true;
  const path = () => `/api/v1/changes?limit=100${cursor ? `&since=${cursor}` : ''}`;
  const apply = (body: string): string | undefined => {
    const page = JSON.parse(body) as { changes?: { type: string; id: string; action: string }[]; meta?: { next_cursor: string; has_more: boolean } };
    if (!page.changes || !page.meta) return `not a page of changes: ${body.slice(0, 100)}`;
    for (const c of page.changes) seen.set(`${c.type}/${c.id}/${c.action}`, (seen.get(`${c.type}/${c.id}/${c.action}`) ?? 0) + 1);
    cursor = page.meta.next_cursor;
    more = page.meta.has_more;
    return undefined;
  };
  return {
    seen,
    stream: { kind: 'change feed', next: () => ({ path: path(), headers, check: apply }) } satisfies LoadStream,
    async drain(base: string): Promise<void> {
      do {
        const response = await fetch(`${base}${path()}`, { headers });
        const body = await response.text();
        const problem = response.status === 200 ? apply(body) : `${response.status} ${body.slice(0, 200)}`;
        if (problem) throw new Error(`the change feed failed: ${problem}`);
      } while (more);
    },
  };
}
