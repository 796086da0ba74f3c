import path from 'node:path';
import { connect, type DbHandle } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { EnvError, parseEnv, type Env } from '../core/env.ts';
import { errorText } from '../core/error-text.ts';
import { exitFlushed } from './exit-flushed.ts';
import { startMeilisearch } from './meilisearch-server.ts';
import { databaseForCommand, runningPortal } from './services.ts';

/** Thrown for a wrong command line: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

export interface CommandContext {
  env: Env;
  dataDir: string;
  handle: DbHandle;
}

/**
 * Runs a command-line tool against the portal's database (DATABASE_URL, a running portal on the
 * same DATA_DIR, or the embedded cluster started for the command) and exits with its code:
 * 0 done, 1 failed, 2 usage error.
 */
export async function runCommand(usage: string, body: (ctx: CommandContext) => Promise<number>): Promise<never> {
  let code = 1;
  try {
    const env = parseEnv();
    const dataDir = path.resolve(env.DATA_DIR);
    const database = await databaseForCommand(env, dataDir);
    const handle = connect(database.url, { max: 4 });
    try {
      await runMigrations(handle);
      code = await body({ env, dataDir, handle });
    } finally {
      await handle.close();
      await database.stop();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage}`);
      code = 2;
    } else {
      console.error(error instanceof EnvError ? error.message : `error: ${errorText(error)}`);
      code = 1;
    }
  }
  return exitFlushed(code);
}

/**
 * The Meilisearch a command should use: MEILI_URL, the one of a portal running on the same
 * DATA_DIR, or the embedded one in DATA_DIR, started for the command (call `stop` when done).
 */
export async function meiliForCommand(env: Env, dataDir: string): Promise<{ url: string; masterKey: string; stop(): Promise<void> }> {
  if (env.MEILI_URL && env.MEILI_MASTER_KEY) return { url: env.MEILI_URL, masterKey: env.MEILI_MASTER_KEY, stop: async () => {} };
  const running = runningPortal(dataDir);
  if (running) return { url: running.meiliUrl, masterKey: running.meiliKey, stop: async () => {} };
  return startMeilisearch(path.join(dataDir, 'meilisearch'), path.join(dataDir, 'meili-master-key'));
}
