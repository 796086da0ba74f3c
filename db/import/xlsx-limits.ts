/**
 * Zip-bomb defence for .xlsx uploads. An .xlsx is a ZIP package; a tiny file can inflate to
 * gigabytes of sheet XML, which the streaming reader would otherwise inflate into memory (the
 * shared-string table) or into a temporary file (a worksheet stored before the shared strings).
 * Before exceljs sees the file, its ZIP directory is checked (sizes and compression ratio, no
 * inflating), then every entry is inflated once into nothing, counted, and stopped as soon as it
 * produces more than its directory entry declared. Memory stays at one inflate window and the
 * time at most the declared total, which is capped.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { FileFormatError } from './read-table.ts';

/** Inflated size of all parts together: a full 1,048,576-row sheet of plain records fits. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;
/** Inflated bytes per byte of file. Real sheets compress 5–30×; zip bombs 1000× and more. */
export const MAX_XLSX_RATIO = 100;
/** Below this inflated size the ratio is not judged (small, very regular sheets compress well). */
const RATIO_FLOOR_BYTES = 32 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where the compressed bytes begin, after the local header (found while checking the layout). */
  dataStart: number;
}

const refuse = (name: string, why: string) =>
  new FileFormatError(`${name}: refused: ${why}; save it again from Excel as .xlsx or CSV, or split it`);

/** Throws a FileFormatError unless the package is a plain ZIP whose inflated size is within limits. */
export async function checkXlsxPackage(file: string, name: string): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    const fileSize = (await handle.stat()).size;
    const entries = await readDirectory(handle, fileSize, name);
    const declared = entries.reduce((sum, e) => sum + e.size, 0);
    if (declared > MAX_XLSX_UNCOMPRESSED_BYTES) {
      throw refuse(name, `it would inflate to ${mb(declared)}, more than the ${mb(MAX_XLSX_UNCOMPRESSED_BYTES)} an import may hold`);
    }
    if (declared > RATIO_FLOOR_BYTES && declared > fileSize * MAX_XLSX_RATIO) {
      throw refuse(name, `it would inflate ${Math.round(declared / fileSize)}-fold to ${mb(declared)} (a zip bomb?)`);
    }
    for (const entry of entries) await inflateCounted(file, entry, name);
  } finally {
    await handle.close();
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The central directory, checked to tile the file: no hidden, overlapping or ZIP64 entries. */
async function readDirectory(handle: fs.FileHandle, fileSize: number, name: string): Promise<Entry[]> {
  const tailLength = Math.min(fileSize, 22 + 65_535);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > tail.length) throw refuse(name, 'the ZIP directory is missing (the file is cut short or not a workbook)');
  const count = tail.readUInt16LE(end + 10);
  const dirSize = tail.readUInt32LE(end + 12);
  const dirOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw refuse(name, 'ZIP64 packages are not accepted');
  if (count > MAX_ENTRIES) throw refuse(name, `it has ${count} parts`);
  if (dirOffset + dirSize > fileSize) throw refuse(name, 'the ZIP directory points outside the file');
  const dir = await readAt(handle, dirOffset, dirSize);
  const entries: Entry[] = [];
  for (let at = 0, i = 0; i < count; i++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== 0x02014b50) throw refuse(name, 'the ZIP directory is damaged');
    const nameLength = dir.readUInt16LE(at + 28);
    entries.push({
      flags: dir.readUInt16LE(at + 8),
      method: dir.readUInt16LE(at + 10),
      compressedSize: dir.readUInt32LE(at + 20),
      size: dir.readUInt32LE(at + 24),
      localOffset: dir.readUInt32LE(at + 42),
      dataStart: 0,
      name: dir.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
  }
  // Entries must follow each other exactly up to the directory, as a streaming reader sees them.
  let expected = 0;
  for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    if (entry.flags & 0x1) throw refuse(name, 'it is encrypted');
    if (entry.method !== 0 && entry.method !== 8) throw refuse(name, `part ${entry.name} uses an unsupported compression method`);
    if (entry.localOffset !== expected) throw refuse(name, 'its ZIP parts overlap or hide data between them');
    const local = await readAt(handle, entry.localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw refuse(name, 'a ZIP part header is damaged');
    entry.dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    let next = entry.dataStart + entry.compressedSize;
    if (entry.flags & 0x8) {
      const descriptor = await readAt(handle, next, 4);
      next += descriptor.length === 4 && descriptor.readUInt32LE(0) === 0x08074b50 ? 16 : 12;
    }
    expected = next;
  }
  if (expected !== dirOffset) throw refuse(name, 'its ZIP parts overlap or hide data before the directory');
  return entries;
}

/** Inflates one part into nothing, refusing it as soon as it yields more than it declared. */
async function inflateCounted(file: string, entry: Entry, name: string): Promise<void> {
  if (entry.compressedSize === 0) return;
  const input = createReadStream(file, { start: entry.dataStart, end: entry.dataStart + entry.compressedSize - 1 });
  if (entry.method === 0) {
    input.destroy(); // stored, not compressed: its size is its size
    return;
  }
  const inflate = createInflateRaw();
  let produced = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      inflate.on('data', (chunk: Buffer) => {
        produced += chunk.length;
        if (produced > entry.size) {
          reject(refuse(name, `part ${entry.name} inflates to more than the ${entry.size} bytes it declares (a zip bomb?)`));
          input.destroy();
          inflate.destroy();
        }
      });
      inflate.on('end', resolve);
      inflate.on('error', () => reject(refuse(name, `part ${entry.name} is not valid compressed data`)));
      input.on('error', reject);
      input.pipe(inflate);
    });
  } finally {
    input.destroy();
    inflate.destroy();
  }
}
