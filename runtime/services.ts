import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import type { Env } from '../core/env.ts';
import { isAlive } from './ports.ts';

/** Where a running portal tells command-line tools which servers it uses (mode 0600: it holds passwords). */
const runtimeFile = (dataDir: string) => path.join(dataDir, 'runtime.json');

interface RuntimeInfo {
  pid: number;
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
}

export async function writeRuntimeInfo(dataDir: string, info: RuntimeInfo): Promise<void> {
  await fs.writeFile(runtimeFile(dataDir), JSON.stringify(info), { mode: 0o600 });
}

export async function removeRuntimeInfo(dataDir: string): Promise<void> {
  await fs.rm(runtimeFile(dataDir), { force: true });
}

export function runningPortal(dataDir: string): RuntimeInfo | undefined {
  if (!existsSync(runtimeFile(dataDir))) return undefined;
  try {
    const info = JSON.parse(readFileSync(runtimeFile(dataDir), 'utf8')) as RuntimeInfo;
    return isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The database a command-line tool should use: DATABASE_URL if set, else the one of a portal
 * running on the same DATA_DIR, else the embedded cluster in DATA_DIR, started for the command.
 */
export async function databaseForCommand(env: Env, dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {} };
  const running = runningPortal(dataDir);
  if (running) return { url: running.databaseUrl, stop: async () => {} };
  const pg = await startEmbeddedPostgres(path.join(dataDir, 'postgres'));
  return { url: pg.url, stop: pg.stop };
}
