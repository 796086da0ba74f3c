import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Env } from '../core/env.ts';
import { listeningOrigin } from '../core/public-url.ts';
import { ensureBuilt } from './build.ts';
import { sleep, terminate } from './ports.ts';
import type { RoleContext } from './roles/context.ts';

export interface WebServerOptions {
  databaseUrl: string;
  /** One or several, comma-separated. */
  meiliUrl: string;
  /** A key that can only search: the web server never holds the master key. */
  meiliSearchKey: string;
}

/**
 * The web server of roles `all` and `web`: built if needed, spawned, stopped with the role, the
 * role stopped if it exits on its own; resolves once it answers /api/health, after the ready line.
 */
export async function runWebServer(ctx: RoleContext, o: WebServerOptions, readyWords = ''): Promise<void> {
  await ensureBuilt(ctx.root, ctx.logger.info);
  const server = spawnWebServer(ctx, o);
  ctx.onStop(() => stopWebServer(server));
  server.on('exit', (code) => {
    if (!ctx.stopping()) {
      ctx.logger.error(`the web server exited (code ${code}); stopping`);
      void ctx.shutdown(1);
    }
  });
  await waitHealthy(`${probeOrigin(ctx.env)}/api/health`, server);
  announceReady(ctx.env, readyWords);
}

/**
 * The built Astro server in its own process: the web tier keeps no state of its own.
 * runtime/web-server.mjs serves it with slow-client limits (SECURITY.md); its JSON log lines
 * (the access log) go to this process's stdout.
 */
function spawnWebServer({ root, env, dataDir }: RoleContext, o: WebServerOptions): ChildProcess {
  // Whatever the operator gave this process, the master key stays out of the web server's environment.
  const { MEILI_MASTER_KEY: _master, ...inherited } = process.env;
  return spawn(process.execPath, [path.join(root, 'runtime/web-server.mjs')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...inherited,
      HOST: env.HOST,
      PORT: String(env.PORT),
      DATA_DIR: dataDir,
      DATABASE_URL: o.databaseUrl,
      MEILI_URL: o.meiliUrl,
      MEILI_SEARCH_KEY: o.meiliSearchKey,
      PORTAL_ROLE: env.PORTAL_ROLE,
      LOG_LEVEL: env.LOG_LEVEL,
    },
  });
}

/** Stops the web server on shutdown. */
async function stopWebServer(server: ChildProcess): Promise<void> {
  if (server.pid && server.exitCode === null) await terminate(server.pid, 'SIGTERM', 10_000);
}

/** Where start-up itself asks whether an address answers (a wildcard address through loopback). */
function probeOrigin(env: Env): string {
  const url = listeningOrigin(env);
  const host = env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST === '::' ? '[::1]' : url.slice(7, url.lastIndexOf(':'));
  return `http://${host}:${env.PORT}`;
}

/** The plain line tests and operators wait for (not a JSON log line): the last thing start-up prints. */
export function announceReady(env: Env, what = ''): void {
  console.log(`Portal ready on ${listeningOrigin(env)}${env.PUBLIC_URL ? ` (public address ${env.PUBLIC_URL})` : ''}${what}`);
}

async function waitHealthy(url: string, server: ChildProcess): Promise<void> {
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
