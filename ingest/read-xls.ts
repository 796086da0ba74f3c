/**
 * XLS (Excel 97–2003 BIFF8, also BIFF5 and the Excel 2003 XML format) → tables of cell text, one
 * per worksheet, with merged cells laid out.
 *
 * Why SheetJS, and why `@e965/xlsx`: SheetJS is the one maintained JavaScript reader of the BIFF
 * format. Its `xlsx` package on npm stopped at 0.18.5, which has published advisories (prototype
 * pollution, CVE-2023-30533; ReDoS, CVE-2024-22363); SheetJS now publishes only from its own
 * server. `@e965/xlsx` is an automated republish of SheetJS's tagged releases to npm
 * (github.com/e965/sheetjs-npm-publisher: it clones the tag and changes only the package name and
 * README), here 0.20.3, which has both fixes. No dependencies, no install scripts.
 *
 * A BIFF workbook is parsed whole (the format has no streaming reader), so the file size is
 * capped (MAX_DOCUMENT_BYTES, checked before reading) and the parsed workbook is read once and
 * kept for the import. Cells are read raw: numbers and dates from the stored value and the
 * cell's number format, with the same rules as the XLSX reader (cellText), never SheetJS's
 * formatted text; formulas give their cached value (SheetJS is not asked to parse formulas, and
 * never evaluates them); error cells give ''.
 *
 * Merges (`!merges`): a cell covered horizontally is ''; a cell below the top row of a merge
 * takes the merge's value and is marked fromAbove, so a 受检单位 merged down over its products
 * fills each data row while header detection still sees the cells under 序号 as empty.
 */
import fs from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import { checkDocumentSize, FileFormatError, type RawRow, type RawTable, type TableSource } from './read-common.ts';
import { cellText } from './read-xlsx.ts';

// BIFF5 and older store text in the workbook's code page (936 for Chinese Excel 95).
XLSX.set_cptable(cptable);

/**
 * SheetJS keeps number formats in one table for the whole process, and each file's FORMAT
 * records are loaded into it; it is put back to the built-in formats before every file, so one
 * file's custom formats cannot leak into the next. The zh-CN built-in date formats (27–58),
 * which SheetJS has no code for, are added as dates, as the XLSX reader does.
 */
const BUILT_IN_FORMATS: Record<number, string> = { ...(XLSX.SSF.get_table() as Record<number, string>) };
const CJK_DATE_FORMATS: Record<number, string> = {
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"', 36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

function resetFormats(): void {
  const table = XLSX.SSF.get_table() as Record<number, string>;
  for (const id of Object.keys(table)) if (!(id in BUILT_IN_FORMATS)) delete table[Number(id)];
  Object.assign(table, BUILT_IN_FORMATS, CJK_DATE_FORMATS);
}

const ADVICE = 'open it in Excel or WPS and save it again as .xlsx (or .xls), or save it as CSV';

interface Workbook {
  book: XLSX.WorkBook;
  size: number;
}

export function xlsTables(file: string, name: string, progress?: { bytesRead: number }): TableSource {
  let parsed: Workbook | undefined;
  return {
    emptyMessage: `${name}: the workbook is empty (no worksheet has a header row)`,
    async *tables() {
      parsed ??= await parseWorkbook(file, name);
      const { book, size } = parsed;
      const props = book.Workbook?.Sheets ?? [];
      const sheets = book.SheetNames.map((sheetName, index) => ({ sheetName, index, sheet: book.Sheets[sheetName] }));
      const totalRows = sheets.reduce((sum, s) => sum + (s.sheet?.['!data']?.length ?? 0), 0) || 1;
      let rowsBefore = 0;
      for (const { sheetName, index, sheet } of sheets) {
        const data = sheet?.['!data'] ?? [];
        const before = rowsBefore;
        rowsBefore += data.length;
        const table: RawTable = {
          index,
          sheet: sheetName,
          label: `sheet "${sheetName}"`,
          hidden: (props[index]?.Hidden ?? 0) !== 0,
          last: index === sheets.length - 1,
          rows: sheet ? sheetRows(sheet, book, (r) => progress && (progress.bytesRead = Math.round((size * (before + r)) / totalRows))) : [],
        };
        yield table;
      }
    },
  };
}

async function parseWorkbook(file: string, name: string): Promise<Workbook> {
  const size = await checkDocumentSize(file, name, 'an .xls workbook', 'save it as .xlsx (which is read as it streams) or CSV, or split it');
  const bytes = await fs.readFile(file);
  checkContainer(bytes, name);
  resetFormats();
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellDates: false,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      cellFormula: false,
      cellStyles: false,
      bookVBA: false,
      WTF: false,
    });
  } catch (error) {
    throw new FileFormatError(`${name}: ${describeFailure((error as Error).message)}; ${ADVICE}`);
  }
  if (!book.SheetNames.length) throw new FileFormatError(`${name}: the workbook contains no worksheet`);
  return { book, size };
}

function describeFailure(message: string): string {
  if (/password|encrypt/i.test(message)) return 'the workbook is password-protected; remove the password (Excel: 文件 → 信息 → 保护工作簿) and save it again';
  return `not a readable .xls workbook (damaged or cut short: ${message.slice(0, 120)})`;
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * An OLE2 container is many things; name the others before SheetJS fails on them obscurely,
 * and never let it guess at bytes that are not a workbook (it would read them as text).
 */
function checkContainer(bytes: Buffer, name: string): void {
  const text = bytes.subarray(0, 2048).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart();
  const xml = text.startsWith('<?xml') || text.startsWith('<Workbook') || text.startsWith('<ss:Workbook');
  if (xml) return; // Excel 2003 XML (SpreadsheetML), which SheetJS reads
  if (!bytes.subarray(0, 8).equals(OLE2)) {
    throw new FileFormatError(`${name}: not an Excel 97–2003 workbook (no .xls signature); ${ADVICE}`);
  }
  let cfb: { FullPaths?: string[] };
  try {
    cfb = XLSX.CFB.read(bytes, { type: 'buffer' }) as { FullPaths?: string[] };
  } catch (error) {
    throw new FileFormatError(`${name}: not a readable .xls workbook (damaged or cut short: ${(error as Error).message.slice(0, 120)}); ${ADVICE}`);
  }
  const streams = new Set((cfb.FullPaths ?? []).map((p) => p.replace(/\/$/, '').split('/').pop()!.toLowerCase()));
  if (streams.has('workbook') || streams.has('book')) return;
  if (streams.has('encryptedpackage')) {
    throw new FileFormatError(`${name}: this is a password-protected Office file; remove the password (文件 → 信息 → 保护工作簿/保护文档) and save it again as .xlsx`);
  }
  if (streams.has('worddocument')) {
    throw new FileFormatError(`${name}: this is a Word 97–2003 document, not a workbook; open it in Word or WPS and save it as .docx, then import the .docx`);
  }
  if (streams.has('powerpoint document')) throw new FileFormatError(`${name}: this is a PowerPoint presentation, not a workbook; copy the table into Excel and save it as .xlsx`);
  throw new FileFormatError(`${name}: this Office 97–2003 file holds no workbook; ${ADVICE}`);
}

interface Merge {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/** The rows of one worksheet with its merges laid out; row numbers are the sheet's. */
function* sheetRows(sheet: XLSX.WorkSheet, book: XLSX.WorkBook, onRow: (r: number) => void): Generator<RawRow> {
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const date1904 = book.Workbook?.WBProps?.date1904 === true;
  const merges = ((sheet['!merges'] ?? []) as Merge[])
    .filter((m) => m.e.r >= m.s.r && m.e.c >= m.s.c && (m.e.r > m.s.r || m.e.c > m.s.c))
    .sort((a, b) => a.s.r - b.s.r);
  let next = 0; // merges[next] is the first that has not started yet
  let active: { merge: Merge; text: string }[] = [];
  for (let r = 0; r < data.length; r++) {
    const cells = data[r] ?? [];
    const values: string[] = [];
    for (let c = 0; c < cells.length; c++) values[c] = text(cells[c], date1904);
    let fromAbove: boolean[] | undefined;
    active = active.filter((a) => a.merge.e.r >= r);
    while (next < merges.length && merges[next]!.s.r <= r) {
      const merge = merges[next++]!;
      if (merge.e.r >= r) active.push({ merge, text: text(data[merge.s.r]?.[merge.s.c], date1904) });
    }
    for (const { merge, text: top } of active) {
      for (let c = merge.s.c; c <= merge.e.c; c++) {
        if (r === merge.s.r) {
          if (c > merge.s.c) values[c] = '';
          continue;
        }
        fromAbove ??= [];
        values[c] = c === merge.s.c ? top : '';
        fromAbove[c] = true;
      }
    }
    onRow(r + 1);
    const row = Array.from(values, (v) => v ?? '');
    yield fromAbove ? { rowNumber: r + 1, values: row, fromAbove: Array.from({ length: row.length }, (_, c) => fromAbove![c] ?? false) } : { rowNumber: r + 1, values: row };
  }
}

/** A SheetJS cell as the publisher meant it (see cellText): cached values, ISO dates, '' for errors. */
function text(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell) return '';
  switch (cell.t) {
    case 'e':
    case 'z':
      return '';
    case 'n':
      return cellText(cell.v as number, typeof cell.z === 'string' ? cell.z : undefined, date1904);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd':
      return cellText(cell.v instanceof Date ? cell.v : new Date(String(cell.v)), 'yyyy-mm-dd');
    default:
      return cell.v === undefined || cell.v === null ? '' : String(cell.v);
  }
}
