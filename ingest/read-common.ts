/**
 * What every table reader (CSV, XLSX, XLS, HTML, DOCX) hands to read-table.ts: tables of raw
 * rows, before headers are known. Also the one error a file that cannot be read at all gets.
 */
import fs from 'node:fs/promises';

/** A file that cannot be read as tables at all: one line, starting with the file name, saying what to do. */
export class FileFormatError extends Error {}

/** One row of a table before headers are known: its row number and its cells left to right. */
export interface RawRow {
  rowNumber: number;
  values: string[];
  /**
   * Per cell: true when the cell lies under the top row of a vertical merge (rowspan, an XLS
   * merge range more than one row tall). Its value is the merge's value (filled down) in data
   * rows, but header detection treats it as empty. Absent: no merge information.
   */
  fromAbove?: boolean[];
}

/** One table of a file as a reader produces it. */
export interface RawTable {
  /** 0-based position of the table in the file. */
  index: number;
  /** Worksheet name; for HTML/DOCX the table's caption or `表格 N`. */
  sheet?: string;
  /** How a notice names the table: `sheet "说明"`, `table 2 "抽查结果"`. */
  label: string;
  /** A hidden worksheet: skipped with a notice. */
  hidden?: boolean;
  /** Document text above the table (HTML/DOCX: title, headings, paragraphs since the previous table). */
  preamble?: string[];
  /** No table follows this one, so an unrecognised table can be read without a second pass. */
  last?: boolean;
  rows: AsyncIterable<RawRow> | Iterable<RawRow>;
}

/** The tables of one file, in order; reading them again gives the same tables. */
export interface TableSource {
  /** What to say when the file has no non-empty table (a FileFormatError, starting with the file name). */
  emptyMessage: string;
  /** Documents (HTML, DOCX) may hold no table: then emptyMessage is a notice and no row is read. */
  emptyIsNotice?: boolean;
  tables(): AsyncIterable<RawTable>;
}

/**
 * Largest file the readers that hold the whole file in memory (XLS, HTML, DOCX) accept: such
 * files are parsed whole, so their size bounds the memory an import takes (a 50 MB .xls peaks
 * at about 1.3 GB). CSV and XLSX stream and have no such limit.
 */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/** Refuses a file over MAX_DOCUMENT_BYTES from its size alone, before reading any of it. */
export async function checkDocumentSize(file: string, name: string, what: string, advice: string): Promise<number> {
  const { size } = await fs.stat(file);
  if (size > MAX_DOCUMENT_BYTES) {
    throw new FileFormatError(`${name}: refused: ${what} of ${Math.round(size / 1024 / 1024)} MB is larger than the ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB that can be read at once; ${advice}`);
  }
  if (size === 0) throw new FileFormatError(`${name}: the file is empty`);
  return size;
}

/** The first `length` bytes of a file (fewer when it is shorter). */
export async function readHead(file: string, length = 4096): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
