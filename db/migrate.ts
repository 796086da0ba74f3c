import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { PROJECT_ROOT } from '../core/project-root.ts';
import type { DbHandle } from './client.ts';
import { fillEnterpriseMatchKeys } from './queries/enterprise-match-keys.ts';

/** Where drizzle-kit writes the committed migrations. */
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'db/migrations');

/** Session advisory lock held while one process migrates (and loads the sample data). */
export const SCHEMA_LOCK = 4246;

/**
 * Applies every committed migration that has not run yet (drizzle keeps track in its own table),
 * then the data steps SQL cannot do (db/queries/enterprise-match-keys.ts).
 */
export async function runMigrations({ db }: DbHandle): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  await fillEnterpriseMatchKeys(db);
}

/**
 * Runs `work` (migrations, the sample data) while holding SCHEMA_LOCK: workers started together
 * take turns, so a migration is never applied twice at once and the sample data is loaded once;
 * the one that waited finds the work done.
 */
export async function withSchemaLock<T>(handle: DbHandle, work: () => Promise<T>): Promise<T> {
  const lock = await handle.sql.reserve();
  try {
    await lock`select pg_advisory_lock(${SCHEMA_LOCK})`;
    try {
      return await work();
    } finally {
      await lock`select pg_advisory_unlock(${SCHEMA_LOCK})`.catch(() => {});
    }
  } finally {
    lock.release();
  }
}

/**
 * How many committed migrations the database has not applied yet: drizzle applies those newer
 * than the newest one it recorded (drizzle.__drizzle_migrations), so this compares the same way.
 * A database never migrated has them all pending. `web` instances wait for 0 before serving.
 */
export async function pendingMigrations({ sql }: DbHandle): Promise<number> {
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  const [table] = await sql<{ exists: boolean }[]>`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`;
  if (!table?.exists) return files.length;
  const [row] = await sql<{ newest: string | null }[]>`select max(created_at)::text as newest from drizzle.__drizzle_migrations`;
  const newest = Number(row?.newest ?? 0);
  return files.filter((file) => file.folderMillis > newest).length;
}
