import path from 'node:path';
import { connect, type DbHandle } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { EnvError, parseEnv, type Env } from './env.ts';
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
      console.error(error instanceof EnvError ? error.message : `error: ${(error as Error).message}`);
      code = 1;
    }
  }
  process.exit(code);
}

/** The Meilisearch a command should use: MEILI_URL, or the one of the running portal. */
export function meiliForCommand(env: Env, dataDir: string): { url: string; masterKey: string } | undefined {
  if (env.MEILI_URL && env.MEILI_MASTER_KEY) return { url: env.MEILI_URL, masterKey: env.MEILI_MASTER_KEY };
  const running = runningPortal(dataDir);
  return running ? { url: running.meiliUrl, masterKey: running.meiliKey } : undefined;
}
