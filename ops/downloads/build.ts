import fs from 'node:fs/promises';
import path from 'node:path';
import { and, asc, gt } from 'drizzle-orm';
import type { DbHandle } from '../../db/client.ts';
import { csvCell } from '../../ingest/report.ts';
import { typeNamed, RECORD_TYPES } from '../../types/registry.ts';
import { publicFields } from '../../db/queries/public-fields.ts';
import { flatCell } from '../../types/shared/csv.ts';
import { csvFieldsOf } from '../../types/shared/published-fields.ts';
import { isVisible } from '../../db/schema/index.ts';
import { OutputFile, writeAtomically } from './output-file.ts';
import { pruneSnapshots, takeSnapshot } from './snapshots.ts';
import { DOWNLOAD_FORMATS, MANIFEST, type DownloadFile } from './manifest.ts';

export { DOWNLOAD_FORMATS, MANIFEST, type DownloadFile, type DownloadFormat } from './manifest.ts';

const PAGE = 5000;

/** A CSV cell of one column: `source.title` reads a part of `source`. */
const cellOf = (record: Record<string, unknown>, column: string) => {
  const [key, part] = column.split('.') as [string, string | undefined];
  const value = part === undefined ? record[key] : (record[key] as Record<string, unknown> | null)?.[part];
  return csvCell(flatCell(value));
};

export interface BuildOptions {
  /** The snapshot's date (UTC, YYYY-MM-DD); today unless told, which tests of pruning do. */
  today?: string;
}

/**
 * Writes the full published set of every type as NDJSON.gz, CSV and CSV.gz into `dir`, streaming
 * from PostgreSQL page by page, then a manifest with each file's size, record count, SHA-256 and
 * time, and today's dated snapshot of them (pruning the old ones: ops/downloads/snapshots.ts).
 * Files are renamed into place only when all are complete, so a download never sees half a file.
 */
export async function buildDownloads(handle: DbHandle, dir: string, options: BuildOptions = {}): Promise<DownloadFile[]> {
  await fs.mkdir(dir, { recursive: true });
  const files: DownloadFile[] = [];
  const written = new Map<string, OutputFile>();
  for (const type of RECORD_TYPES) {
    const descriptor = typeNamed(type);
    const table = descriptor.table;
    const outputs = DOWNLOAD_FORMATS.map((format) => [format, new OutputFile(path.join(dir, `${type}.${format}`), format.endsWith('.gz'))] as const);
    const ndjson = outputs.find(([format]) => format === 'ndjson.gz')![1];
    const csvs = outputs.filter(([format]) => format !== 'ndjson.gz').map(([, output]) => output);
    // Every column from the table, not from the first row: an empty type still has its header.
    const columns = csvFieldsOf(descriptor).map((f) => f.name);
    for (const csv of csvs) await csv.write(`\uFEFF${columns.map(csvCell).join(',')}\r\n`);
    let records = 0;
    let after = '';
    let publishedFrom: string | null = null;
    let publishedTo: string | null = null;
    for (;;) {
      const rows = await handle.db.select().from(table).where(and(isVisible(table.status), gt(table.id, after))).orderBy(asc(table.id)).limit(PAGE);
      if (rows.length === 0) break;
      for (const row of rows as unknown as Record<string, unknown>[]) {
        const record = publicFields(row);
        await ndjson.write(`${JSON.stringify(record)}\n`);
        const line = `${columns.map((c) => cellOf(record, c)).join(',')}\r\n`;
        for (const csv of csvs) await csv.write(line);
        records += 1;
        const published = String(record.publishedAt);
        if (publishedFrom === null || published < publishedFrom) publishedFrom = published;
        if (publishedTo === null || published > publishedTo) publishedTo = published;
      }
      after = String(rows.at(-1)!.id);
    }
    const generatedAt = new Date().toISOString();
    for (const [format, output] of outputs) {
      const { bytes, sha256 } = await output.finish();
      const name = path.basename(output.finalPath);
      files.push({ type, format, name, records, bytes, sha256, generatedAt, publishedFrom, publishedTo });
      written.set(name, output);
    }
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  // The snapshot links the files this build wrote, before they replace the current ones: another
  // build at the same time cannot slip its own bytes under this manifest's hashes.
  // A snapshot that fails (a full disk) must not keep the current files from being replaced.
  const snapshot = await takeSnapshot(dir, today, files, (name) => written.get(name)!.writtenPath).then(() => undefined, (error: Error) => error);
  for (const output of written.values()) await output.publish();
  await writeAtomically(path.join(dir, MANIFEST), JSON.stringify({ files }, null, 2));
  if (snapshot) throw new Error(`the downloads were rebuilt, but not today's snapshot: ${snapshot.message}`);
  await pruneSnapshots(dir, today);
  return files;
}
