/**
 * XLSX → rows of cell text, streaming with exceljs's WorkbookReader: rows are parsed as the
 * worksheet XML is read, so a million-row sheet is never held in memory (the shared-string table
 * is, as the format requires). Only the first worksheet is read. Every cell becomes the text a
 * publisher meant: numbers in plain decimal, dates as ISO, formulas as their cached result.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { FileFormatError, type RawRow } from './read-table.ts';
import { checkXlsxPackage } from './xlsx-limits.ts';

/** What exceljs knows about a worksheet and a workbook beyond its published types. */
interface SheetInfo {
  id?: number | string;
}
interface WorkbookInternals {
  model?: { sheets?: { id: number }[] };
  properties?: { model?: { date1904?: boolean } };
  styles?: { index?: { numFmt?: (string | undefined)[] } };
}

// Built-in number formats whose code depends on the locale; exceljs has no code for them, so
// their dates would come through as bare serial numbers. In zh-CN they are all dates
// (27/36/50/52/57 yyyy"年"m"月", 28/29/51/53/54/58 m"月"d"日", 30 m-d-yy, 31 yyyy"年"m"月"d"日").
const CJK_DATE_FORMATS = [27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58];

const MAX_ROWS = 1_048_576;

export async function* readXlsxRows(file: string, progress?: { bytesRead: number }): AsyncGenerator<RawRow> {
  const name = path.basename(file);
  await checkSignature(file, name);
  await checkXlsxPackage(file, name);
  const input = createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const book = reader as unknown as WorkbookInternals;
  let found = false;
  try {
    for await (const sheet of reader) {
      if (!isFirstSheet(book, sheet as unknown as SheetInfo)) continue; // drained by exceljs
      found = true;
      const numFmts = book.styles?.index?.numFmt;
      if (Array.isArray(numFmts)) for (const id of CJK_DATE_FORMATS) numFmts[id] ??= 'yyyy-mm-dd';
      const date1904 = book.properties?.model?.date1904 === true;
      for await (const row of sheet) {
        // Excel's own sheet size; anything beyond it was not written by a spreadsheet program.
        if (row.number > MAX_ROWS) throw new FileFormatError(`${name}: more than ${MAX_ROWS} rows, more than Excel can hold; split the file`);
        const values: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          values[col - 1] = cellText(cell.value, cell.numFmt, date1904);
        });
        // Compressed bytes: a fair measure of how far through the sheet the reader is.
        if (progress) progress.bytesRead = input.bytesRead;
        yield { rowNumber: row.number, values: Array.from(values, (v) => v ?? '') };
      }
      break;
    }
  } catch (error) {
    if (error instanceof FileFormatError || isSystemError(error)) throw error;
    const reason = (error as Error).message === 'FILE_ENDED' ? 'the file is cut short' : (error as Error).message;
    throw new FileFormatError(`${name}: not a readable .xlsx workbook (${reason}); save it again from Excel as .xlsx or CSV`);
  } finally {
    input.destroy();
  }
  if (!found) throw new FileFormatError(`${name}: the workbook contains no worksheet`);
}

/** Tab order from workbook.xml when exceljs has read it; otherwise the first sheet in the file. */
function isFirstSheet(book: WorkbookInternals, sheet: SheetInfo): boolean {
  const sheets = book.model?.sheets ?? [];
  if (!sheets.some((s) => String(s.id) === String(sheet.id))) return true;
  return String(sheets[0]?.id) === String(sheet.id);
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** An .xlsx is a ZIP package; name the usual impostors before exceljs fails on them obscurely. */
async function checkSignature(file: string, name: string): Promise<void> {
  const handle = await fs.open(file, 'r');
  let head: Buffer;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head.length === 0) throw new FileFormatError(`${name}: the file is empty`);
  if (head.subarray(0, 8).equals(OLE2)) {
    throw new FileFormatError(`${name}: this is an Excel 97–2003 (.xls) or password-protected workbook; save it as .xlsx without a password, or as CSV`);
  }
  if (!head.subarray(0, 4).equals(ZIP)) {
    throw new FileFormatError(`${name}: not a valid .xlsx workbook (it is not a ZIP package); save it from Excel as .xlsx or CSV`);
  }
}

function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/**
 * The text of one cell value as exceljs returns it. Formulas give their cached result and are
 * never evaluated (a `=cmd|' /C calc'!A0` cell yields its cached value, an error yields '');
 * rich text is concatenated; hyperlinks give their text; error values (#N/A) give ''.
 */
export function cellText(value: unknown, numFmt: string | undefined, date1904 = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return isDateFormat(numFmt) ? isoFromDate(serialToDate(value, date1904)) : plainNumber(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoFromDate(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('error' in v) return '';
    if (Array.isArray(v.richText)) return v.richText.map((run: { text?: unknown }) => cellText(run?.text, undefined)).join('');
    if ('formula' in v || 'sharedFormula' in v || 'result' in v) return cellText(v.result, numFmt, date1904);
    if ('text' in v) return cellText(v.text, numFmt, date1904);
    return ''; // an unresolved shared string or an unknown shape: nothing a publisher typed
  }
  return String(value);
}

/** A number format shows a date when it has date/time letters outside quotes, [..] and escapes. */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/"[^"]*"/g, '').replace(/\[[^\]]*]/g, '').replace(/\\./g, '').replace(/[_*]./g, '');
  return /[ymdhs]/i.test(bare);
}

/** Excel serial day (1900 or 1904 system) → Date at UTC, rounded to the second. */
function serialToDate(serial: number, date1904: boolean): Date {
  const days = serial + (date1904 ? 1462 : 0) - 25569;
  return new Date(Math.round(days * 86_400) * 1000);
}

/** YYYY-MM-DD from the UTC parts (exceljs gives dates at UTC midnight); a time of day is kept. */
function isoFromDate(date: Date): string {
  const ms = Math.round(date.getTime() / 1000) * 1000;
  if (Number.isNaN(ms)) return '';
  const iso = new Date(ms).toISOString();
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

/**
 * Plain decimal text of a number: no exponent, and at most the 15 significant digits Excel
 * keeps, so binary noise such as 0.1 + 0.2 = 0.30000000000000004 reads as 0.3.
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  const [mantissa = '0', exponent = '0'] = Number(n.toPrecision(15)).toExponential().split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const point = Number(exponent) + 1; // digits before the decimal point
  const text =
    point <= 0 ? `0.${'0'.repeat(-point)}${digits}`
    : point >= digits.length ? digits + '0'.repeat(point - digits.length)
    : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative && text !== '0' ? `-${text}` : text;
}
