import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RowError } from './validate-row.ts';

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

  constructor(readonly path: string, header: string[]) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.write(`\uFEFF${header.map(csvCell).join(',')}\r\n`);
  }

  async write(cells: string[]): Promise<void> {
    if (!this.stream.write(`${cells.map(csvCell).join(',')}\r\n`)) await once(this.stream, 'drain');
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

export const REPORT_HEADER = ['row', 'column', 'value', 'reason'];
export const reportCells = (e: RowError) => [String(e.row), e.column, e.value, e.reason];
