import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { DbHandle } from './client.ts';
import { fillEnterpriseMatchKeys } from './queries/enterprise-match-keys.ts';

/** Where drizzle-kit writes the committed migrations. */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Applies every committed migration that has not run yet (drizzle keeps track in its own table),
 * then the data steps SQL cannot do (db/queries/enterprise-match-keys.ts).
 */
export async function runMigrations({ db }: DbHandle): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  await fillEnterpriseMatchKeys(db);
}
