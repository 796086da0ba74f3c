import path from 'node:path';
import { freePort } from '../../../runtime/ports.ts';
import { startPortal, type PortalProcess } from '../../setup/portal-process.ts';
import type { FaultServices } from './services.ts';

/** A portal process of the test in a DATA_DIR of its own (`name`), without the sample data and without rate limits in the way. */
const ownEnv = (services: FaultServices, name: string, port: number): Record<string, string> => ({
  DATA_DIR: path.join(services.dir, name),
  HOST: '127.0.0.1',
  PORT: String(port),
  SAMPLE_DATA: '0',
  RATE_LIMIT_ANONYMOUS: '1000000',
});

/** `npm start` against the test's own servers. */
export async function startPortalOn(services: FaultServices, name: string, extra: Record<string, string> = {}): Promise<{ portal: PortalProcess; base: string }> {
  const portal = startPortal({ ...services.env(), ...ownEnv(services, name, await freePort()), ...extra });
  return { portal, base: await portal.ready };
}

/**
 * The environment of a `web` or `worker` instance on the test's servers: a web instance gets the
 * search key and never the master key (parseEnv refuses it there).
 */
export function roleEnv(services: FaultServices, role: 'web' | 'worker', name: string, port: number): Record<string, string> {
  return { ...(role === 'web' ? services.webEnv() : services.env()), PORTAL_ROLE: role, ...ownEnv(services, name, port) };
}

export interface Timed {
  url: string;
  status: number;
  ms: number;
  body: string;
  headers: Headers;
  /** When the request was sent (Date.now()). */
  at: number;
}

/** One request, timed; a request that takes longer than `limitMs` is aborted and reported as status 0. */
export async function timedFetch(url: string, limitMs = 10_000, headers: Record<string, string> = {}): Promise<Timed> {
  const at = Date.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(limitMs), headers });
    const body = await response.text();
    return { url, status: response.status, ms: Date.now() - at, body, headers: response.headers, at };
  } catch (error) {
    // undici says only "fetch failed"; the cause (a reset, a closed socket…) is what tells why.
    const cause = (error as { cause?: unknown }).cause;
    return { url, status: 0, ms: Date.now() - at, body: `${String(error)}${cause ? ` (${String((cause as { code?: string }).code ?? cause)})` : ''}`, headers: new Headers(), at };
  }
}

/** `workers` loops requesting `urls` round-robin until stopped; every answer is kept. */
export function loadLoop(urls: string[], workers: number): { stop(): Promise<Timed[]> } {
  const results: Timed[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let i = w; running; i++) results.push(await timedFetch(urls[i % urls.length]!));
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return results;
    },
  };
}
