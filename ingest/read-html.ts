/**
 * HTML (a saved announcement page, or a web system's "Excel" export that is really HTML) → its
 * data tables, with rowspan/colspan laid out (document-tables.ts).
 *
 * Why htmlparser2: it was already installed (sanitize-html uses it), it is a small, maintained,
 * forgiving parser that knows HTML's implied end tags (an unclosed <td> or <tr> closes at the
 * next one, <p> at a block), its raw-text elements (<script>, <style>, <title>) and its
 * entities, and it streams callbacks without building a DOM, so a page costs about its text.
 * parse5 follows the WHATWG tree-construction rules more closely (foster parenting of
 * misplaced table content) but builds the whole tree; the tables of published pages do not need
 * those rules.
 *
 * Encoding: a BOM; else <meta charset> / <meta http-equiv="Content-Type" content="…charset=…">
 * (or an XML declaration) in the first 64 KiB; else UTF-8 when the whole file is valid UTF-8,
 * GB18030 otherwise (as the CSV reader). GB2312 and GBK are decoded as GB18030, their superset;
 * a page that declares UTF-8 but is not valid UTF-8 (a common mislabelling) is read as GB18030.
 *
 * Cell text is the text content: <br> and block elements break lines, other whitespace runs
 * collapse to one space, entities are decoded, <script>, <style>, <noscript>, <template>,
 * <select> and elements hidden with `hidden` or `display:none` are ignored.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs/promises';
import { Parser } from 'htmlparser2';
import iconv from 'iconv-lite';
import { documentTables, DocumentBuilder, type DocModel } from './document-tables.ts';
import { checkDocumentSize, type TableSource } from './read-common.ts';

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'select', 'svg', 'math', 'iframe', 'object', 'textarea']);
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'legend', 'li',
  'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'ul', 'body', 'thead', 'tbody', 'tfoot',
]);

export function htmlTables(file: string, name: string, progress?: { bytesRead: number }): TableSource {
  let parsed: { model: DocModel; size: number } | undefined;
  return {
    emptyMessage: 'no table found (a data table needs at least 2 rows and a row of 2 or more cells): nothing was read; if the page links to an attachment (.xls, .xlsx, .docx), import that',
    emptyIsNotice: true,
    async *tables() {
      if (!parsed) {
        const size = await checkDocumentSize(file, name, 'an HTML page', 'save only the table (or export it as CSV), or split the page');
        const bytes = await fs.readFile(file);
        parsed = { model: parseHtml(bytes, name), size };
      }
      yield* documentTables(parsed.model, name, parsed.size, progress);
    },
  };
}

/** The tables and text of an HTML document given as bytes in any of the encodings above. */
export function parseHtml(bytes: Buffer, name: string): DocModel {
  const encoding = htmlEncoding(bytes);
  const builder = new DocumentBuilder(name);
  const parser = new Parser(htmlHandler(builder), { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  const SLICE = 1024 * 1024;
  for (let at = 0; at < bytes.length; at += SLICE) parser.write(decoder.write(bytes.subarray(at, at + SLICE)));
  const rest = decoder.end();
  if (rest) parser.write(rest);
  parser.end();
  return builder.finish();
}

/** The tables and text of an HTML document already decoded. */
export function parseHtmlText(text: string, name: string): DocModel {
  const builder = new DocumentBuilder(name);
  const parser = new Parser(htmlHandler(builder), { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.write(text);
  parser.end();
  return builder.finish();
}

function htmlHandler(builder: DocumentBuilder) {
  let depth = 0;
  let skipping = 0; // depth of the element whose content is ignored; 0 when none
  let titled = false;
  return {
    onopentag(tag: string, attribs: Record<string, string>) {
      depth += 1;
      if (skipping) return;
      if (SKIPPED.has(tag) || attribs.hidden !== undefined || /display\s*:\s*none/i.test(attribs.style ?? '')) {
        skipping = depth;
        return;
      }
      switch (tag) {
        case 'title':
          if (!titled) builder.openTitle();
          return;
        case 'table':
          return builder.openTable();
        case 'caption':
          return builder.openCaption();
        case 'tr':
          return builder.openRow();
        case 'td':
        case 'th':
          return builder.openCell(span(attribs.colspan, 1), span(attribs.rowspan, 1));
        case 'br':
          return builder.lineBreak();
        default:
          if (BLOCKS.has(tag)) builder.lineBreak();
      }
    },
    onclosetag(tag: string) {
      if (skipping) {
        if (depth === skipping) skipping = 0;
        depth -= 1;
        return;
      }
      depth -= 1;
      switch (tag) {
        case 'title':
          titled = true;
          return builder.closeTitle();
        case 'table':
          return builder.closeTable();
        case 'caption':
          return builder.closeCaption();
        case 'tr':
          return builder.closeRow();
        case 'td':
        case 'th':
          return builder.closeCell();
        default:
          if (BLOCKS.has(tag)) builder.lineBreak();
      }
    },
    ontext(text: string) {
      if (!skipping) builder.text(text);
    },
  };
}

/** A colspan/rowspan attribute as HTML parses it: leading digits; anything else is the default. */
function span(value: string | undefined, fallback: number): number {
  const match = /^\s*(\d+)/.exec(value ?? '');
  return match ? Number(match[1]) : fallback;
}

/** GB2312, GBK and their aliases are decoded as GB18030, which contains them (as browsers do with GBK). */
const GB = new Set(['gb2312', 'gbk', 'x-gbk', 'gb18030', 'cp936', 'ms936', 'windows-936', 'chinese', 'csgb2312', 'gb_2312-80', 'gb_2312', 'iso-ir-58', 'euc-cn', 'x-euc-cn']);

/** The encoding of an HTML document: BOM, then declaration, then UTF-8 validity. */
export function htmlEncoding(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  const declared = declaredCharset(bytes.subarray(0, 65536).toString('latin1'));
  const valid = isUtf8(bytes);
  if (declared) {
    if (GB.has(declared)) return 'gb18030';
    if (declared === 'utf-8' || declared === 'utf8' || declared.startsWith('utf-16')) return valid ? 'utf8' : 'gb18030';
    if (declared === 'big5' || declared === 'big5-hkscs' || declared === 'x-x-big5') return 'big5hkscs';
    if (declared === 'iso-8859-1' || declared === 'latin1' || declared === 'us-ascii' || declared === 'ascii') return valid ? 'utf8' : 'windows-1252';
    if (iconv.encodingExists(declared)) return declared;
  }
  return valid ? 'utf8' : 'gb18030';
}

function declaredCharset(head: string): string | undefined {
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (meta) return meta[1]!.toLowerCase();
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return xml ? xml[1]!.toLowerCase() : undefined;
}

