/**
 * Hostile import files, built in the test so nothing large is committed: a zip-bomb workbook
 * (a ~200 KB ZIP whose sheet inflates to 200 MB), one that lies about its sizes, and CSV files
 * that are malformed, binary, in the wrong encoding or something else under a .csv name.
 */
import { createDeflateRaw, crc32 } from 'node:zlib';
import fs from 'node:fs/promises';
import iconv from 'iconv-lite';

interface ZipEntry {
  name: string;
  /** Raw-deflated bytes. */
  compressed: Buffer;
  crc: number;
  /** The size written in the ZIP headers (a liar's may differ from the real one). */
  declaredSize: number;
}

/** A ZIP package from already-deflated entries, laid out as Excel writes one. */
export function zipPackage(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(e.crc >>> 0, 16);
    dir.writeUInt32LE(e.compressed.length, 20);
    dir.writeUInt32LE(e.declaredSize, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, e.compressed);
    central.push(dir, name);
    offset += 30 + name.length + e.compressed.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

/** Deflates `repeat` copies of `chunk` without ever holding them all: the bytes, CRC and real size. */
async function deflateRepeated(head: string, chunk: Buffer, repeat: number, tail: string) {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  await write(Buffer.from(head));
  for (let i = 0; i < repeat; i++) await write(chunk);
  await write(Buffer.from(tail));
  deflate.end();
  await done;
  return { compressed: Buffer.concat(out), crc, size };
}

const small = async (name: string, text: string): Promise<ZipEntry> => {
  const d = await deflateRepeated(text, Buffer.alloc(0), 0, '');
  return { name, compressed: d.compressed, crc: d.crc, declaredSize: d.size };
};

/**
 * A workbook whose only sheet is `megabytes` MB of identical rows: a few hundred KB on disk.
 * `lie` writes a tiny size into the ZIP headers, as a bomb made to slip past size checks would.
 */
export async function zipBombXlsx(file: string, megabytes: number, lie = false): Promise<number> {
  const row = '<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAA</t></is></c></row>';
  const chunk = Buffer.from(row.repeat(Math.ceil((1024 * 1024) / row.length)));
  const sheet = await deflateRepeated('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', chunk, megabytes, '</sheetData></worksheet>');
  const bytes = zipPackage([
    await small('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    { name: 'xl/worksheets/sheet1.xml', compressed: sheet.compressed, crc: sheet.crc, declaredSize: lie ? 4096 : sheet.size },
  ]);
  await fs.writeFile(file, bytes);
  return bytes.length;
}

/** CSV text → bytes in an encoding other than UTF-8. */
export const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]);
export const latin1 = (text: string) => iconv.encode(text, 'latin1');

/** Bytes from a fixed seed: binary garbage that is the same on every run. */
export function garbage(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}
