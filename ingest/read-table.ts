import path from 'node:path';
import { adviceFor, detectKind } from './file-kind.ts';
import { hasKnownHeader, resolveHeader } from './header-row.ts';
// The comparison key of header names is the header mapper's, so a header found here is one it maps.
import { headerKey } from './map-headers.ts';
import { FileFormatError, type RawRow, type RawTable, type TableSource } from './read-common.ts';
import { csvTables, isTabSeparated } from './read-csv.ts';
import { docxTables } from './read-docx.ts';
import { htmlTables } from './read-html.ts';
import { jsonTables } from './read-json.ts';
import { readMarkdownCase } from './read-markdown.ts';
import { xlsTables } from './read-xls.ts';
import { xlsxTables } from './read-xlsx.ts';

export { FileFormatError, type RawRow } from './read-common.ts';
export { chooseHeaderRow } from './header-row.ts';

/** One table of a file: a worksheet, or one <table> of an HTML/DOCX document. */
export interface TableInfo {
  /** 0-based order of the table in the file. */
  index: number;
  /** Worksheet name (XLS/XLSX); for HTML/DOCX the table's <caption> or `表格 N` (N 1-based); undefined for CSV. */
  sheet?: string;
  /** The resolved header names (after the title-row / two-row header logic). */
  headers: string[];
  /** Row number of the lowest header row. */
  headerRow: number;
  /**
   * Text above the header, top to bottom: for HTML/DOCX the document <title>, headings and
   * paragraphs between the previous table (or the start) and this table; then the title rows
   * of the sheet or table above the header (cells joined by a space). Trimmed, blank lines
   * dropped, at most MAX_PREAMBLE_LINES lines of at most 500 characters.
   */
  preamble: string[];
}

/** One data row of an import file. */
export interface SourceRow {
  /** 1-based row number in the publisher's own terms: the sheet row; for HTML/DOCX the <tr> of its table. */
  rowNumber: number;
  /** header → cell text; a repeated header keeps its first column. */
  cells: Record<string, string>;
  /** Every cell left to right: values[i] lies under table.headers[i] (it may be longer than headers). */
  values?: string[];
  /**
   * Per cell of `values`, when any is: true where the value was filled down from a vertical
   * merge above (a 受检单位 merged over its products; a product merged over one row per failed
   * item). XLS, HTML and DOCX only; XLSX merges are not known while streaming.
   */
  fromAbove?: boolean[];
  /** The same object for every row of one table. */
  table: TableInfo;
}

export interface ReadOptions {
  /** Every header name the record type accepts; used to find the header row below title rows, and the tables that hold records. */
  knownHeaders?: string[];
  /** Updated as the file is read, so a progress display can estimate the time left. */
  progress?: ReadProgress;
  /** Told about every table that is not read (`sheet "说明": skipped, no recognised header`). */
  onNotice?: (message: string) => void;
}

export interface ReadProgress {
  bytesRead: number;
}

/** Extensions readRows reads (the content decides the format where extensions lie, see tableSource). */
export const SUPPORTED_EXTENSIONS = ['.csv', '.txt', '.xlsx', '.xls', '.docx', '.html', '.htm', '.shtml', '.xhtml', '.json', '.jsonl', '.ndjson', '.md', '.markdown'];

/**
 * Reads any supported import file as rows of header → cell text, table after table: every
 * worksheet of a workbook, every data table of an HTML page or a DOCX document. CSV and XLSX
 * stream, so a million-row file is never held in memory; XLS and HTML pages are read whole (at
 * most MAX_DOCUMENT_BYTES), DOCX streams its XML and keeps its text.
 *
 * A table none of whose first rows holds a known header name is skipped (told to `onNotice`)
 * when another table of the file has one; when no table has one, the first non-empty table is
 * read as before, so the importer can say which columns are missing. Hidden worksheets are
 * skipped. Row numbers are the publisher's own (blank rows and rows above the header count), so
 * an error report points at the row they see; blank rows are skipped.
 */
export async function* readRows(file: string, options: ReadOptions = {}): AsyncGenerator<SourceRow> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.md' || ext === '.markdown') {
    const cells = await readMarkdownCase(file);
    yield { rowNumber: 1, cells, table: { index: 0, headers: Object.keys(cells), headerRow: 1, preamble: [] } };
    return;
  }
  const known = new Set((options.knownHeaders ?? []).map(headerKey));
  yield* rowsOfTables(await tableSource(file, name, ext, options.progress), name, known, options.onNotice ?? (() => {}));
}

/** Header names of a file without reading it all: those of the first table read. */
export async function readHeaders(file: string, options: ReadOptions = {}): Promise<string[]> {
  for await (const row of readRows(file, options)) return Object.keys(row.cells);
  return [];
}

/**
 * The reader for a file: by extension, except where published files are known to lie — an
 * ".xls" that is an HTML page or an Excel 2003 XML file (what web systems export), or an .xlsx;
 * a ".doc" that is a web page or a .docx saved by Word — which are read as what they are.
 * Formats that cannot be read are refused with what to do.
 */
async function tableSource(file: string, name: string, ext: string, progress?: ReadProgress): Promise<TableSource> {
  const advice = adviceFor(ext, name);
  const refuse = (what: string) => new FileFormatError(`${name}: ${what}`);
  switch (ext) {
    case '.csv':
      return csvTables(file, name, progress);
    case '.json': case '.jsonl': case '.ndjson':
      return jsonTables(file, name, progress);
    case '.txt':
      // Excel's "Text (Tab delimited)" is a .txt too.
      return csvTables(file, name, progress, (await isTabSeparated(file)) ? '\t' : ',');
    case '.xlsx':
      // An Excel 97–2003 workbook given the new extension is read as what it is.
      return (await detectKind(file)) === 'ole2' ? xlsTables(file, name, progress) : xlsxTables(file, name, progress);
    case '.docx': {
      const kind = await detectKind(file);
      if (kind === 'html') return htmlTables(file, name, progress);
      const other = adviceFor(kind, name);
      if (other) throw refuse(`this is not a .docx document: ${other}`);
      return docxTables(file, name, progress);
    }
    case '.html':
    case '.htm':
    case '.shtml':
    case '.xhtml': {
      // Only what is surely something else is refused: a page may open with anything.
      const kind = await detectKind(file);
      const other = kind === 'text' || kind === 'binary' || kind === 'utf16' ? undefined : (adviceFor(kind, name) ?? WHAT_IT_IS[kind]);
      if (other) throw refuse(`this is not an HTML page: ${other}`);
      return htmlTables(file, name, progress);
    }
    case '.xls':
    case '.doc':
    case '.wps':
    case '.et':
    case '.ett': {
      const kind = await detectKind(file);
      if (kind === 'empty') throw refuse('the file is empty');
      if (kind === 'html') return htmlTables(file, name, progress);
      if (ext === '.xls' && (kind === 'ole2' || kind === 'spreadsheet-xml')) return xlsTables(file, name, progress);
      if (kind === 'xlsx' && ext === '.xls') return xlsxTables(file, name, progress);
      if (kind === 'docx' && ext === '.doc') return docxTables(file, name, progress);
      // Old web systems export tab-separated text as "xls".
      if (kind === 'text' && ext === '.xls' && (await isTabSeparated(file))) return csvTables(file, name, progress, '\t');
      if (advice) throw refuse(advice);
      throw refuse(`this is not an Excel 97–2003 workbook: ${adviceFor(kind, name) ?? WHAT_IT_IS[kind] ?? 'open it in Excel or WPS and save it as .xlsx, or save it as CSV'}`);
    }
    default:
      if (advice) throw refuse(advice);
      throw refuse(`unsupported file type "${ext || '(none)'}"; use .csv, .xlsx, .xls, .docx, .html, .json or .md`);
  }
}

/** What a file that is not what its extension says really is. */
const WHAT_IT_IS: Partial<Record<string, string>> = {
  xlsx: 'it is an .xlsx workbook; give it the .xlsx extension',
  docx: 'it is a Word .docx document; give it the .docx extension',
  'damaged-zip': 'it is a damaged ZIP package (a workbook or document cut short?); save it again',
  ole2: 'it is an Office 97–2003 file (.xls or .doc); an .xls can be imported under the .xls extension, a .doc must be saved as .docx first',
  'spreadsheet-xml': 'it is an Excel 2003 XML workbook; give it the .xls extension',
  utf16: 'it is UTF-16 text; save it as CSV UTF-8',
  binary: 'it is binary data',
  text: 'it is plain text; if it is CSV, give it the .csv extension',
};

/** How many non-blank rows are searched for the header. */
const HEADER_SCAN_ROWS = 20;

/** A row with nothing of its own: every cell empty or only filled down from a vertical merge above. */
const isBlank = (row: RawRow) => row.values.every((v, i) => v.trim() === '' || row.fromAbove?.[i] === true);

/** Most preamble lines kept: the first (the document's title) and the last ones above the header. */
const MAX_PREAMBLE_LINES = 20;
const MAX_PREAMBLE_LINE = 500;

function toSourceRow(table: TableInfo, row: RawRow): SourceRow {
  const cells: Record<string, string> = {};
  table.headers.forEach((header, i) => {
    // A repeated header keeps its first column, as mapHeaders does.
    if (header && !Object.hasOwn(cells, header)) cells[header] = row.values[i] ?? '';
  });
  const width = Math.max(table.headers.length, row.values.length);
  const source: SourceRow = { rowNumber: row.rowNumber, cells, values: Array.from({ length: width }, (_, i) => row.values[i] ?? ''), table };
  if (row.fromAbove?.includes(true)) source.fromAbove = Array.from({ length: width }, (_, i) => row.fromAbove![i] ?? false);
  return source;
}

/** The table's description once its header is found, with the text above the header. */
function tableInfo(table: RawTable, rows: RawRow[], known: Set<string>): { info: TableInfo; dataStart: number } {
  const { headers, top, dataStart } = resolveHeader(rows, known);
  const titleRows = rows.slice(0, top).map((row) => row.values.filter((_, i) => !row.fromAbove?.[i]).map((v) => v.trim().replace(/\s+/g, ' ')).filter(Boolean).join(' ')).filter(Boolean);
  let preamble = [...(table.preamble ?? []), ...titleRows].map((line) => (line.length > MAX_PREAMBLE_LINE ? `${line.slice(0, MAX_PREAMBLE_LINE - 1)}…` : line));
  if (preamble.length > MAX_PREAMBLE_LINES) preamble = [preamble[0]!, ...preamble.slice(-(MAX_PREAMBLE_LINES - 1))];
  return { info: { index: table.index, sheet: table.sheet, headers, headerRow: rows[dataStart - 1]!.rowNumber, preamble }, dataStart };
}

/** The iterator of a table's rows that refuses NUL characters and skips blank rows. */
function nonBlankRows(table: RawTable, name: string): AsyncIterator<RawRow> & { close(): Promise<void> } {
  const source = Symbol.asyncIterator in table.rows ? table.rows[Symbol.asyncIterator]() : (table.rows as Iterable<RawRow>)[Symbol.iterator]();
  return {
    async next(): Promise<IteratorResult<RawRow>> {
      for (;;) {
        const step = await source.next();
        if (step.done) return step;
        const row = step.value;
        // No spreadsheet cell holds a NUL (it means binary data or a UTF-16 file), and PostgreSQL text cannot store one.
        if (row.values.some((v) => v.includes('\u0000'))) {
          throw new FileFormatError(`${name}: row ${row.rowNumber} contains NUL bytes, so this is not a text table (binary data or UTF-16?); save it as CSV UTF-8 or .xlsx`);
        }
        if (!isBlank(row)) return { done: false, value: row };
      }
    },
    async close() {
      await source.return?.();
    },
  };
}

/**
 * Every data row of every table that holds records. For each table the first HEADER_SCAN_ROWS
 * non-blank rows are read; a table with a known header name among them is read whole. One
 * without is skipped with a notice when another table has one; the first such table is read
 * after all (a second pass over the file, unless the reader knew it was the last) when no table
 * has one, and at once when there are no known names to look for.
 */
async function* rowsOfTables(source: TableSource, name: string, known: Set<string>, notice: (message: string) => void): AsyncGenerator<SourceRow> {
  let recognised = false;
  let fallback: { index: number; label: string } | undefined;
  for await (const table of source.tables()) {
    if (table.hidden) {
      notice(`${table.label}: skipped, hidden`);
      continue;
    }
    const rows = nonBlankRows(table, name);
    try {
      const { head, ended } = await firstRows(rows);
      if (!head.length) continue; // an empty sheet or table
      const hasHeader = hasKnownHeader(head, known);
      if (hasHeader) {
        if (fallback && !recognised) notice(`${fallback.label}: skipped, no recognised header`);
        recognised = true;
        yield* tableRowsFrom(table, head, ended, rows, known);
      } else if (recognised || fallback) {
        notice(`${table.label}: skipped, no recognised header`);
      } else if (known.size === 0 || table.last === true) {
        // No table can have a known header (none are known), or none has: this first non-empty
        // table is read as the file's only one, and nothing else is looked at.
        yield* tableRowsFrom(table, head, ended, rows, known);
        return;
      } else {
        fallback = { index: table.index, label: table.label };
      }
    } finally {
      await rows.close();
    }
  }
  if (recognised) return;
  if (!fallback) {
    // A page may rightly hold no table (the list is in an attachment): said, not refused.
    if (source.emptyIsNotice) return notice(source.emptyMessage);
    throw new FileFormatError(source.emptyMessage);
  }
  for await (const table of source.tables()) {
    if (table.index !== fallback.index || table.hidden) continue;
    const rows = nonBlankRows(table, name);
    try {
      const { head, ended } = await firstRows(rows);
      yield* tableRowsFrom(table, head, ended, rows, known);
    } finally {
      await rows.close();
    }
    return;
  }
}

/** The first HEADER_SCAN_ROWS non-blank rows of a table, and whether they are all of it. */
async function firstRows(rows: AsyncIterator<RawRow>): Promise<{ head: RawRow[]; ended: boolean }> {
  const head: RawRow[] = [];
  while (head.length < HEADER_SCAN_ROWS) {
    const step = await rows.next();
    if (step.done) return { head, ended: true };
    head.push(step.value);
  }
  return { head, ended: false };
}

/** The data rows of a table whose first non-blank rows (`head`) have been read. */
async function* tableRowsFrom(table: RawTable, head: RawRow[], ended: boolean, rest: AsyncIterator<RawRow>, known: Set<string>): AsyncGenerator<SourceRow> {
  const { info, dataStart } = tableInfo(table, head, known);
  for (const row of head.slice(dataStart)) yield toSourceRow(info, row);
  if (ended) return;
  for (let step = await rest.next(); !step.done; step = await rest.next()) yield toSourceRow(info, step.value);
}
