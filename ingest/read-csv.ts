/**
 * CSV → one table of rows, streaming (csv-parse), so a million-row file is never held in
 * memory. UTF-8 (with or without BOM) or GB18030, which is what Chinese Excel writes; the
 * encoding is detected from the first 64 KiB. Row numbers are the lines Excel shows (blank lines
 * and multi-line cells counted).
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { adviceFor, detectKind, type FileKind } from './file-kind.ts';
import { FileFormatError, readHead, type RawRow, type TableSource } from './read-common.ts';

/**
 * Longest CSV record accepted, in characters: far above any real row (Excel cells hold at most
 * 32,767 characters), and it stops an unterminated quote from swallowing the rest of a big file
 * into one field in memory.
 */
const MAX_CSV_RECORD_CHARS = 4_000_000;

/** A CSV file (`delimiter` ',' or, for tab-separated text, '\t') as a table source of one table. */
export function csvTables(file: string, name: string, progress?: { bytesRead: number }, delimiter = ','): TableSource {
  return {
    emptyMessage: `${name}: the file is empty (no header row)`,
    async *tables() {
      yield { index: 0, label: 'the file', last: true, rows: readCsvRows(file, name, delimiter, progress) };
    },
  };
}

/** Whether the first non-blank line of a text file holds tabs and no commas (tab-separated text). */
export async function isTabSeparated(file: string): Promise<boolean> {
  const head = (await readHead(file, 65536)).toString('latin1');
  const line = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.includes('\t') && !line.includes(',');
}

/** Every record of a CSV file, blank ones included, so row numbers match what Excel shows. */
async function* readCsvRows(file: string, name: string, delimiter: string, progress?: { bytesRead: number }): AsyncGenerator<RawRow> {
  await refuseNonCsv(file, name);
  const encoding = await detectEncoding(file);
  const input = createReadStream(file);
  const parser = input
    .pipe(encoding === 'utf8' ? utf8Decoder() : iconv.decodeStream('gb18030'))
    .pipe(parse({ bom: true, delimiter, columns: false, relax_column_count: true, skip_empty_lines: false, trim: false, max_record_size: MAX_CSV_RECORD_CHARS }));
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
  } finally {
    input.destroy();
  }
}

/** Files that are not CSV text at all, by their content: what they are and what to do. */
const NOT_CSV: Partial<Record<FileKind, string>> = {
  xlsx: 'is a ZIP package (an .xlsx workbook saved under a .csv name?); give it the .xlsx extension',
  docx: 'is a ZIP package (a Word .docx document saved under a .csv name?); give it the .docx extension',
  zip: 'is a ZIP package, not CSV text; unpack it, or give a workbook the .xlsx extension',
  'damaged-zip': 'is a damaged ZIP package (an .xlsx workbook cut short?), not CSV text; save the workbook again as .xlsx or CSV',
  ole2: 'is an Excel 97–2003 (.xls) workbook (or another Office 97–2003 file); give it the .xls extension, or save it as .xlsx or CSV',
  utf16: 'is UTF-16 text (Excel "Unicode Text"); save it as "CSV UTF-8"',
  html: 'is an HTML page, not CSV text; give it the .html extension',
  'spreadsheet-xml': 'is an Excel 2003 XML workbook, not CSV text; give it the .xls extension, or save it as .xlsx or CSV',
};

async function refuseNonCsv(file: string, name: string): Promise<void> {
  const kind = await detectKind(file);
  const what = NOT_CSV[kind];
  if (what) throw new FileFormatError(`${name}: this file ${what}`);
  const advice = adviceFor(kind, name);
  if (advice) throw new FileFormatError(`${name}: this file is not CSV text: ${advice}`);
}

/** UTF-8 unless the first 64 KiB are not valid UTF-8, in which case GB18030. */
async function detectEncoding(file: string): Promise<'utf8' | 'gb18030'> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65536), 0, 65536, 0);
    let sample = buffer.subarray(0, bytesRead);
    // Do not judge a multi-byte character cut off at the end of the sample.
    if (bytesRead === 65536) sample = sample.subarray(0, lastCharBoundary(sample));
    return isUtf8(sample) ? 'utf8' : 'gb18030';
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
