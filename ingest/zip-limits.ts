/**
 * Zip-bomb and damage defence for ZIP-based uploads (.xlsx, .docx). A tiny file can inflate to
 * gigabytes of XML, which a reader would otherwise inflate into memory or into a temporary file.
 * Before any reader sees the package, its ZIP directory is checked (sizes and compression ratio,
 * no inflating), then every entry is inflated once into nothing, counted, stopped as soon as it
 * produces more than its directory entry declared, and its CRC-32 compared with the directory's,
 * so a damaged part is refused here rather than read as garbage. Memory stays at one inflate
 * window and the time at most the declared total, which is capped.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { FileFormatError } from './read-common.ts';

/** Inflated size of all parts together: a full 1,048,576-row sheet of plain records fits. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;
/** Inflated bytes per byte of file. Real sheets compress 5–30×; zip bombs 1000× and more. */
export const MAX_XLSX_RATIO = 100;
/** Below this inflated size the ratio is not judged (small, very regular sheets compress well). */
const RATIO_FLOOR_BYTES = 32 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

/** What a package is, for the messages, and how much it may inflate to. */
export interface ZipKind {
  /** `workbook`, `document`: what a damaged file is not. */
  noun: string;
  /** What to do, at the end of every refusal. */
  advice: string;
  maxUncompressedBytes: number;
}

export const XLSX_PACKAGE: ZipKind = {
  noun: 'workbook',
  advice: 'save it again from Excel as .xlsx or CSV, or split it',
  maxUncompressedBytes: MAX_XLSX_UNCOMPRESSED_BYTES,
};

/** The DOCX reader streams word/document.xml, so the same total as a workbook is safe. */
export const DOCX_PACKAGE: ZipKind = {
  noun: 'document',
  advice: 'save it again from Word or WPS as .docx, or split the document',
  maxUncompressedBytes: MAX_XLSX_UNCOMPRESSED_BYTES,
};

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where the compressed bytes begin, after the local header (found while checking the layout). */
  dataStart: number;
}

const refuse = (name: string, kind: ZipKind, why: string) => new FileFormatError(`${name}: refused: ${why}; ${kind.advice}`);

/** Throws a FileFormatError unless the package is a plain ZIP whose inflated size is within limits. */
export async function checkXlsxPackage(file: string, name: string): Promise<ZipEntry[]> {
  return checkZipPackage(file, name, XLSX_PACKAGE);
}

/**
 * Checks a ZIP package (layout, sizes, ratio, then every part inflated and its checksum
 * compared) and returns its entries. Throws one FileFormatError naming the problem.
 */
export async function checkZipPackage(file: string, name: string, kind: ZipKind): Promise<ZipEntry[]> {
  const handle = await fs.open(file, 'r');
  let entries: ZipEntry[];
  try {
    const fileSize = (await handle.stat()).size;
    entries = await readDirectory(handle, fileSize, name, kind);
    const declared = entries.reduce((sum, e) => sum + e.size, 0);
    if (declared > kind.maxUncompressedBytes) {
      throw refuse(name, kind, `it would inflate to ${mb(declared)}, more than the ${mb(kind.maxUncompressedBytes)} an import may hold`);
    }
    if (declared > RATIO_FLOOR_BYTES && declared > fileSize * MAX_XLSX_RATIO) {
      throw refuse(name, kind, `it would inflate ${Math.round(declared / fileSize)}-fold to ${mb(declared)} (a zip bomb?)`);
    }
  } finally {
    await handle.close();
  }
  for (const entry of entries) await inflateCounted(file, entry, name, kind);
  return entries;
}

/**
 * Names of the parts of a ZIP package from its directory alone (nothing inflated, nothing
 * checked): enough to tell a workbook from a document. Undefined when there is no directory.
 */
export async function zipEntryNames(file: string): Promise<string[] | undefined> {
  const handle = await fs.open(file, 'r');
  try {
    const fileSize = (await handle.stat()).size;
    const located = await locateDirectory(handle, fileSize);
    if (!located) return undefined;
    const names: string[] = [];
    const { dir, count } = located;
    for (let at = 0, i = 0; i < count && at + 46 <= dir.length && dir.readUInt32LE(at) === 0x02014b50; i++) {
      const nameLength = dir.readUInt16LE(at + 28);
      names.push(dir.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
    }
    return names;
  } finally {
    await handle.close();
  }
}

/** The inflated bytes of one entry of a checked package, as a stream (destroy it to stop early). */
export function openZipEntry(file: string, entry: ZipEntry, onRead?: (position: number) => void): Readable {
  if (entry.compressedSize === 0) return Readable.from([]);
  const input = createReadStream(file, { start: entry.dataStart, end: entry.dataStart + entry.compressedSize - 1 });
  // Where in the file the reader is: a fair measure of how far through a part it has got.
  if (onRead) input.on('data', () => onRead(entry.dataStart + input.bytesRead));
  if (entry.method === 0) return input;
  // pipeline: destroying the inflated stream closes the file too.
  return pipeline(input, createInflateRaw(), () => {});
}

/** The whole inflated content of one small entry of a checked package. */
export async function readZipEntry(file: string, entry: ZipEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of openZipEntry(file, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, position);
  return buffer.subarray(0, bytesRead);
}

async function locateDirectory(handle: fs.FileHandle, fileSize: number) {
  const tailLength = Math.min(fileSize, 22 + 65_535);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > tail.length) return undefined;
  const count = tail.readUInt16LE(end + 10);
  const dirSize = tail.readUInt32LE(end + 12);
  const dirOffset = tail.readUInt32LE(end + 16);
  const dir = dirOffset + dirSize <= fileSize && count !== 0xffff && count <= MAX_ENTRIES ? await readAt(handle, dirOffset, dirSize) : Buffer.alloc(0);
  return { count, dirSize, dirOffset, dir };
}

/** The central directory, checked to tile the file: no hidden, overlapping or ZIP64 entries. */
async function readDirectory(handle: fs.FileHandle, fileSize: number, name: string, kind: ZipKind): Promise<ZipEntry[]> {
  const located = await locateDirectory(handle, fileSize);
  if (!located) throw refuse(name, kind, `the ZIP directory is missing (the file is cut short or not a ${kind.noun})`);
  const { count, dirSize, dirOffset, dir } = located;
  if (count === 0xffff || dirOffset === 0xffffffff) throw refuse(name, kind, 'ZIP64 packages are not accepted');
  if (count > MAX_ENTRIES) throw refuse(name, kind, `it has ${count} parts`);
  if (dirOffset + dirSize > fileSize) throw refuse(name, kind, `the ZIP directory points outside the file (the file is cut short or not a ${kind.noun})`);
  const entries: ZipEntry[] = [];
  for (let at = 0, i = 0; i < count; i++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== 0x02014b50) throw refuse(name, kind, 'the ZIP directory is damaged');
    const nameLength = dir.readUInt16LE(at + 28);
    entries.push({
      flags: dir.readUInt16LE(at + 8),
      method: dir.readUInt16LE(at + 10),
      crc: dir.readUInt32LE(at + 16),
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
    if (entry.flags & 0x1) throw refuse(name, kind, 'it is encrypted');
    if (entry.method !== 0 && entry.method !== 8) throw refuse(name, kind, `part ${entry.name} uses an unsupported compression method`);
    if (entry.localOffset !== expected) throw refuse(name, kind, 'its ZIP parts overlap or hide data between them');
    const local = await readAt(handle, entry.localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw refuse(name, kind, 'a ZIP part header is damaged');
    entry.dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    let next = entry.dataStart + entry.compressedSize;
    if (entry.flags & 0x8) {
      const descriptor = await readAt(handle, next, 4);
      next += descriptor.length === 4 && descriptor.readUInt32LE(0) === 0x08074b50 ? 16 : 12;
    }
    expected = next;
  }
  if (expected !== dirOffset) throw refuse(name, kind, 'its ZIP parts overlap or hide data before the directory');
  return entries;
}

/**
 * Inflates one part into nothing, refusing it as soon as it yields more than it declared, and
 * when its size or CRC-32 differs from the directory's (a damaged or cut file).
 */
async function inflateCounted(file: string, entry: ZipEntry, name: string, kind: ZipKind): Promise<void> {
  if (entry.compressedSize === 0) {
    if (entry.size !== 0) throw refuse(name, kind, `part ${entry.name} is empty but declares ${entry.size} bytes (the file is damaged)`);
    return;
  }
  const input = createReadStream(file, { start: entry.dataStart, end: entry.dataStart + entry.compressedSize - 1 });
  const inflate = entry.method === 0 ? undefined : createInflateRaw();
  const output: Readable = inflate ? input.pipe(inflate) : input;
  let produced = 0;
  let crc = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      output.on('data', (chunk: Buffer) => {
        produced += chunk.length;
        if (produced > entry.size) {
          reject(refuse(name, kind, `part ${entry.name} inflates to more than the ${entry.size} bytes it declares (a zip bomb?)`));
          input.destroy();
          inflate?.destroy();
          return;
        }
        crc = crc32(chunk, crc);
      });
      output.on('end', resolve);
      inflate?.on('error', () => reject(refuse(name, kind, `part ${entry.name} is not valid compressed data (the file is damaged)`)));
      input.on('error', reject);
    });
  } finally {
    input.destroy();
    inflate?.destroy();
  }
  if (produced !== entry.size || crc >>> 0 !== entry.crc >>> 0) {
    throw refuse(name, kind, `part ${entry.name} is damaged (its size or checksum does not match the ZIP directory)`);
  }
}
