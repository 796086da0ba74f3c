import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import readline from 'node:readline';
import type { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type postgres from 'postgres';
import type { DbHandle } from '../../db/client.ts';
import { fillEnterpriseMatchKeys } from '../../db/queries/enterprise-match-keys.ts';
import { appliedMigrations, columnList, columnsOf, quoteIdent, tablesInLoadOrder } from './catalog.ts';
import { BackupFileError, END_OF_SECTION, parseHeader, type BackupHeader, type SectionHeader, type Trailer } from './format.ts';

export interface RestoreSummary {
  header: BackupHeader;
  rows: Record<string, number>;
}

/** The target database holds data and --replace was not given. */
export class RestoreRefused extends Error {}

/**
 * Loads a backup (format.ts) into the database in one transaction: every table or none. The
 * database must be migrated (the caller does) and empty, unless `replace`, which empties every
 * table first, in the same transaction. Sequences continue after the restored ids.
 */
export async function restoreDatabase(handle: DbHandle, file: string, { replace = false } = {}, log: (line: string) => void = () => {}): Promise<RestoreSummary> {
  const input = createReadStream(file);
  const lines = readline.createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity });
  const next = lineReader(lines, file);
  try {
    const header = parseHeader(await next(), file);
    const here = await appliedMigrations(handle.sql);
    const newer = header.migrations.filter((hash) => !here.includes(hash));
    if (newer.length) {
      throw new BackupFileError(`${file} was made by a newer version of the portal (${newer.length} database migration(s) this version does not have); update the portal first`);
    }
    const rows: Record<string, number> = {};
    await handle.sql.begin(async (tx) => {
      const tables = await tablesInLoadOrder(tx);
      const unknown = header.tables.filter((t) => !tables.includes(t));
      if (unknown.length) throw new BackupFileError(`${file} holds tables this portal does not have: ${unknown.join(', ')}`);
      const occupied: string[] = [];
      for (const table of tables) {
        const [row] = await tx.unsafe<{ found: boolean }[]>(`select exists (select 1 from public.${quoteIdent(table)}) as found`);
        if (row?.found) occupied.push(table);
      }
      if (occupied.length && !replace) {
        throw new RestoreRefused(`the database already holds data (in ${occupied.join(', ')}); restore into an empty database, or add --replace to delete everything in it first`);
      }
      if (occupied.length) {
        await tx.unsafe(`truncate ${tables.map((t) => `public.${quoteIdent(t)}`).join(', ')} restart identity cascade`);
        log(`emptied ${occupied.length} tables (--replace)`);
      }
      for (;;) {
        const line = await next();
        if (line === undefined) throw new BackupFileError(`${file} is cut off: it ends before its last table`);
        const section = JSON.parse(line) as Partial<SectionHeader & Trailer>;
        if (section.end) {
          for (const [table, n] of Object.entries(section.rows ?? {})) {
            if (rows[table] !== n) throw new BackupFileError(`${file} is damaged: ${table} should have ${n} rows, ${rows[table] ?? 0} were read`);
          }
          break;
        }
        const { table, columns } = section as SectionHeader;
        if (!header.tables.includes(table)) throw new BackupFileError(`${file} is damaged: unexpected section ${table}`);
        const known = await columnsOf(tx, table);
        const missing = columns.filter((c) => !known.includes(c));
        if (missing.length) throw new BackupFileError(`${file} has columns this portal's ${table} does not: ${missing.join(', ')}`);
        const copy = await tx.unsafe(`copy public.${quoteIdent(table)} (${columnList(columns)}) from stdin`).writable();
        rows[table] = await copySection(copy, next, file, table);
        log(`${table}: ${rows[table]} rows`);
      }
      await continueSequences(tx);
    });
    // An older backup has no search keys for its enterprises (they are derived, not data).
    await fillEnterpriseMatchKeys(handle.db);
    return { header, rows };
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Sends a section's rows to COPY … FROM STDIN, in chunks, until the end marker. */
async function copySection(copy: Writable, next: () => Promise<string | undefined>, file: string, table: string): Promise<number> {
  let count = 0;
  let chunk: string[] = [];
  let size = 0;
  const flush = async () => {
    if (chunk.length && !copy.write(`${chunk.join('\n')}\n`)) await once(copy, 'drain');
    chunk = [];
    size = 0;
  };
  for (;;) {
    const line = await next();
    if (line === undefined) throw new BackupFileError(`${file} is cut off in the middle of ${table}`);
    if (line === END_OF_SECTION) break;
    chunk.push(line);
    size += line.length;
    count += 1;
    if (size > 256 * 1024) await flush();
  }
  await flush();
  copy.end();
  await once(copy, 'finish');
  return count;
}

/** Every sequence (serial and identity columns) continues after the largest restored value. */
async function continueSequences(tx: postgres.TransactionSql): Promise<void> {
  const owned = await tx<{ seq: string; tbl: string; col: string }[]>`
    select s.relname as seq, t.relname as tbl, a.attname as col
    from pg_depend d
    join pg_class s on s.oid = d.objid and s.relkind = 'S'
    join pg_class t on t.oid = d.refobjid
    join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
    where d.deptype in ('a', 'i') and t.relnamespace = 'public'::regnamespace`;
  for (const { seq, tbl, col } of owned) {
    await tx.unsafe(`select setval('public.${quoteIdent(seq)}', coalesce((select max(${quoteIdent(col)}) from public.${quoteIdent(tbl)}), 0) + 1, false)`);
  }
}

/** Line by line, with `undefined` at the end; a file that is not gzip is reported as such. */
function lineReader(lines: readline.Interface, file: string): () => Promise<string | undefined> {
  const iterator = lines[Symbol.asyncIterator]();
  return async () => {
    try {
      const { value, done } = await iterator.next();
      return done ? undefined : (value as string);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') throw new BackupFileError(`${file} is not a backup made by npm run backup (not gzip, or damaged)`);
      throw error;
    }
  };
}
