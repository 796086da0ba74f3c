import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Env } from '../core/env.ts';
import { listeningOrigin } from '../core/public-url.ts';
import { sleep, terminate } from './ports.ts';

export interface WebServerOptions {
  root: string;
  env: Env;
  dataDir: string;
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
}

/**
 * The built Astro server in its own process: the web tier keeps no state of its own.
 * runtime/web-server.mjs serves it with slow-client limits (SECURITY.md); its JSON log lines
 * (the access log) go to this process's stdout.
 */
export function spawnWebServer(o: WebServerOptions): ChildProcess {
  return spawn(process.execPath, [path.join(o.root, 'runtime/web-server.mjs')], {
    cwd: o.root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      HOST: o.env.HOST,
      PORT: String(o.env.PORT),
      DATA_DIR: o.dataDir,
      DATABASE_URL: o.databaseUrl,
      MEILI_URL: o.meiliUrl,
      MEILI_MASTER_KEY: o.meiliKey,
      PORTAL_ROLE: o.env.PORTAL_ROLE,
      LOG_LEVEL: o.env.LOG_LEVEL,
    },
  });
}

/** Stops the web server on shutdown. */
export async function stopWebServer(server: ChildProcess): Promise<void> {
  if (server.pid && server.exitCode === null) await terminate(server.pid, 'SIGTERM', 10_000);
}

/** Where start-up itself asks whether an address answers (a wildcard address through loopback). */
export function probeOrigin(env: Env): string {
  const url = listeningOrigin(env);
  const host = env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST === '::' ? '[::1]' : url.slice(7, url.lastIndexOf(':'));
  return `http://${host}:${env.PORT}`;
}

/** The plain line tests and operators wait for (not a JSON log line): the last thing start-up prints. */
export function announceReady(env: Env, what = ''): void {
  console.log(`Portal ready on ${listeningOrigin(env)}${env.PUBLIC_URL ? ` (public address ${env.PUBLIC_URL})` : ''}${what}`);
}

export async function waitHealthy(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error('the web server exited during start-up');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the web server did not answer ${url} within 60 s`);
    await sleep(100);
  }
}
