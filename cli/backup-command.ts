import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { meiliForCommand, runCommand, UsageError } from '../runtime/command.ts';
import { meiliUrls } from '../core/env.ts';
import { listInstances, normalUrl, registerInstances } from '../search/instances.ts';
import { meiliClient } from '../search/meili.ts';
import { reindex } from '../search/rebuild.ts';
import { buildDownloads } from '../ops/downloads/build.ts';
import { portalStorage } from '../storage/from-env.ts';
import { backupDatabase } from '../ops/backup/dump.ts';
import { BackupFileError } from '../ops/backup/format.ts';
import { RestoreRefused, restoreDatabase } from '../ops/backup/restore.ts';
import { alignTransactionIds } from '../ops/backup/transaction-ids.ts';

const USAGE = `Usage:
  npm run backup  -- --out FILE             copy the whole database to FILE (gzip), from one consistent snapshot
  npm run restore -- --in FILE [--replace]  load FILE into an empty database, then rebuild the search indexes;
                                            --replace deletes everything in the database first
Both use DATABASE_URL / MEILI_URL when set, else the portal running on DATA_DIR, else the embedded servers in DATA_DIR.
(npm run restore -- <record id> restores one withdrawn record instead: see npm run withdraw.)
Exit codes: 0 done, 1 failed (nothing was changed), 2 usage error.`;

/**
 * `npm run backup` and `npm run restore -- --in`: the database is the only state that matters
 * (Meilisearch and the bulk downloads are rebuilt from it), so a backup is a dump of PostgreSQL.
 */
export async function runBackupCommand(command: string | undefined, args: string[]): Promise<never> {
  let options: { out?: string; in?: string; replace?: boolean };
  try {
    options = parseArgs({ args, options: { out: { type: 'string' }, in: { type: 'string' }, replace: { type: 'boolean', default: false } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  return runCommand(USAGE, async ({ env, dataDir, handle }) => {
    const log = (line: string) => console.log(line);
    try {
      if (command === 'backup') {
        if (!options.out) throw new UsageError('--out FILE is required: where to write the backup.');
        if (options.in || options.replace) throw new UsageError('--in and --replace belong to npm run restore.');
        const out = path.resolve(options.out);
        if (!existsSync(path.dirname(out))) throw new UsageError(`--out: the folder ${path.dirname(out)} does not exist.`);
        const summary = await backupDatabase(handle, out, log);
        const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
        console.log(`Backup written to ${out}: ${total} rows in ${Object.keys(summary.rows).length} tables, ${summary.bytes} bytes.`);
        return 0;
      }
      if (command === 'restore') {
        if (!options.in) throw new UsageError('--in FILE is required: the backup to restore.');
        if (options.out) throw new UsageError('--out belongs to npm run backup.');
        const file = path.resolve(options.in);
        if (!existsSync(file)) throw new UsageError(`--in: ${file} does not exist.`);
        const { header, rows } = await restoreDatabase(handle, file, { replace: options.replace }, log);
        const ids = await alignTransactionIds(handle.sql, log);
        if (ids.consumed) log(`change feed: the transaction counter was moved on by ${ids.consumed}`);
        const [outbox] = await handle.sql<{ id: string | null }[]>`select max(id)::text as id from search_outbox`;
        const meili = await meiliForCommand(env, dataDir);
        try {
          log('rebuilding the search indexes from the restored database…');
          const urls = meiliUrls(meili.url);
          const known = (await listInstances(handle)).length ? await listInstances(handle) : await registerInstances(handle, urls);
          for (const url of urls) {
            const id = known.find((i) => i.url === normalUrl(url))?.id ?? 0;
            await reindex(handle, meiliClient({ url, masterKey: meili.masterKey }), log, id);
          }
        } finally {
          await meili.stop();
        }
        // The rebuilt indexes already hold what the restored outbox rows were waiting to send.
        if (outbox?.id) await handle.sql`delete from search_outbox where id <= ${outbox.id}`;
        if (options.replace) await buildDownloads(handle, portalStorage(), { scratchDir: path.join(dataDir, 'tmp') });
        const total = Object.values(rows).reduce((a, b) => a + b, 0);
        console.log(`Restored ${file} (made ${header.createdAt}): ${total} rows in ${Object.keys(rows).length} tables; search rebuilt.`);
        return 0;
      }
      throw new UsageError(`Unknown command "${command ?? ''}".`);
    } catch (error) {
      if (error instanceof BackupFileError || error instanceof RestoreRefused) {
        console.error(`${command}: ${error.message}. Nothing was changed.`);
        return 1;
      }
      throw error;
    }
  });
}
