/**
 * DOCX → its data tables (and the paragraphs above each), with merged cells laid out.
 *
 * Why not mammoth: mammoth 1.13 does keep merges (w:gridSpan → colspan, w:vMerge → rowspan), but
 * it loads the whole package with JSZip and the whole of word/document.xml into an xmldom DOM
 * and then a tree of its own: measured here, a 10,000-row table (33 MB of document.xml, a
 * 1 MB file) took 2.9 GB of memory and 19 s, and a 50 MB .docx can hold far more XML than that.
 * This reader streams word/document.xml instead (after the same ZIP guard as .xlsx: sizes,
 * ratio, checksums), through htmlparser2 in XML mode, keeping only the text of paragraphs and
 * cells: memory is about the document's text.
 *
 * Read: paragraphs (w:p) as lines, runs' text (w:t), tabs as spaces, w:br/w:cr as line breaks;
 * tables (w:tbl/w:tr/w:tc, nested ones too) with w:gridSpan (horizontal merge: covered cells '')
 * and w:vMerge (vertical merge: cells below take the top cell's text, marked fromAbove) and
 * w:gridBefore; inserted text (w:ins) counts. Ignored: deleted and moved-away text and rows
 * (w:del, w:moveFrom, a row's w:trPr/w:del), field codes (w:instrText), hidden runs (w:vanish),
 * drawings, text boxes and pictures (w:drawing, w:pict, mc:Choice).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import iconv from 'iconv-lite';
import { documentTables, DocumentBuilder, type DocModel } from './document-tables.ts';
import { FileFormatError, readHead, type TableSource } from './read-common.ts';
import { checkZipPackage, DOCX_PACKAGE, openZipEntry, readZipEntry, type ZipEntry } from './zip-limits.ts';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const W_NAMESPACES = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MAX_RELS_BYTES = 1024 * 1024;

export function docxTables(file: string, name: string, progress?: { bytesRead: number }): TableSource {
  let parsed: { model: DocModel; size: number } | undefined;
  return {
    emptyMessage: 'no table found in the document (a data table needs at least 2 rows and a row of 2 or more cells): nothing was read',
    emptyIsNotice: true,
    async *tables() {
      parsed ??= await parseDocx(file, name);
      yield* documentTables(parsed.model, name, parsed.size, progress);
    },
  };
}

async function parseDocx(file: string, name: string): Promise<{ model: DocModel; size: number }> {
  const head = await readHead(file, 8);
  if (head.length === 0) throw new FileFormatError(`${name}: the file is empty`);
  if (head.equals(OLE2)) {
    throw new FileFormatError(`${name}: this is a Word 97–2003 (.doc) document or a password-protected .docx; open it in Word or WPS, remove any password and save it as .docx, or convert it with: libreoffice --headless --convert-to docx "${name}"`);
  }
  if (!head.subarray(0, 4).equals(ZIP)) throw new FileFormatError(`${name}: not a valid .docx document (it is not a ZIP package); save it from Word or WPS as .docx`);
  const entries = await checkZipPackage(file, name, DOCX_PACKAGE);
  const main = await mainDocument(file, entries);
  if (!main) {
    if (entries.some((e) => /^xl\/workbook\.xml$/i.test(e.name))) throw new FileFormatError(`${name}: this is an Excel workbook (.xlsx), not a Word document; give it the .xlsx extension`);
    throw new FileFormatError(`${name}: not a Word document (the package has no word/document.xml); save it from Word or WPS as .docx`);
  }
  const builder = new DocumentBuilder(name);
  const parser = new Parser(docxHandler(builder), { xmlMode: true, decodeEntities: true });
  let decode: ((chunk: Buffer) => string) | undefined;
  for await (const chunk of openZipEntry(file, main)) {
    decode ??= decoderFor(chunk as Buffer);
    parser.write(decode(chunk as Buffer));
  }
  parser.end();
  return { model: builder.finish(), size: (await fs.stat(file)).size };
}

/** word/document.xml, or whichever part _rels/.rels names as the main document. */
async function mainDocument(file: string, entries: ZipEntry[]): Promise<ZipEntry | undefined> {
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  const rels = byName.get('_rels/.rels');
  if (rels && rels.size <= MAX_RELS_BYTES) {
    const xml = (await readZipEntry(file, rels)).toString('utf8');
    for (const match of xml.matchAll(/<Relationship\b[^>]*>/g)) {
      const tag = match[0];
      if (!/Type="[^"]*\/officeDocument"/.test(tag)) continue;
      const target = /Target="([^"]+)"/.exec(tag)?.[1];
      if (!target) continue;
      const part = byName.get(path.posix.normalize(target.replace(/^\//, '')).toLowerCase());
      if (part) return part;
    }
  }
  return byName.get('word/document.xml');
}

/** UTF-8 (the norm) or UTF-16 by BOM, decoding chunk by chunk. */
function decoderFor(first: Buffer): (chunk: Buffer) => string {
  if (first[0] === 0xff && first[1] === 0xfe) {
    const decoder = iconv.getDecoder('utf16le');
    return (chunk) => decoder.write(chunk);
  }
  const decoder = new TextDecoder('utf-8');
  return (chunk) => decoder.decode(chunk, { stream: true });
}

function docxHandler(builder: DocumentBuilder) {
  let w = 'w:'; // the prefix of the WordprocessingML namespace, from the root element
  const stack: string[] = [];
  let skipping = 0; // depth of the element whose content is ignored; 0 when none
  let hiddenRun = false;
  const local = (tag: string) => (tag.startsWith(w) ? tag.slice(w.length) : `:${tag}`);
  const parent = () => stack[stack.length - 2];
  const val = (attribs: Record<string, string>) => attribs[`${w}val`];
  const SKIP = new Set(['drawing', 'pict', 'object', 'del', 'moveFrom', 'instrText', 'delText', 'sym', 'footnoteReference', 'endnoteReference', ':mc:Choice']);
  return {
    onopentag(tag: string, attribs: Record<string, string>) {
      if (stack.length === 0) {
        const prefix = Object.entries(attribs).find(([key, value]) => key.startsWith('xmlns:') && W_NAMESPACES.has(value))?.[0].slice(6);
        if (prefix) w = `${prefix}:`;
      }
      const name = local(tag);
      stack.push(name);
      if (skipping) return;
      const up = parent();
      if (up === 'trPr') {
        if (name === 'del') builder.deleteRow();
        else if (name === 'gridBefore') builder.skipColumns(Number(val(attribs)));
        return;
      }
      if (up === 'tcPr') {
        if (name === 'gridSpan') builder.spanCell({ colspan: Number(val(attribs)) || 1 });
        else if (name === 'vMerge') builder.spanCell({ continues: (val(attribs) ?? 'continue') !== 'restart' });
        return;
      }
      if (name === 'vanish' && up === 'rPr' && stack[stack.length - 3] === 'r') {
        hiddenRun = !['0', 'false', 'off'].includes(val(attribs) ?? '');
        return;
      }
      if (SKIP.has(name)) {
        skipping = stack.length;
        return;
      }
      switch (name) {
        case 'tbl':
          return builder.openTable();
        case 'tr':
          return builder.openRow();
        case 'tc':
          return builder.openCell();
        case 'r':
          hiddenRun = false;
          return;
        case 'tab':
          if (up === 'r' && !hiddenRun) builder.text(' ');
          return;
        case 'br':
        case 'cr':
          if (up === 'r' && !hiddenRun) builder.lineBreak();
          return;
        case 'noBreakHyphen':
          if (up === 'r' && !hiddenRun) builder.text('-');
          return;
      }
    },
    onclosetag() {
      const depth = stack.length;
      const name = stack.pop();
      if (skipping) {
        if (depth === skipping) skipping = 0;
        return;
      }
      switch (name) {
        case 'p':
          return builder.lineBreak();
        case 'tc':
          return builder.closeCell();
        case 'tr':
          return builder.closeRow();
        case 'tbl':
          return builder.closeTable();
        case 'r':
          hiddenRun = false;
          return;
      }
    },
    ontext(text: string) {
      if (!skipping && !hiddenRun && stack.at(-1) === 't') builder.text(text);
    },
  };
}
