/**
 * XLSX → tables of cell text, one per worksheet, streaming: each part is inflated from the
 * checked package as it is read and parsed by exceljs's WorkbookReader, rows as the worksheet
 * XML arrives, so a million-row sheet is never held in memory (the shared-string table is, as
 * the format requires). Every cell becomes the text a publisher
 * meant: numbers in plain decimal, dates as ISO, formulas as their cached result.
 *
 * Why exceljs: its streaming reader is the only maintained one for .xlsx that never holds the
 * sheet; SheetJS (used for .xls) parses a whole workbook at once.
 *
 * Merged cells are not laid out here: a worksheet's <mergeCells> follow its <sheetData>, so a
 * streaming reader sees them only after every row has been handed on. A merged title is its
 * first cell, and two-row headers are recognised from their shape (read-table.ts).
 * Worksheets come in tab order; `index` is the tab position.
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { FileFormatError, isSystemError, readHead, type RawRow, type RawTable, type TableSource } from './read-common.ts';
import { checkXlsxPackage, openZipEntry, readZipEntry, type ZipEntry } from './zip-limits.ts';

/** What exceljs knows about a worksheet and a workbook beyond its published types. */
interface WorkbookInternals {
  model?: { sheets?: { id: number; name?: string; state?: string; rId?: string }[] };
  properties?: { model?: { date1904?: boolean } };
  styles?: { index?: { numFmt?: (string | undefined)[] } };
}

// Built-in number formats whose code depends on the locale; exceljs has no code for them, so
// their dates would come through as bare serial numbers. In zh-CN they are all dates
// (27/36/50/52/57 yyyy"年"m"月", 28/29/51/53/54/58 m"月"d"日", 30 m-d-yy, 31 yyyy"年"m"月"d"日").
const CJK_DATE_FORMATS = [27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58];

const MAX_ROWS = 1_048_576;

export function xlsxTables(file: string, name: string, progress?: { bytesRead: number }): TableSource {
  let entries: ZipEntry[] | undefined;
  return {
    emptyMessage: `${name}: the workbook is empty (no worksheet has a header row)`,
    async *tables() {
      if (!entries) {
        await checkSignature(file, name);
        const checked = await checkXlsxPackage(file, name);
        if (!checked.some((e) => /^xl\/workbook\.xml$/i.test(e.name)) && checked.some((e) => /^word\/document\.xml$/i.test(e.name))) {
          throw new FileFormatError(`${name}: this is a Word document (.docx), not a workbook; give it the .docx extension`);
        }
        entries = checked;
      }
      yield* readXlsxTables(file, name, entries, progress);
    },
  };
}

interface Relationship {
  Id?: string;
  Type?: string;
  Target?: string;
}

/** What exceljs's WorkbookReader does with each part; called here part by part (see readXlsxTables). */
interface ReaderParts {
  workbookRels?: Relationship[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

/**
 * The worksheets in tab order. exceljs's WorkbookReader reads the package front to back with
 * unzipper, writes every worksheet that comes before the shared strings (as Excel and exceljs
 * write them) to a temporary file, and with several such sheets its entry stream can end early
 * ("Cannot read properties of undefined (reading 'sheets')"). The package has been checked
 * (zip-limits.ts), so its parts are opened here directly, in the order the reader needs them —
 * relationships, workbook, shared strings, styles, then each worksheet as it is read — and
 * exceljs parses each part: nothing is written to disk and sheets come in tab order.
 */
async function* readXlsxTables(file: string, name: string, entries: ZipEntry[], progress?: { bytesRead: number }): AsyncGenerator<RawTable> {
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, '').toLowerCase(), e]));
  const open = (part: string) => {
    const entry = byName.get(part.toLowerCase());
    return entry && openZipEntry(file, entry, progress && ((at) => (progress.bytesRead = at)));
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const parts = reader as unknown as ReaderParts;
  const book = reader as unknown as WorkbookInternals;
  const sheets: { sheet: { id: number; name?: string; state?: string; rId?: string }; part?: string }[] = [];
  try {
    const workbookPart = (await mainPart(file, byName)) ?? 'xl/workbook.xml';
    const base = path.posix.dirname(workbookPart);
    const relsPart = path.posix.join(base, '_rels', `${path.posix.basename(workbookPart)}.rels`);
    const rels = open(relsPart);
    if (rels) await parts._parseRels(rels);
    const workbook = open(workbookPart);
    if (!workbook) throw new FileFormatError(`${name}: not a readable .xlsx workbook (it has no workbook part); save it again from Excel as .xlsx or CSV`);
    await parts._parseWorkbook(workbook);
    const target = (type: string, fallback: string) => {
      const rel = parts.workbookRels?.find((r) => r.Type?.endsWith(`/${type}`));
      return rel?.Target ? resolvePart(base, rel.Target) : path.posix.join(base, fallback);
    };
    const strings = open(target('sharedStrings', 'sharedStrings.xml'));
    if (strings) for await (const _ of parts._parseSharedStrings(strings));
    const styles = open(target('styles', 'styles.xml'));
    if (styles) await parts._parseStyles(styles);
    for (const sheet of book.model?.sheets ?? []) {
      const rel = parts.workbookRels?.find((r) => r.Id === sheet.rId);
      const isWorksheet = !rel?.Type || rel.Type.endsWith('/worksheet');
      sheets.push({ sheet, part: rel?.Target && isWorksheet ? resolvePart(base, rel.Target) : undefined });
    }
  } catch (error) {
    throw asFormatError(error, name);
  }
  const numFmts = book.styles?.index?.numFmt;
  if (Array.isArray(numFmts)) for (const id of CJK_DATE_FORMATS) numFmts[id] ??= 'yyyy-mm-dd';
  const date1904 = book.properties?.model?.date1904 === true;
  if (!sheets.length) throw new FileFormatError(`${name}: the workbook contains no worksheet`);
  for (const [index, { sheet, part }] of sheets.entries()) {
    const sheetName = sheet.name ?? `Sheet${index + 1}`;
    const input = part ? open(part) : undefined;
    let rows: AsyncIterable<RawRow> | RawRow[] = [];
    if (input) {
      const [event] = [...parts._parseWorksheet(input, /sheet(\d+)\.xml$/i.exec(part!)?.[1] ?? String(sheet.id))];
      rows = sheetRows(event!.value as AsyncIterable<ExcelJS.Row>, name, date1904, input);
    }
    try {
      yield {
        index,
        sheet: sheetName,
        label: `sheet "${sheetName}"`,
        hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden',
        last: index === sheets.length - 1,
        rows,
      };
    } finally {
      input?.destroy();
    }
  }
}

/** The part _rels/.rels names as the main document (xl/workbook.xml in every real workbook). */
async function mainPart(file: string, byName: Map<string, ZipEntry>): Promise<string | undefined> {
  const rels = byName.get('_rels/.rels');
  if (!rels || rels.size > 1024 * 1024) return undefined;
  const xml = (await readZipEntry(file, rels)).toString('utf8');
  for (const [tag] of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    if (!/Type="[^"]*\/officeDocument"/.test(tag)) continue;
    const target = /Target="([^"]+)"/.exec(tag)?.[1];
    if (target && byName.has(resolvePart('', target).toLowerCase())) return resolvePart('', target);
  }
  return undefined;
}

/** A relationship target as a part name: relative to the folder of its source, or absolute. */
function resolvePart(base: string, target: string): string {
  return target.startsWith('/') ? path.posix.normalize(target.slice(1)) : path.posix.normalize(path.posix.join(base, target));
}

async function* sheetRows(sheet: AsyncIterable<ExcelJS.Row>, name: string, date1904: boolean, input: Readable): AsyncGenerator<RawRow> {
  try {
    for await (const row of sheet) {
      // Excel's own sheet size; anything beyond it was not written by a spreadsheet program.
      if (row.number > MAX_ROWS) throw new FileFormatError(`${name}: more than ${MAX_ROWS} rows, more than Excel can hold; split the file`);
      const values: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        values[col - 1] = cellText(cell.value, cell.numFmt, date1904);
      });
      yield { rowNumber: row.number, values: Array.from(values, (v) => v ?? '') };
    }
  } catch (error) {
    throw asFormatError(error, name);
  } finally {
    input.destroy();
  }
}

function asFormatError(error: unknown, name: string): Error {
  if (error instanceof FileFormatError || isSystemError(error)) return error as Error;
  const reason = (error as Error).message === 'FILE_ENDED' ? 'the file is cut short' : (error as Error).message;
  return new FileFormatError(`${name}: not a readable .xlsx workbook (${reason}); save it again from Excel as .xlsx or CSV`);
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** An .xlsx is a ZIP package; name the usual impostors before exceljs fails on them obscurely. */
async function checkSignature(file: string, name: string): Promise<void> {
  const head = await readHead(file, 8);
  if (head.length === 0) throw new FileFormatError(`${name}: the file is empty`);
  if (head.subarray(0, 8).equals(OLE2)) {
    throw new FileFormatError(`${name}: this is an Excel 97–2003 (.xls) or password-protected workbook; give an .xls the .xls extension, or save it as .xlsx without a password, or as CSV`);
  }
  if (!head.subarray(0, 4).equals(ZIP)) {
    throw new FileFormatError(`${name}: not a valid .xlsx workbook (it is not a ZIP package); save it from Excel as .xlsx or CSV`);
  }
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
