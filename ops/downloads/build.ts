import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, asc, gt } from 'drizzle-orm';
import type { DbHandle } from '../../db/client.ts';
import { csvCell } from '../../ingest/report.ts';
import { typeNamed, RECORD_TYPES } from '../../types/registry.ts';
import { publicFields } from '../../db/queries/public-fields.ts';
import { flatCell } from '../../types/shared/csv.ts';
import { csvFieldsOf } from '../../types/shared/published-fields.ts';
import { isVisible } from '../../db/schema/index.ts';
import type { Storage } from '../../storage/storage.ts';
import { OutputFile } from './output-file.ts';
import { pruneSnapshots, takeSnapshot } from './snapshots.ts';
import { CONTENT_TYPE, DOWNLOAD_FORMATS, DOWNLOADS, MANIFEST_KEY, type DownloadFile } from './manifest.ts';

export { DOWNLOAD_FORMATS, DOWNLOADS, MANIFEST, MANIFEST_KEY, type DownloadFile, type DownloadFormat } from './manifest.ts';

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
  /** A local folder for the files while they are written (the system's temporary folder unless told). */
  scratchDir?: string;
}

/** Staged uploads of a build that died before it finished are removed by a later build after a day. */
const STALE_STAGING_MS = 86_400_000;

/**
 * Writes the full published set of every type as NDJSON.gz, CSV and CSV.gz into the storage's
 * downloads/, streaming from PostgreSQL page by page into local files, then a manifest with each
 * file's size, record count, SHA-256 and time, and today's dated snapshot of them (pruning the old
 * ones: ops/downloads/snapshots.ts). Each file is staged under a name of this build's own, then
 * copied into place (every put and copy is atomic), the manifest last: a download never sees half a
 * file, on this machine or another.
 */
export async function buildDownloads(handle: DbHandle, storage: Storage, options: BuildOptions = {}): Promise<DownloadFile[]> {
  await fs.mkdir(options.scratchDir ?? os.tmpdir(), { recursive: true });
  const scratch = await fs.mkdtemp(path.join(options.scratchDir ?? os.tmpdir(), 'portal-downloads-'));
  const build = randomUUID();
  const stagedKey = (name: string) => `${DOWNLOADS}/staging/${build}/${name}`;
  try {
    const files = await writeFiles(handle, scratch);
    for (const file of files) {
      await storage.put(stagedKey(file.name), createReadStream(path.join(scratch, file.name)), { contentType: CONTENT_TYPE[file.format] });
    }
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    // The snapshot copies the files this build staged, before they replace the current ones:
    // another build at the same time cannot slip its own bytes under this manifest's hashes.
    // A snapshot that fails (a full disk) must not keep the current files from being replaced.
    const snapshot = await takeSnapshot(storage, today, files, stagedKey).then(() => undefined, (error: Error) => error);
    for (const file of files) await storage.copy(stagedKey(file.name), `${DOWNLOADS}/${file.name}`);
    await storage.put(MANIFEST_KEY, JSON.stringify({ files }, null, 2), { contentType: 'application/json' });
    if (snapshot) throw new Error(`the downloads were rebuilt, but not today's snapshot: ${snapshot.message}`);
    await pruneSnapshots(storage, today);
    return files;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
    for (const staged of await storage.list(`${DOWNLOADS}/staging/`).catch(() => [])) {
      const mine = staged.key.startsWith(stagedKey(''));
      if (mine || Date.now() - staged.lastModified.getTime() > STALE_STAGING_MS) await storage.delete(staged.key).catch(() => undefined);
    }
  }
}

/** Every type's files in every format, in `dir`; what the manifest says of them. */
async function writeFiles(handle: DbHandle, dir: string): Promise<DownloadFile[]> {
  const files: DownloadFile[] = [];
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
      files.push({ type, format, name: path.basename(output.localPath), records, bytes, sha256, generatedAt, publishedFrom, publishedTo });
    }
  }
  return files;
}
