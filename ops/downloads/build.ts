import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { PassThrough, type Transform } from 'node:stream';
import { createGzip } from 'node:zlib';
import { and, asc, gt } from 'drizzle-orm';
import type { DbHandle } from '../../db/client.ts';
import { csvCell } from '../../ingest/report.ts';
import { typeNamed, RECORD_TYPES, type RecordType } from '../../types/registry.ts';
import { publicFields } from '../../db/queries/public-fields.ts';
import { cellText } from '../../types/shared/csv.ts';
import { isVisible } from '../../db/schema/index.ts';

export interface DownloadFile {
  type: RecordType;
  format: 'ndjson.gz' | 'csv';
  name: string;
  records: number;
  bytes: number;
  sha256: string;
  generatedAt: string;
}

export const MANIFEST = 'manifest.json';
const PAGE = 5000;

/** A file being written, hashed as it goes, published by rename only when complete. */
class OutputFile {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly file;
  private readonly input: Transform;

  constructor(readonly finalPath: string, gzip: boolean) {
    this.file = createWriteStream(`${finalPath}.tmp`);
    this.input = gzip ? createGzip({ level: 6 }) : new PassThrough();
    // Hash and count what reaches the disk: the compressed bytes of a .gz.
    this.input.on('data', (chunk: Buffer) => {
      this.hash.update(chunk);
      this.bytes += chunk.length;
    });
    this.input.pipe(this.file);
  }

  async write(text: string): Promise<void> {
    if (!this.input.write(text)) await once(this.input, 'drain');
  }

  async finish(): Promise<{ bytes: number; sha256: string }> {
    this.input.end();
    await once(this.file, 'close');
    await fs.rename(`${this.finalPath}.tmp`, this.finalPath);
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/**
 * Writes the full published set of every type as NDJSON.gz and CSV into `dir`, streaming from
 * PostgreSQL page by page, and then a manifest with each file's size, record count, SHA-256 and
 * time. Files are renamed into place only when complete, so a download never sees half a file.
 */
export async function buildDownloads(handle: DbHandle, dir: string): Promise<DownloadFile[]> {
  await fs.mkdir(dir, { recursive: true });
  const files: DownloadFile[] = [];
  for (const type of RECORD_TYPES) {
    const table = typeNamed(type).table;
    const ndjson = new OutputFile(path.join(dir, `${type}.ndjson.gz`), true);
    const csv = new OutputFile(path.join(dir, `${type}.csv`), false);
    let columns: string[] | undefined;
    let records = 0;
    let after = '';
    for (;;) {
      const rows = await handle.db.select().from(table).where(and(isVisible(table.status), gt(table.id, after))).orderBy(asc(table.id)).limit(PAGE);
      if (rows.length === 0) break;
      for (const row of rows as unknown as Record<string, unknown>[]) {
        const record = publicFields(row);
        if (!columns) {
          columns = Object.keys(record);
          await csv.write(`\uFEFF${columns.join(',')}\r\n`);
        }
        await ndjson.write(`${JSON.stringify(record)}\n`);
        await csv.write(`${columns.map((c) => csvCell(cellText(record[c]))).join(',')}\r\n`);
        records += 1;
      }
      after = String(rows.at(-1)!.id);
    }
    const generatedAt = new Date().toISOString();
    for (const [format, output] of [['ndjson.gz', ndjson], ['csv', csv]] as const) {
      const { bytes, sha256 } = await output.finish();
      files.push({ type, format, name: path.basename(output.finalPath), records, bytes, sha256, generatedAt });
    }
  }
  await fs.writeFile(path.join(dir, `${MANIFEST}.tmp`), JSON.stringify({ files }, null, 2));
  await fs.rename(path.join(dir, `${MANIFEST}.tmp`), path.join(dir, MANIFEST));
  return files;
}
