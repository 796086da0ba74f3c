import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../client.ts';
import { RECORD_DEFS } from '../records/index.ts';
import type { RecordType } from '../schema/common.ts';
import { imports } from '../schema/index.ts';
import { mapHeaders } from './map-headers.ts';
import { readRows } from './read-table.ts';
import { failInterruptedImports } from './interrupted.ts';
import { validateRow, type AnnouncementOptions, type RowError, type ValidRecord } from './validate-row.ts';
import { CsvWriter, REPORT_HEADER, reportCells } from './report.ts';
import type { KnownEnterprise } from './enterprises.ts';
import { lockImports, rawTransaction, writeBatch, type BatchCounts } from './write-batch.ts';

export interface ImportOptions extends AnnouncementOptions {
  type: RecordType;
  operator: string;
  /** Marks the generated sample dataset, so every page can say it is fictional. */
  isSample?: boolean;
  dryRun?: boolean;
  /** Import the good rows and write the bad ones to `rejectsPath` instead of rejecting the file. */
  partial?: boolean;
  /** Where to write every row-level problem as CSV (row, column, value, reason). */
  reportPath?: string;
  /** Where `partial` writes the rejected rows, as they were, plus the reason. */
  rejectsPath?: string;
  /** Called every PROGRESS_EVERY rows and at the end. */
  onProgress?: (progress: ImportProgressInfo) => void;
}

export interface ImportResult {
  importId: number | null;
  file: string;
  status: 'succeeded' | 'rejected';
  rows: number;
  created: number;
  corrected: number;
  unchanged: number;
  /** Rows with a problem (rejected rows in `partial` mode). */
  rejected: number;
  /** The first MAX_ERRORS_KEPT problems; the report file has all of them. */
  errors: RowError[];
  errorCount: number;
  durationMs: number;
  /** Of durationMs, the time spent writing to PostgreSQL (the benchmark compares it with a bare COPY). */
  writeMs: number;
}

export interface ImportProgressInfo {
  rows: number;
  errors: number;
  bytesRead: number;
  totalBytes: number;
}

const MAX_ERRORS_KEPT = 1000;
const PROGRESS_EVERY = 5000;

const BATCH_SIZE = 2000;

/** Thrown inside the transaction to roll the whole file back when any row is bad. */
class RejectFile extends Error {}

/**
 * Imports one file all-or-nothing: rows are validated and written in batches inside a single
 * transaction, and if any row is bad the transaction is rolled back, so nothing from the file is
 * stored. Every run is recorded in `imports`, including rejected ones.
 */
export async function importFile(handle: DbHandle, file: string, options: ImportOptions): Promise<ImportResult> {
  const started = Date.now();
  const def = RECORD_DEFS[options.type];
  const fileName = path.basename(file);
  const fileHash = await sha256File(file);
  const recordedOptions = Object.fromEntries(Object.entries(options).filter(([k]) => k !== 'operator'));
  if (!options.dryRun) await failInterruptedImports(handle);
  const [run] = options.dryRun
    ? [undefined]
    : await handle.db
        .insert(imports)
        .values({ type: options.type, fileName, fileHash, options: recordedOptions, operator: options.operator, isSample: options.isSample ?? false })
        .returning({ id: imports.id });
  const importId = run?.id ?? null;

  const errors: RowError[] = [];
  let errorCount = 0;
  const badRows = new Set<number>();
  const totals: BatchCounts = { created: 0, corrected: 0, unchanged: 0 };
  let report: CsvWriter | undefined;
  let rejects: CsvWriter | undefined;
  let rows = 0;
  let writeMs = 0;
  const read = { bytesRead: 0 };
  const totalBytes = (await fs.stat(file)).size;
  const progress = () => options.onProgress?.({ rows, errors: errorCount, bytesRead: read.bytesRead, totalBytes });
  const problem = async (error: RowError) => {
    errorCount += 1;
    badRows.add(error.row);
    if (errors.length < MAX_ERRORS_KEPT) errors.push(error);
    if (options.reportPath) {
      report ??= new CsvWriter(options.reportPath, REPORT_HEADER);
      await report.write(reportCells(error));
    }
  };
  try {
    await handle.db.transaction(async (tx) => {
      await lockImports(tx);
      const ctx = { sql: rawTransaction(tx), importId: importId ?? 0, operator: options.operator, fileName, partyCache: new Map<string, KnownEnterprise>(), queuedEnterprises: new Set<string>() };
      const seen = new Map<string, number>();
      let batch: ValidRecord[] = [];
      let headerMap: ReturnType<typeof mapHeaders> | undefined;
      // All-or-nothing: once a row is bad nothing more is written, but every row is still checked.
      const writing = () => !options.dryRun && (options.partial || errorCount === 0);
      // The next batch is read and checked while PostgreSQL writes this one: at most one write
      // is outstanding, and the batches still go to the database one after the other.
      let writes: Promise<void> = Promise.resolve();
      const flush = async () => {
        const records = batch;
        batch = [];
        await writes;
        if (records.length && writing()) {
          writes = (async () => {
            const writeStarted = performance.now();
            const counts = await writeBatch(tx, def, records, ctx);
            writeMs += performance.now() - writeStarted;
            totals.created += counts.created;
            totals.corrected += counts.corrected;
            totals.unchanged += counts.unchanged;
          })();
          // Its failure is thrown by the next `await writes` (below, or at the end of the file).
          writes.catch(() => {});
        }
      };
      for await (const row of readRows(file, { knownHeaders: Object.values(def.headers).flat(), progress: read })) {
        headerMap ??= mapHeaders(Object.keys(row.cells), def.headers);
        rows += 1;
        if (rows % PROGRESS_EVERY === 0) progress();
        const result = validateRow(def, headerMap, options, row);
        const first = result.ok ? seen.get(result.record.id) : undefined;
        if (!result.ok || first !== undefined) {
          const rowErrors = result.ok
            ? [{ row: row.rowNumber, column: '(row)', value: '', reason: `repeats the record of row ${first} (same natural key)` }]
            : result.errors;
          for (const e of rowErrors) await problem(e);
          if (options.partial && options.rejectsPath) {
            rejects ??= new CsvWriter(options.rejectsPath, [...Object.keys(row.cells), '导入错误 / import error']);
            await rejects.write([...Object.values(row.cells), rowErrors.map((e) => `${e.column}: ${e.reason}`).join('; ')]);
          }
          continue;
        }
        seen.set(result.record.id, row.rowNumber);
        batch.push(result.record);
        if (batch.length >= BATCH_SIZE) await flush();
      }
      await flush();
      await writes;
      read.bytesRead = totalBytes;
      progress();
      if ((errorCount && !options.partial) || options.dryRun) throw new RejectFile();
    });
  } catch (error) {
    if (!(error instanceof RejectFile)) {
      if (importId) await finishRun(handle, importId, { status: 'failed', error: (error as Error).message, rows, errors: errorCount, started });
      throw error;
    }
  } finally {
    await report?.close();
    await rejects?.close();
  }
  const status = errorCount && !options.partial ? 'rejected' : 'succeeded';
  if (importId) await finishRun(handle, importId, { status, rows, errors: badRows.size, started, ...totals });
  const written = status === 'succeeded' && !options.dryRun ? totals : { created: 0, corrected: 0, unchanged: 0 };
  return { importId, file, status, rows, ...written, rejected: badRows.size, errors, errorCount, durationMs: Date.now() - started, writeMs: Math.round(writeMs) };
}

async function finishRun(
  handle: DbHandle,
  id: number,
  r: { status: 'succeeded' | 'rejected' | 'failed'; rows: number; errors: number; started: number; error?: string } & Partial<BatchCounts>,
) {
  const ok = r.status === 'succeeded';
  await handle.db
    .update(imports)
    .set({
      status: r.status,
      rowsTotal: r.rows,
      rowsCreated: ok ? (r.created ?? 0) : 0,
      rowsCorrected: ok ? (r.corrected ?? 0) : 0,
      rowsUnchanged: ok ? (r.unchanged ?? 0) : 0,
      rowsRejected: r.errors,
      error: r.error ?? null,
      finishedAt: new Date(),
      durationMs: Date.now() - r.started,
    })
    .where(eq(imports.id, id));
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}
