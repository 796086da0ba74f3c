import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../runtime/ports.ts';
import { waitFor } from './stats.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The benchmark's admin token: with it, `Cache-Control: no-cache` gets an answer made now (an anonymous one is answered from the cache). */
export const BENCH_ADMIN_TOKEN = `bench-admin-token-${process.pid}-0123456789abcdef`;

export interface BenchPortal {
  url: string;
  dataDir: string;
  /** The web server's process (a child of the portal's), for memory readings. */
  pid: number;
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
  /** Milliseconds from `npm start` to the first 200 from /api/health with status "ok". */
  msToHealthy: number;
  output(): string;
  /** Resolves once the output has a line matching `pattern` after `from` characters. */
  waitForLine(pattern: RegExp, from: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs `npm start` exactly as a newcomer does, on a DATA_DIR of the benchmark's, and times it to
 * the first healthy response. The rate limits are raised: the load generator is one address.
 */
export async function startPortal(dataDir: string, env: Record<string, string> = {}, timeoutMs = 600_000): Promise<BenchPortal> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      RATE_LIMIT_ANONYMOUS: '100000000',
      ADMIN_TOKENS: BENCH_ADMIN_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`portal exited (${code}):\n${out.slice(-3000)}`))));
  exited.catch(() => {});
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([
    exited,
    waitFor('portal healthy', async () => {
      const response = await fetch(`${url}/api/health`);
      const body = (await response.json()) as { status?: string };
      return response.ok && body.status === 'ok' ? true : undefined;
    }, timeoutMs, 50),
  ]);
  const msToHealthy = performance.now() - started;
  const runtime = JSON.parse(readFileSync(path.join(dataDir, 'runtime.json'), 'utf8')) as { pid: number; databaseUrl: string; meiliUrl: string; meiliKey: string };
  return {
    url,
    dataDir,
    pid: webServerOf(runtime.pid),
    databaseUrl: runtime.databaseUrl,
    meiliUrl: runtime.meiliUrl,
    meiliKey: runtime.meiliKey,
    msToHealthy,
    output: () => out,
    waitForLine: async (pattern, from, ms) => {
      await waitFor(`portal log ${pattern}`, async () => (pattern.test(out.slice(from)) ? true : undefined), ms, 250);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      process.kill(runtime.pid, 'SIGTERM');
      await done;
    },
  };
}

/** The web-server.mjs process that the portal process started. */
function webServerOf(portalPid: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === portalPid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('web-server.mjs')) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error(`no web server process under the portal (pid ${portalPid})`);
}
