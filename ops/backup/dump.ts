import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type postgres from 'postgres';
import type { DbHandle } from '../../db/client.ts';
import { appliedMigrations, columnList, columnsOf, quoteIdent, tablesInLoadOrder } from './catalog.ts';
import { END_OF_SECTION, FORMAT, VERSION, type BackupHeader, type SectionHeader, type Trailer } from './format.ts';
import { largestAuditTxid } from './transaction-ids.ts';

export interface BackupSummary {
  file: string;
  bytes: number;
  rows: Record<string, number>;
}

/**
 * Writes every table of the database to `file` (format.ts) from one consistent snapshot: a
 * read-only REPEATABLE READ transaction, so the copy is the database as of one instant even while
 * the portal and imports keep writing. The file appears under its name only once it is complete.
 */
export async function backupDatabase(handle: DbHandle, file: string, log: (line: string) => void = () => {}): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(partial, { mode: 0o600 });
  gzip.pipe(out);
  const write = async (text: string | Buffer) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  const rows: Record<string, number> = {};
  try {
    await handle.sql.begin('isolation level repeatable read read only', async (tx) => {
      const tables = await tablesInLoadOrder(tx);
      const [version] = await tx<{ v: string }[]>`select current_setting('server_version') as v`;
      const header: BackupHeader = {
        format: FORMAT,
        version: VERSION,
        createdAt: new Date().toISOString(),
        migrations: await appliedMigrations(tx),
        serverVersion: version!.v,
        maxTxid: (await largestAuditTxid(tx)) ?? '0',
        tables,
      };
      await write(`${JSON.stringify(header)}\n`);
      for (const table of tables) {
        const columns = await columnsOf(tx, table);
        const section: SectionHeader = { table, columns };
        await write(`${JSON.stringify(section)}\n`);
        let count = 0;
        for await (const chunk of copyInSlices(tx, table, columns)) {
          for (const byte of chunk) if (byte === 10) count += 1;
          await write(chunk);
        }
        await write(`${END_OF_SECTION}\n`);
        rows[table] = count;
        log(`${table}: ${count} rows`);
      }
    });
    const trailer: Trailer = { end: true, rows };
    gzip.end(`${JSON.stringify(trailer)}\n`);
    await once(out, 'close');
    await fs.rename(partial, file);
  } catch (error) {
    gzip.destroy();
    out.destroy();
    await fs.rm(partial, { force: true });
    throw error;
  }
  return { file, bytes: (await fs.stat(file)).size, rows };
}

/** Table pages per COPY: at most about 32 MB of a table is held in memory at a time. */
const PAGES_PER_SLICE = 4096;

/**
 * A table's rows in COPY text format, a slice of its pages at a time (a TID range scan). A COPY
 * stream of postgres.js must not be paused — it then never ends (porsager/postgres#499) — so each
 * slice is read whole, in flowing mode, and only then written out with back-pressure. Slicing keeps
 * that bounded; the snapshot makes the slices one consistent table.
 */
async function* copyInSlices(tx: postgres.TransactionSql, table: string, columns: string[]): AsyncGenerator<Buffer> {
  const relation = `public.${quoteIdent(table)}`;
  const [size] = await tx<{ pages: number }[]>`select ceil(pg_relation_size(${relation}::regclass)::float8 / current_setting('block_size')::int)::int as pages`;
  for (let start = 0; start < size!.pages; start += PAGES_PER_SLICE) {
    const range = `ctid >= '(${start},0)'::tid and ctid < '(${start + PAGES_PER_SLICE},0)'::tid`;
    const stream = await tx.unsafe(`copy (select ${columnList(columns)} from ${relation} where ${range}) to stdout`).readable();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    await finished(stream);
    yield* chunks;
  }
}
