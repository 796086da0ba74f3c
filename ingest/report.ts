import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ImportWarning } from './validate-row.ts';

/**
 * A cell as CSV text. Cells a spreadsheet would run as a formula (= + - @ at the start) get a
 * leading apostrophe, so opening a report in Excel never executes anything from the input.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Writes rows to a UTF-8 CSV (with BOM, so Excel reads Chinese correctly), line by line. */
export class CsvWriter {
  private stream: WriteStream;
  /** A failure to open or write the file (a missing folder, a full disk), thrown at the next write or close. */
  private failure?: Error;
  readonly path: string;

  constructor(path: string, header: string[]) {
    this.path = path;
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error) => (this.failure ??= new Error(`cannot write the report ${path}: ${error.message}`)));
    this.stream.write(`\uFEFF${header.map(csvCell).join(',')}\r\n`);
  }

  async write(cells: string[]): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(`${cells.map(csvCell).join(',')}\r\n`)) await Promise.race([once(this.stream, 'drain'), once(this.stream, 'close')]);
  }

  close(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.stream.end((error?: Error | null) => (error ?? this.failure ? reject(this.failure ?? error) : resolve())));
  }
}

/** The import report: every error (the file is rejected) and every warning (it is not), one per line. */
export const REPORT_HEADER = ['row', 'column', 'value', 'reason', 'severity', 'sheet'];
export const reportCells = (severity: 'error' | 'warning', e: ImportWarning) =>
  [e.row === undefined ? '' : String(e.row), e.column, e.value, e.reason, severity, e.sheet ?? ''];
