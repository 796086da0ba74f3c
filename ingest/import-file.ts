import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../db/client.ts';
import type { Storage } from '../storage/storage.ts';
import { typeNamed, type RecordType } from '../types/registry.ts';
import { imports } from '../db/schema/index.ts';
import { announcementOf, saveAnnouncements, type AnnouncementDraft, type AnnouncementFields } from './announcements.ts';
import { archiveSource, fileDigest, type ArchivedFile } from './archive.ts';
import { readRows, type SourceRow } from './read-table.ts';
import { failInterruptedImports } from './interrupted.ts';
import { validateRow, type AnnouncementOptions, type ImportWarning, type RowError, type ValidRecord } from './validate-row.ts';
import { CsvWriter, REPORT_HEADER, reportCells } from './report.ts';
import type { KnownEnterprise } from './enterprises.ts';
import { TableReader, type TableReport } from './table-reader.ts';
import { relinkRecords } from './relink.ts';
import { lockImports, rawTransaction, writeBatch, type BatchCounts, type Tx } from './write-batch.ts';

export interface ImportOptions extends AnnouncementOptions {
  type: RecordType;
  operator: string;
  /** Marks the generated sample dataset, so every page can say it is fictional. */
  isSample?: boolean;
  dryRun?: boolean;
  /** Import the good rows and write the bad ones to `rejectsPath` instead of rejecting the file. */
  partial?: boolean;
  /** Where to write every row-level problem and warning as CSV (severity, sheet, row, column, value, reason). */
  reportPath?: string;
  /** Where `partial` writes the rejected rows, as they were, plus the reason. */
  rejectsPath?: string;
  /** Where the original file is kept, content-addressed under sources/ (storage/from-env.ts); not archived when unset. */
  archive?: Storage;
  /** Called every PROGRESS_EVERY rows and at the end. */
  onProgress?: (progress: ImportProgressInfo) => void;
  /**
   * Work that must commit with the import, or not at all: the CLI and the admin API expire the
   * records already past their disclosure period (ops/lifecycle), so a penalty imported after its
   * 公示截止日期 is never published, not even until the next hourly expiry.
   */
  beforeCommit?: (tx: Tx) => Promise<void>;
}

export interface ImportResult {
  importId: number | null;
  file: string;
  /** SHA-256 of the file: the name under which its bytes are archived. */
  fileSha256: string;
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
  /** What the report says without rejecting anything: inferred results, unmapped columns, skipped rows… */
  warnings: ImportWarning[];
  warningCount: number;
  /** Each table read: its header row, which columns were mapped to which field, which were kept unmapped. */
  tables: TableReport[];
  /** The announcements the rows belong to, with the totals they print. */
  announcements: { id: string; title: string | null; number: string | null; batchesTested: number | null; batchesFailed: number | null }[];
  archived?: ArchivedFile;
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
  const def = typeNamed(options.type);
  const fileName = path.basename(file);
  const digest = await fileDigest(file);
  const recordedOptions = Object.fromEntries(Object.entries(options).filter(([k]) => !['operator', 'onProgress', 'archive'].includes(k)));
  if (!options.dryRun) await failInterruptedImports(handle);
  const [run] = options.dryRun
    ? [undefined]
    : await handle.db
        .insert(imports)
        .values({ type: options.type, fileName, fileHash: digest.sha256, options: recordedOptions, operator: options.operator, isSample: options.isSample ?? false })
        .returning({ id: imports.id });
  const importId = run?.id ?? null;

  const errors: RowError[] = [];
  const warnings: ImportWarning[] = [];
  let errorCount = 0;
  let warningCount = 0;
  const badRows = new Set<string>();
  const totals: BatchCounts = { created: 0, corrected: 0, unchanged: 0 };
  let report: CsvWriter | undefined;
  let rejects: CsvWriter | undefined;
  let rows = 0;
  let writeMs = 0;
  const read = { bytesRead: 0 };
  const progress = () => options.onProgress?.({ rows, errors: errorCount, bytesRead: read.bytesRead, totalBytes: digest.size });
  const toReport = async (severity: 'error' | 'warning', e: ImportWarning) => {
    if (!options.reportPath) return;
    report ??= new CsvWriter(options.reportPath, REPORT_HEADER);
    await report.write(reportCells(severity, e));
  };
  // A column the file lacks is the same problem on every row: said once, for the first row.
  const missing = new Set<string>();
  const problem = async (error: RowError) => {
    badRows.add(`${error.sheet ?? ''}:${error.row}`);
    if (error.missingColumn) {
      if (missing.has(error.column)) return;
      missing.add(error.column);
      error = { ...error, reason: `${error.reason} (every row)` };
    }
    errorCount += 1;
    if (errors.length < MAX_ERRORS_KEPT) errors.push(error);
    await toReport('error', error);
  };
  const warn = async (warning: ImportWarning) => {
    warningCount += 1;
    if (warnings.length < MAX_ERRORS_KEPT) warnings.push(warning);
    await toReport('warning', warning);
  };
  const tables = new TableReader(def, options, fileName, warn);
  const drafts = new Map<string, AnnouncementDraft>();
  let archived: ArchivedFile | undefined;
  try {
    if (options.archive && !options.dryRun) archived = await archiveSource(file, digest, options.archive);
    await handle.db.transaction(async (tx) => {
      await lockImports(tx);
      const ctx = {
        sql: rawTransaction(tx), importId: importId ?? 0, operator: options.operator, fileName, fileSha256: digest.sha256,
        partyCache: new Map<string, KnownEnterprise>(), queuedEnterprises: new Set<string>(), changedProfiles: new Set<string>(),
      };
      const seen = new Map<string, { record: ValidRecord; label: string }>();
      let batch: ValidRecord[] = [];
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
      const reject = async (row: SourceRow, rowErrors: RowError[]) => {
        for (const e of rowErrors) await problem(e);
        if (options.partial && options.rejectsPath) {
          rejects ??= new CsvWriter(options.rejectsPath, [...Object.keys(row.cells), '导入错误 / import error']);
          await rejects.write([...Object.values(row.cells), rowErrors.map((e) => `${e.column}: ${e.reason}`).join('; ')]);
        }
      };
      // The last record read and the row it was read from, while it is still in the batch.
      let last: { row: SourceRow; record: ValidRecord; label: string } | undefined;
      for await (const row of readRows(file, { knownHeaders: Object.values(def.import.headers).flat(), progress: read, onNotice: (reason) => warn({ column: '(file)', value: '', reason }) })) {
        const table = await tables.enter(row.table);
        if (!(await tables.isDataRow(row))) continue;
        rows += 1;
        if (rows % PROGRESS_EVERY === 0) progress();
        // Each failed item on a row of its own: the item joins the record above.
        const joined = last && batch.at(-1) === last.record ? tables.continuation(row, last.row) : undefined;
        const merged = joined && validateRow(def, table, options, joined);
        if (last && merged?.ok) {
          batch[batch.length - 1] = merged.record;
          seen.set(merged.record.id, { record: merged.record, label: last.label });
          last = { ...last, row: joined!, record: merged.record };
          await warn({ row: row.rowNumber, sheet: row.table.sheet, column: '(row)', value: '', reason: `adds an unqualified item to ${last.label} (one item per row)` });
          continue;
        }
        const result = validateRow(def, table, options, row);
        if (!result.ok) {
          await reject(row, result.errors);
          continue;
        }
        const record = result.record;
        const label = row.table.sheet ? `row ${row.rowNumber} of ${row.table.sheet}` : `row ${row.rowNumber}`;
        const first = seen.get(record.id);
        if (first) {
          // The same row twice (sources do repeat rows) is one record; the same key with other content is an error.
          if (first.record.contentHash === record.contentHash) {
            await warn({ row: row.rowNumber, sheet: row.table.sheet, column: '(row)', value: '', reason: `repeats ${first.label} exactly: imported once` });
          } else {
            await reject(row, [{ row: row.rowNumber, sheet: row.table.sheet, column: '(row)', value: '', reason: `repeats the record of ${first.label} (same natural key) with other content` }]);
          }
          continue;
        }
        for (const w of record.warnings) await warn(w);
        const fresh = announcementOf(options.type, record.input as unknown as AnnouncementFields);
        const announcement = tables.announcement(drafts.get(fresh.id) ?? fresh, record.input.result);
        drafts.set(announcement.id, announcement);
        record.announcementId = announcement.id;
        seen.set(record.id, { record, label });
        // Flushed before the next record joins, so the last one can still take continuation rows.
        if (batch.length >= BATCH_SIZE) await flush();
        batch.push(record);
        last = { row, record, label };
      }
      await flush();
      await writes;
      for (const w of tables.finish(rows)) await warn(w);
      if (writing()) {
        await saveAnnouncements(tx, drafts.values());
        await relinkRecords(tx, ctx.changedProfiles, { actor: options.operator, command: 'import', source: `${fileName}: new or changed profiles`, importId: importId ?? undefined, except: def.name });
        await options.beforeCommit?.(tx);
      }
      read.bytesRead = digest.size;
      progress();
      if ((errorCount && !options.partial) || options.dryRun) throw new RejectFile();
    });
  } catch (error) {
    if (!(error instanceof RejectFile)) {
      if (importId) await finishRun(handle, importId, { status: 'failed', error: (error as Error).message, rows, errors: errorCount, warnings: warningCount, started });
      await archived?.discardIfNew();
      throw error;
    }
  } finally {
    await report?.close();
    await rejects?.close();
  }
  const status = errorCount && !options.partial ? 'rejected' : 'succeeded';
  if (status === 'rejected') await archived?.discardIfNew();
  if (importId) await finishRun(handle, importId, { status, rows, errors: badRows.size, warnings: warningCount, started, ...totals });
  const written = status === 'succeeded' && !options.dryRun ? totals : { created: 0, corrected: 0, unchanged: 0 };
  return {
    importId, file, fileSha256: digest.sha256, status, rows, ...written, rejected: badRows.size, errors, errorCount, warnings, warningCount,
    tables: tables.reports,
    announcements: [...drafts.values()].map((d) => ({ id: d.id, title: d.title, number: d.number, batchesTested: d.batchesTested, batchesFailed: d.batchesFailed })),
    archived: status === 'succeeded' ? archived : undefined,
    durationMs: Date.now() - started,
    writeMs: Math.round(writeMs),
  };
}

async function finishRun(
  handle: DbHandle,
  id: number,
  r: { status: 'succeeded' | 'rejected' | 'failed'; rows: number; errors: number; warnings: number; started: number; error?: string } & Partial<BatchCounts>,
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
      warnings: r.warnings,
      error: r.error ?? null,
      finishedAt: new Date(),
      durationMs: Date.now() - r.started,
    })
    .where(eq(imports.id, id));
}
