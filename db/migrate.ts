import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { DbHandle } from './client.ts';

/** Where drizzle-kit writes the committed migrations. */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies every committed migration that has not run yet (drizzle keeps track in its own table). */
export async function runMigrations({ db }: DbHandle): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}
