/**
 * The backup file: gzip of UTF-8 lines.
 *
 *   {"format":"quality-portal-backup","version":1,...}       header (BackupHeader)
 *   {"table":"enterprises","columns":["id",...]}               a table section starts
 *   <rows in PostgreSQL's COPY text format, one per line>
 *   \.                                                        the section ends
 *   … one section per table, parents before the tables that reference them …
 *   {"end":true,"rows":{"enterprises":123,...}}                trailer: a cut-off file is detected
 *
 * In COPY text format a backslash in data is always written as `\\` and a newline as `\n`, so a
 * line that is exactly `\.` can only be the end marker, and every row is one line.
 */
export const FORMAT = 'quality-portal-backup';
export const VERSION = 1;
export const END_OF_SECTION = '\\.';

export interface BackupHeader {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  /** drizzle's migration hashes of the source database, oldest first. */
  migrations: string[];
  /** PostgreSQL server version of the source (for the record; the format does not depend on it). */
  serverVersion: string;
  /** The largest change-feed transaction id in the backup (audit_log.txid), as a decimal string. */
  maxTxid: string;
  tables: string[];
}

export interface SectionHeader {
  table: string;
  columns: string[];
}

export interface Trailer {
  end: true;
  rows: Record<string, number>;
}

/** Thrown for a file that is not a backup, or a damaged or cut-off one. */
export class BackupFileError extends Error {}

export function parseHeader(line: string | undefined, file: string): BackupHeader {
  let header: Partial<BackupHeader> | undefined;
  try {
    header = line ? (JSON.parse(line) as Partial<BackupHeader>) : undefined;
  } catch {
    header = undefined;
  }
  if (!header || header.format !== FORMAT) throw new BackupFileError(`${file} is not a backup made by npm run backup`);
  if (header.version !== VERSION) throw new BackupFileError(`${file} is a backup of format version ${header.version}; this portal reads version ${VERSION}`);
  return header as BackupHeader;
}
