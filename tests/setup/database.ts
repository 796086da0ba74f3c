import { inject } from 'vitest';
import { connect, type DbHandle } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';

/**
 * A new, migrated database in the test cluster, so a test file can import and count without
 * touching the sample data the portal serves.
 */
export async function freshDatabase(name: string): Promise<DbHandle & { url: string; drop(): Promise<void> }> {
  const adminUrl = inject('databaseUrl');
  const admin = connect(adminUrl, { max: 1 });
  const dbName = `${name}_${process.pid}_${Date.now()}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await admin.sql.unsafe(`create database "${dbName}"`);
  const url = adminUrl.replace(/\/[^/]+$/, `/${dbName}`);
  const handle = connect(url, { max: 4 });
  await runMigrations(handle);
  return {
    ...handle,
    url,
    async drop() {
      await handle.close();
      await admin.sql.unsafe(`drop database if exists "${dbName}" with (force)`);
      await admin.close();
    },
  };
}
