import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { parse as parseYaml } from 'yaml';

/** One data row of an import file: its 1-based line in the file's own terms and its cells by header. */
export interface SourceRow {
  rowNumber: number;
  cells: Record<string, string>;
}

export class FileFormatError extends Error {}

/**
 * Reads any supported import file as rows of header → cell text, streaming, so a million-row
 * file is never held in memory. CSV may be UTF-8 (with or without BOM) or GB18030, which is what
 * Chinese Excel writes; the encoding is detected from the first bytes.
 */
export async function* readRows(file: string): AsyncGenerator<SourceRow> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.md' || ext === '.markdown') {
    yield { rowNumber: 1, cells: await readMarkdownCase(file) };
    return;
  }
  if (ext !== '.csv' && ext !== '.txt') {
    throw new FileFormatError(`${path.basename(file)}: unsupported file type "${ext || '(none)'}"; use .csv or .md`);
  }
  const encoding = await detectEncoding(file);
  const parser = createReadStream(file)
    .pipe(encoding === 'utf8' ? utf8Decoder() : iconv.decodeStream('gb18030'))
    .pipe(parse({ bom: true, columns: false, relax_column_count: true, skip_empty_lines: true, trim: false }));
  let headers: string[] | undefined;
  let line = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    line += 1;
    if (!headers) {
      headers = record.map((h) => h.replace(/^\uFEFF/, '').trim());
      continue;
    }
    const cells: Record<string, string> = {};
    headers.forEach((header, i) => {
      if (header) cells[header] = record[i] ?? '';
    });
    yield { rowNumber: line, cells };
  }
  if (!headers) throw new FileFormatError(`${path.basename(file)}: the file is empty (no header row)`);
}

/** Header names of a file without reading it all (first row only). */
export async function readHeaders(file: string): Promise<string[]> {
  for await (const row of readRows(file)) return Object.keys(row.cells);
  return [];
}

/** UTF-8 unless the first 64 KiB are not valid UTF-8, in which case GB18030. */
async function detectEncoding(file: string): Promise<'utf8' | 'gb18030'> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65536), 0, 65536, 0);
    let sample = buffer.subarray(0, bytesRead);
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
  let end = bytes.length;
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) !== 0x80) {
      end = i;
      break;
    }
  }
  return end;
}

function utf8Decoder(): Transform {
  const decoder = new TextDecoder('utf-8');
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
}

/** A typical case as Markdown with YAML front matter: the front matter fields plus `body`. */
async function readMarkdownCase(file: string): Promise<Record<string, string>> {
  const text = (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '');
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
