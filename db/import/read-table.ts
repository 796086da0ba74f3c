import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { parse as parseYaml } from 'yaml';
import { normalizeName } from '../normalize/text.ts';
import { readXlsxRows } from './read-xlsx.ts';

/** One data row of an import file: its 1-based row number in the file's own terms and its cells by header. */
export interface SourceRow {
  rowNumber: number;
  cells: Record<string, string>;
}

/** One row of a table file before headers are known: its row number and its cells left to right. */
export interface RawRow {
  rowNumber: number;
  values: string[];
}

export interface ReadOptions {
  /** Every header name the record type accepts; used to find the header row below title rows. */
  knownHeaders?: string[];
  /** Updated as the file is read, so a progress display can estimate the time left. */
  progress?: ReadProgress;
}

export interface ReadProgress {
  bytesRead: number;
}

export class FileFormatError extends Error {}

/**
 * Reads any supported import file as rows of header → cell text, streaming, so a million-row
 * file is never held in memory. CSV may be UTF-8 (with or without BOM) or GB18030, which is what
 * Chinese Excel writes; the encoding is detected from the first bytes. XLSX: the first worksheet.
 * Row numbers are the spreadsheet's own (blank rows and rows above the header count), so an
 * error report points at the row the publisher sees in Excel; blank rows are skipped.
 */
export async function* readRows(file: string, options: ReadOptions = {}): AsyncGenerator<SourceRow> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.md' || ext === '.markdown') {
    yield { rowNumber: 1, cells: await readMarkdownCase(file) };
    return;
  }
  const known = new Set((options.knownHeaders ?? []).map(headerKey));
  if (ext === '.xls') {
    throw new FileFormatError(`${name}: .xls (Excel 97–2003) files are not supported; save it as .xlsx or CSV`);
  }
  if (ext === '.xlsx') {
    yield* tableRows(readXlsxRows(file, options.progress), known, name, `${name}: the first worksheet is empty (no header row)`);
    return;
  }
  if (ext !== '.csv' && ext !== '.txt') {
    throw new FileFormatError(`${name}: unsupported file type "${ext || '(none)'}"; use .csv, .xlsx or .md`);
  }
  yield* tableRows(readCsvRows(file, name, options.progress), known, name, `${name}: the file is empty (no header row)`);
}

/** Header names of a file without reading it all. */
export async function readHeaders(file: string, options: ReadOptions = {}): Promise<string[]> {
  for await (const row of readRows(file, options)) return Object.keys(row.cells);
  return [];
}

// ---------------------------------------------------------------------------------------------
// Header detection. Regulators' sheets often open with a title row merged across all columns
// ("2023年第12号 电线电缆产品质量国家监督抽查结果") and a note or two before the header, and
// group columns under a merged parent cell in a two-row header (标称生产企业 over 名称 | 地址).

/** How many non-blank rows are searched for the header. */
const HEADER_SCAN_ROWS = 20;

/** Same comparison key as map-headers.ts: width, case, spaces, line breaks and _ do not matter. */
const headerKey = (header: string) => normalizeName(header).replace(/[_\s]/g, '');

const isBlank = (values: string[]) => values.every((v) => v.trim() === '');

/**
 * Index of the header row among `rows` (cells trimmed): the first row in which at least half
 * of the non-empty cells are known header names; failing that, the row with the most known
 * names; failing that, the first row. Rows with a single non-empty cell (titles, notes) are
 * passed over unless every row has one. -1 when there are no rows.
 */
export function chooseHeaderRow(rows: string[][], knownHeaders: Set<string>): number {
  const known = new Set([...knownHeaders].map(headerKey));
  const filled = rows.map((row) => row.filter((cell) => cell.trim() !== ''));
  const wide = filled.some((cells) => cells.length >= 2);
  let best = -1;
  let bestScore = 0;
  for (const [i, cells] of filled.entries()) {
    if (wide && cells.length < 2) continue;
    const score = cells.filter((cell) => known.has(headerKey(cell))).length;
    if (score > 0 && score * 2 >= cells.length) return i;
    if (score > bestScore || best < 0) [best, bestScore] = [i, score];
  }
  return best;
}

/**
 * Whether `child` is the lower row of a two-row header under `parent`. Without merge
 * information (a streaming reader sees it only after the rows), a merged parent is a header
 * cell followed by empty header cells; the child row qualifies when all its cells sit under
 * such parents, at least one in a column the parent spans, and some other header (序号,
 * 产品名称, merged down over both rows) has nothing below it.
 */
function isSubHeader(parent: string[], child: string[]): boolean {
  const width = Math.max(parent.length, child.length);
  const filled = (row: string[], c: number) => (row[c] ?? '') !== '';
  if (parent.filter((cell) => cell !== '').length < 2) return false; // a title row
  let underSpan = false;
  let vertical = false;
  let start = -1; // column of the parent cell covering column c
  for (let c = 0; c < width; c++) {
    if (filled(parent, c)) start = c;
    const spans = start >= 0 && (c > start || (c + 1 < width && !filled(parent, c + 1)));
    if (filled(child, c) && !spans) return false;
    if (filled(child, c) && c > start) underSpan = true;
    if (filled(parent, c) && !spans && !filled(child, c)) vertical = true;
  }
  return underSpan && vertical;
}

/**
 * Header names of a two-row header: a child alone when it is a known header and parent +
 * child is not; otherwise parent + child, so 名称 | 地址 under 标称生产企业 become
 * 标称生产企业名称 | 标称生产企业地址, while 不合格项目名称 under 主要不合格项目 stays as is.
 */
function joinHeaders(parent: string[], child: string[], known: Set<string>): string[] {
  const width = Math.max(parent.length, child.length);
  let current = '';
  return Array.from({ length: width }, (_, c) => {
    if (parent[c]) current = parent[c]!;
    const sub = child[c] ?? '';
    if (!sub) return parent[c] ?? '';
    const joined = `${current}${sub}`;
    return known.has(headerKey(sub)) && !known.has(headerKey(joined)) ? sub : joined;
  });
}

function resolveHeader(rows: RawRow[], known: Set<string>): { headers: string[]; dataStart: number } {
  // A line break inside a header cell (标称生产企业⏎名称) is layout, not part of the name.
  const texts = rows.map((row) => row.values.map((v) => v.replace(/^\uFEFF/, '').trim().replace(/\s*[\r\n]+\s*/g, '')));
  const h = chooseHeaderRow(texts, known);
  const above = texts[h - 1];
  const below = texts[h + 1];
  if (above && isSubHeader(above, texts[h]!)) return { headers: joinHeaders(above, texts[h]!, known), dataStart: h + 1 };
  if (below && isSubHeader(texts[h]!, below)) return { headers: joinHeaders(texts[h]!, below, known), dataStart: h + 2 };
  return { headers: texts[h]!, dataStart: h + 1 };
}

function toSourceRow(headers: string[], row: RawRow): SourceRow {
  const cells: Record<string, string> = {};
  headers.forEach((header, i) => {
    // A repeated header keeps its first column, as mapHeaders does.
    if (header && !Object.hasOwn(cells, header)) cells[header] = row.values[i] ?? '';
  });
  return { rowNumber: row.rowNumber, cells };
}

/**
 * Finds the header among the first non-blank rows, then yields every non-blank row below it.
 * A NUL character is refused for the whole file: no spreadsheet cell holds one (it means binary
 * data or a UTF-16 file), and PostgreSQL text cannot store it.
 */
async function* tableRows(source: AsyncIterable<RawRow>, known: Set<string>, name: string, emptyMessage: string): AsyncGenerator<SourceRow> {
  let headers: string[] | undefined;
  const pending: RawRow[] = [];
  for await (const row of source) {
    if (row.values.some((v) => v.includes('\u0000'))) {
      throw new FileFormatError(`${name}: row ${row.rowNumber} contains NUL bytes, so this is not a text table (binary data or UTF-16?); save it as CSV UTF-8 or .xlsx`);
    }
    if (isBlank(row.values)) continue;
    if (headers) yield toSourceRow(headers, row);
    else if (pending.push(row) === HEADER_SCAN_ROWS) headers = yield* pendingRows(pending, known);
  }
  if (headers) return;
  if (!pending.length) throw new FileFormatError(emptyMessage);
  yield* pendingRows(pending, known);
}

function* pendingRows(rows: RawRow[], known: Set<string>): Generator<SourceRow, string[]> {
  const { headers, dataStart } = resolveHeader(rows, known);
  for (const row of rows.slice(dataStart)) yield toSourceRow(headers, row);
  return headers;
}

/**
 * Longest CSV record accepted, in characters: far above any real row (Excel cells hold at most
 * 32,767 characters), and it stops an unterminated quote from swallowing the rest of a big file
 * into one field in memory.
 */
const MAX_CSV_RECORD_CHARS = 4_000_000;

/** Every record of a CSV file, blank ones included, so row numbers match what Excel shows. */
async function* readCsvRows(file: string, name: string, progress?: ReadProgress): AsyncGenerator<RawRow> {
  const encoding = await detectEncoding(file);
  const input = createReadStream(file);
  const parser = input
    .pipe(encoding === 'utf8' ? utf8Decoder() : iconv.decodeStream('gb18030'))
    .pipe(parse({ bom: true, columns: false, relax_column_count: true, skip_empty_lines: false, trim: false, max_record_size: MAX_CSV_RECORD_CHARS }));
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      if (progress) progress.bytesRead = input.bytesRead;
      yield { rowNumber, values: record };
    }
  } catch (error) {
    // Every parser error (unclosed or stray quotes, oversized records…) is the file's problem.
    if (error instanceof CsvError) {
      // The parser may fail before the rows it has read are handed on; its message has the line.
      throw new FileFormatError(`${name}: not valid CSV: ${error.message}`);
    }
    throw error;
  }
}

/** Files that are not CSV text at all, by their first bytes: what they are and what to do. */
const NOT_CSV: [Buffer, string][] = [
  [Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'is a ZIP package (an .xlsx workbook saved under a .csv name?); give it the .xlsx extension'],
  [Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'is an Excel 97–2003 (.xls) workbook; save it as .xlsx or CSV'],
  [Buffer.from([0xff, 0xfe]), 'is UTF-16 text (Excel "Unicode Text"); save it as "CSV UTF-8"'],
  [Buffer.from([0xfe, 0xff]), 'is UTF-16 text; save it as "CSV UTF-8"'],
  [Buffer.from('%PDF'), 'is a PDF document; export the table as CSV or .xlsx'],
];

/** UTF-8 unless the first 64 KiB are not valid UTF-8, in which case GB18030. */
async function detectEncoding(file: string): Promise<'utf8' | 'gb18030'> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65536), 0, 65536, 0);
    let sample = buffer.subarray(0, bytesRead);
    for (const [signature, what] of NOT_CSV) {
      if (sample.subarray(0, signature.length).equals(signature)) throw new FileFormatError(`${path.basename(file)}: this file ${what}`);
    }
    // Do not judge a multi-byte character cut off at the end of the sample.
    if (bytesRead === 65536) sample = sample.subarray(0, lastCharBoundary(sample));
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return 'utf8';
  } catch (error) {
    if (error instanceof TypeError) return 'gb18030';
    throw error;
  } finally {
    await handle.close();
  }
}

function lastCharBoundary(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    if ((bytes[i]! & 0xc0) !== 0x80) return i;
  }
  return bytes.length;
}

function utf8Decoder(): Transform {
  const decoder = new TextDecoder('utf-8');
  return new Transform({
    transform: (chunk: Buffer, _enc, done) => done(null, decoder.decode(chunk, { stream: true })),
    flush: (done) => done(null, decoder.decode()),
  });
}

/** A typical case as Markdown with YAML front matter: the front matter fields plus `body`. */
async function readMarkdownCase(file: string): Promise<Record<string, string>> {
  const text = (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new FileFormatError(`${path.basename(file)}: contains NUL bytes; a typical case is UTF-8 Markdown text`);
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new FileFormatError(`${path.basename(file)}: no front matter (the file must start with a --- block)`);
  let meta: unknown;
  try {
    meta = parseYaml(match[1]!);
  } catch (error) {
    throw new FileFormatError(`${path.basename(file)}: front matter is not valid YAML: ${(error as Error).message}`);
  }
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) {
    throw new FileFormatError(`${path.basename(file)}: front matter must be a mapping of field: value`);
  }
  const cells: Record<string, string> = { slug: path.basename(file).replace(/\.(md|markdown)$/i, '') };
  for (const [key, value] of Object.entries(meta)) {
    cells[key] = Array.isArray(value) ? value.join('\n') : value === null ? '' : String(value);
  }
  cells.body = match[2]!.trim();
  return cells;
}
