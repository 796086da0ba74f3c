/**
 * What a file really is, from its first bytes (and, for a ZIP package, its directory), and the
 * advice for the formats the importer cannot read: the extension a publisher gave a file often
 * lies (an "xls" exported by a web system is an HTML page; a "doc" may be a web page saved by
 * Word), so the readers look before they parse.
 */
import { readHead } from './read-common.ts';
import { zipEntryNames } from './zip-limits.ts';

export type FileKind =
  | 'empty'
  | 'xlsx'
  | 'docx'
  | 'ods'
  | 'odt'
  | 'ofd'
  | 'zip'
  /** Starts like a ZIP package but has no readable directory: cut short or damaged. */
  | 'damaged-zip'
  | 'ole2'
  | 'pdf'
  | 'rtf'
  | 'mht'
  | 'html'
  | 'spreadsheet-xml'
  | 'utf16'
  | 'binary'
  | 'text';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The kind of a file by content. */
export async function detectKind(file: string): Promise<FileKind> {
  const head = await readHead(file, 8192);
  if (head.length === 0) return 'empty';
  if (head.subarray(0, 8).equals(OLE2)) return 'ole2';
  if (head.subarray(0, 4).equals(ZIP)) return zipKind(file);
  // A PDF may have up to 1 KiB of anything before its header.
  if (/(?:^|[\r\n])%PDF-\d/.test(head.subarray(0, 1024).toString('latin1'))) return 'pdf';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    const text = head.subarray(2).toString(head[0] === 0xff ? 'utf16le' : 'latin1').replace(/\0/g, '');
    return looksLikeHtml(text) ? 'html' : 'utf16';
  }
  return textKind(head);
}

/** The kind of a text-looking head: HTML, SpreadsheetML, RTF, MHT, or anything else. */
export function textKind(head: Buffer): FileKind {
  const text = head.toString('latin1').replace(/^\xef\xbb\xbf/, '');
  if (text.startsWith('{\\rtf')) return 'rtf';
  if (/^\s*(MIME-Version:|Content-Type:\s*multipart\/related)/i.test(text) || /^Content-Type:\s*multipart\/related/im.test(text.slice(0, 2048))) return 'mht';
  if (/^\s*<\?xml/i.test(text) && /urn:schemas-microsoft-com:office:spreadsheet|<(ss:)?Workbook[\s>]/.test(text)) return 'spreadsheet-xml';
  if (looksLikeHtml(text)) return 'html';
  if (head.includes(0)) return 'binary';
  return 'text';
}

function looksLikeHtml(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('<')) return false;
  return /<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|table[\s>]|meta[\s>])/i.test(start.slice(0, 8192));
}

async function zipKind(file: string): Promise<FileKind> {
  const names = (await zipEntryNames(file)) ?? [];
  if (names.some((n) => /^xl\/workbook\.xml$/i.test(n))) return 'xlsx';
  if (names.some((n) => /^word\/document\.xml$/i.test(n))) return 'docx';
  if (names.some((n) => /^ofd\.xml$/i.test(n))) return 'ofd';
  if (names.includes('mimetype')) return odKind(file);
  return names.length === 0 ? 'damaged-zip' : 'zip';
}

async function odKind(file: string): Promise<FileKind> {
  // The OpenDocument "mimetype" part is stored first and uncompressed: its text is in the head.
  const head = (await readHead(file, 256)).toString('latin1');
  if (head.includes('opendocument.spreadsheet')) return 'ods';
  if (head.includes('opendocument.text')) return 'odt';
  return 'zip';
}

const convert = (to: string, name: string) => `libreoffice --headless --convert-to ${to} "${name}"`;

/**
 * What to do with a format the importer cannot read, by extension or kind; undefined for the
 * formats it reads. Every message names a way out.
 */
export function adviceFor(kindOrExt: string, name: string): string | undefined {
  switch (kindOrExt) {
    case '.pdf':
    case 'pdf':
      return `a PDF cannot be imported: it holds the table only as text placed on a page. Ask the publisher for the original spreadsheet (.xlsx, .xls or CSV) or export the table from it; otherwise convert the PDF with a table extractor (for example Tabula, or "PDF 转 Excel" in WPS or Acrobat) to CSV, check it against the PDF, and import that`;
    case '.ofd':
    case 'ofd':
      return `an OFD document cannot be imported: it holds the table only as text placed on a page. Ask the publisher for the original spreadsheet (.xlsx, .xls or CSV); otherwise open it in an OFD reader, export it to Word or Excel, check the table, and import that`;
    case '.doc':
      return `Word 97–2003 (.doc) documents cannot be read; open it in Word or WPS and save it as .docx (文件 → 另存为 → Word 文档 *.docx), or convert it with: ${convert('docx', name)}`;
    case '.wps':
      return `WPS 文字 (.wps) documents cannot be read; open it in WPS and save it as .docx (文件 → 另存为 → Word 文档 *.docx), or convert it with: ${convert('docx', name)}`;
    case '.et':
    case '.ett':
      return `WPS 表格 (.et) workbooks cannot be read; open it in WPS and save it as .xlsx (文件 → 另存为 → Excel 工作簿 *.xlsx), or convert it with: ${convert('xlsx', name)}`;
    case '.rtf':
    case 'rtf':
      return `RTF documents cannot be read; open it in Word or WPS and save it as .docx, or convert it with: ${convert('docx', name)}`;
    case '.mht':
    case '.mhtml':
    case 'mht':
      return `a web archive (.mht) cannot be read; open it in Word or WPS and save it as .docx, or in a browser and save the page as "网页，仅 HTML" (.html)`;
    case '.odt':
    case 'odt':
      return `OpenDocument text (.odt) cannot be read; save it as .docx, or convert it with: ${convert('docx', name)}`;
    case '.ods':
    case 'ods':
      return `OpenDocument spreadsheets (.ods) cannot be read; save it as .xlsx, or convert it with: ${convert('xlsx', name)}`;
    case '.zip':
    case '.rar':
    case '.7z':
    case 'zip':
      return `an archive cannot be imported as a table; unpack it and import the files inside`;
    case '.ppt':
    case '.pptx':
      return `a presentation cannot be imported as a table; copy the table into Excel and save it as .xlsx`;
    default:
      return undefined;
  }
}
