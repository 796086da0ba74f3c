import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridRows, type SpanCell } from '../../ingest/document-grid.ts';
import { htmlEncoding, parseHtmlText } from '../../ingest/read-html.ts';
import { FileFormatError, readHeaders, readRows, type SourceRow } from '../../ingest/read-table.ts';
import { TYPE_BY_NAME } from '../../types/registry.ts';
import { zipPackage } from '../hostile/files.ts';

const fixture = (name: string) => path.join(import.meta.dirname, '../fixtures/readers', name);
const spotChecks = Object.values(TYPE_BY_NAME['spot-checks'].import.headers).flat();

async function read(file: string, knownHeaders: string[] = spotChecks) {
  const rows: SourceRow[] = [];
  const notices: string[] = [];
  for await (const row of readRows(file, { knownHeaders, onNotice: (m) => notices.push(m) })) rows.push(row);
  return { rows, notices, tables: [...new Set(rows.map((r) => r.table))] };
}

/** The one FileFormatError reading a file ends with. */
async function failure(file: string): Promise<string> {
  const error = await read(file).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FileFormatError);
  const message = (error as Error).message;
  expect(message.startsWith(`${path.basename(file)}: `), message).toBe(true);
  expect(message).not.toMatch(/\n|node_modules/);
  return message;
}

const filled = (row: SourceRow) => row.values!.filter((v) => v !== '');

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'read-formats-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
const write = async (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  await fs.writeFile(file, content);
  return file;
};
const copy = async (from: string, name: string) => write(name, await fs.readFile(fixture(from)));

describe('XLS (Excel 97–2003)', () => {
  it('reads every worksheet with a recognised header; a cover sheet without one and a hidden sheet are skipped with notices', async () => {
    const { tables, notices } = await read(fixture('spot-checks.xls'));
    expect(tables.map((t) => [t.index, t.sheet])).toEqual([[1, '抽查结果'], [2, '不合格产品']]);
    expect(notices).toEqual(['sheet "说明": skipped, no recognised header', 'sheet "旧表": skipped, hidden']);
  });

  it('finds the two-row merged header below the merged title rows, which become the preamble', async () => {
    const { tables } = await read(fixture('spot-checks.xls'));
    expect(tables[0]).toEqual({
      index: 1,
      sheet: '抽查结果',
      headers: ['序号', '产品名称', '标称生产企业名称', '标称生产企业地址', '被抽样单位名称', '规格型号', '生产日期', '抽样日期', '检验结果', '不合格项目', '备注', '单价（元）'],
      headerRow: 4,
      preamble: ['2023年第12号 电线电缆产品质量监督抽查结果', '注：本次抽查共抽取5批次产品，其中2批次产品不合格。'],
    });
    expect(tables[1]).toEqual({ index: 2, sheet: '不合格产品', headers: ['序号', '产品名称', '标称生产企业名称', '检验结果'], headerRow: 1, preamble: [] });
    // Without header names the same header is found, in the first non-empty sheet only.
    const bare = await read(fixture('spot-checks.xls'), []);
    expect(bare.tables.map((t) => t.sheet)).toEqual(['说明']);
  });

  it('numbers rows as the sheet does; section rows and the footnote merged across have one non-empty cell', async () => {
    const { rows } = await read(fixture('spot-checks.xls'));
    const sheet = rows.filter((r) => r.table.sheet === '抽查结果');
    expect(sheet.map((r) => r.rowNumber)).toEqual([5, 6, 7, 8, 9, 10, 12]);
    expect([5, 9, 12].map((n) => filled(sheet.find((r) => r.rowNumber === n)!))).toEqual([['1、电线电缆'], ['2、插座'], ['注：带*为安全项目。']]);
    expect(sheet[0]!.values).toHaveLength(12);
  });

  it('fills a 受检单位 merged down over three products into each of their rows', async () => {
    const { rows } = await read(fixture('spot-checks.xls'));
    const units = rows.filter((r) => r.table.sheet === '抽查结果' && /^\d+$/.test(r.cells['序号']!)).map((r) => r.cells['被抽样单位名称']);
    expect(units).toEqual(['青岚市禾木五金建材商行', '青岚市禾木五金建材商行', '青岚市禾木五金建材商行', '青岚市顺泽电料经营部']);
    // Which cells were filled down is kept, so rows continuing a merged product can be told.
    const merged = rows.filter((r) => r.table.sheet === '抽查结果' && [6, 7, 8, 10].includes(r.rowNumber));
    expect(merged.map((r) => r.fromAbove?.[4])).toEqual([undefined, true, true, undefined]);
    expect(merged[1]!.fromAbove!.filter(Boolean)).toHaveLength(1);
  });

  it('gives dates as ISO (yyyy-mm-dd and the zh-CN built-in format 31), numbers in plain decimal, errors as empty', async () => {
    const data = (await read(fixture('spot-checks.xls'))).rows.filter((r) => r.table.sheet === '抽查结果' && /^\d+$/.test(r.cells['序号']!));
    expect(data.map((r) => r.cells['生产日期'])).toEqual(['2023-03-01', '2023-03-02', '2023-02-18', '2023-01-09']);
    expect(data.map((r) => r.cells['抽样日期'])).toEqual(['2023-03-15', '2023-03-15', '2023-03-16', '2023-03-17']);
    expect(data.map((r) => r.cells['单价（元）'])).toEqual(['0.3', '12.5', '1000000000000000000000', '0.000015']);
    expect(data.map((r) => r.cells['备注'])).toEqual(['已责令整改', '', 'TRUE', '']);
    expect(data.map((r) => r.cells['序号'])).toEqual(['1', '2', '3', '4']);
  });

  it('reads an Excel 2003 XML workbook saved as .xls: formulas give their cached value, never evaluated', async () => {
    const { rows, tables } = await read(fixture('spot-checks-2003.xls'));
    expect(tables[0]).toMatchObject({ sheet: '抽查结果', headerRow: 2, preamble: ['2023年第3号 插座产品质量监督抽查结果'] });
    expect(rows.map((r) => [r.rowNumber, r.cells['序号'], r.cells['备注']])).toEqual([[3, '1', '复检合格'], [4, '2', '']]);
    for (const row of rows) expect(row.values!.join('|')).not.toMatch(/ROW\(|IF\(|cmd/);
  });

  it('reads what is published as .xls but is an HTML table (a web system export, GBK without a charset) or an .xlsx', async () => {
    const { rows, tables } = await read(fixture('web-export.xls'));
    expect(tables[0]!.sheet).toBe('表格 1');
    expect(rows.map((r) => r.cells)).toEqual([{ 产品名称: '移动式插座', 被抽样单位名称: '青岚市顺泽电料经营部', 检验结果: '合格' }]);
    const xlsx = await write('really-xlsx.xls', await fs.readFile(path.join(import.meta.dirname, '../fixtures/spot-checks-merged-header.xlsx')));
    expect((await read(xlsx)).rows.map((r) => r.rowNumber)).toEqual([5, 6, 7, 8, 9]);
  });

  it('refuses a truncated or damaged .xls, or another Office file under the name, with one FileFormatError', async () => {
    const whole = await fs.readFile(fixture('spot-checks.xls'));
    for (const cut of [0.9, 0.5, 0.1]) {
      expect(await failure(await write('truncated.xls', whole.subarray(0, Math.floor(whole.length * cut))))).toMatch(/^truncated\.xls: not a readable \.xls workbook \(damaged or cut short.*\); open it in Excel or WPS and save it again as \.xlsx/);
    }
    const garbage = Buffer.concat([whole.subarray(0, 8), Buffer.alloc(4000, 7)]);
    expect(await failure(await write('garbage.xls', garbage))).toMatch(/^garbage\.xls: not a readable \.xls workbook/);
    expect(await failure(await copy('results.doc', 'letter.xls'))).toMatch(/^letter\.xls: this is a Word 97–2003 document, not a workbook; .*save it as \.docx/);
    expect(await failure(await write('notes.xls', '产品名称,检验结果\n电线,合格\n'))).toMatch(/^notes\.xls: this is not an Excel 97–2003 workbook: it is plain text; if it is CSV, give it the \.csv extension/);
    expect(await failure(await write('empty.xls', ''))).toMatch(/^empty\.xls: the file is empty/);
  });

  it('refuses an .xls over 50 MB from its size, without reading it', async () => {
    const file = await write('huge.xls', Buffer.from('d0cf11e0a1b11ae1', 'hex'));
    await fs.truncate(file, 51 * 1024 * 1024); // sparse: nothing of it is on disk
    const heap = process.memoryUsage().heapUsed;
    expect(await failure(file)).toMatch(/^huge\.xls: refused: an \.xls workbook of 51 MB is larger than the 50 MB that can be read at once; save it as \.xlsx/);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(20 * 1024 * 1024);
  });
});

describe('HTML pages', () => {
  it('reads the data tables inside a layout table, in order, with the page text above each as preamble', async () => {
    const { tables, notices } = await read(fixture('spot-checks.html'));
    expect(notices).toEqual([]);
    expect(tables.map((t) => [t.index, t.sheet, t.headerRow])).toEqual([[0, '电线电缆产品质量监督抽查结果', 2], [1, '表格 2', 1]]);
    expect(tables[0]!.preamble).toEqual([
      '关于2023年第12号电线电缆产品质量监督抽查结果的公告',
      '首页 > 信息公开',
      '发布时间：2023-06-14 来源：青岚市市场监督管理局',
      '近期，我局组织开展了电线电缆产品质量监督抽查，共抽查5批次产品，发现2批次产品不合格。',
    ]);
    // The one-row table of links is text; the heading between the tables belongs to the second.
    expect(tables[1]!.preamble).toEqual(['关于2023年第12号电线电缆产品质量监督抽查结果的公告', '附件1 附件2', '二、不合格产品的处理']);
    expect(tables[0]!.headers).toEqual(['序号', '产品名称', '标称生产企业名称', '标称生产企业地址', '被抽样单位名称', '规格型号', '检验结果', '不合格项目']);
  });

  it('lays out rowspan (filled down in data rows) and colspan (a section row with one non-empty cell); rows are <tr> numbers', async () => {
    const { rows } = await read(fixture('spot-checks.html'));
    const first = rows.filter((r) => r.table.index === 0);
    expect(first.map((r) => r.rowNumber)).toEqual([3, 4, 5, 6, 7]);
    expect(filled(first[0]!)).toEqual(['1、电线电缆']);
    expect(filled(first[4]!)).toEqual(['注：带*为安全项目。']);
    expect(first.slice(1, 4).map((r) => r.cells['被抽样单位名称'])).toEqual(['青岚市禾木五金建材商行', '青岚市禾木五金建材商行', '青岚市顺泽电料经营部']);
  });

  it('gives cell text as a browser shows it: <br> a line break, whitespace collapsed, entities decoded, scripts and hidden text ignored', async () => {
    const { rows } = await read(fixture('spot-checks.html'));
    const [, one, two, three] = rows;
    expect(one!.cells['产品名称']).toBe('聚氯乙烯\n绝缘电缆');
    expect(one!.cells['不合格项目']).toBe('导体电阻、 绝缘平均厚度');
    expect(one!.cells['规格型号']).toBe('BV 2.5mm² 450/750V');
    expect(two!.cells['不合格项目']).toBe(''); // &nbsp; alone
    expect(three!.cells['规格型号']).toBe('YJV 3×95'); // unclosed <td>s close at the next one
    const text = JSON.stringify(rows.map((r) => [r.values, r.table.preamble]));
    expect(text).not.toMatch(/不是数据|隐藏的分享按钮|padding/);
  });

  it('decodes a GB2312-declared page as GB18030, giving the same rows', async () => {
    const utf8 = await read(fixture('spot-checks.html'));
    const gbk = await read(fixture('spot-checks-gbk.html'));
    const cells = (rows: SourceRow[]) => rows.map((r) => JSON.stringify(r.cells).replace(/²/g, '2'));
    expect(cells(gbk.rows)).toEqual(cells(utf8.rows));
    expect(gbk.tables[0]!.preamble).toEqual(utf8.tables[0]!.preamble);
  });

  it('detects the encoding from the BOM, the declaration, or UTF-8 validity', () => {
    const page = (meta: string, body = '产品名称') => `<html><head>${meta}</head><body>${body}</body></html>`;
    expect(htmlEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(page('<meta charset="gbk">'), 'utf8')]))).toBe('utf8');
    expect(htmlEncoding(Buffer.from([0xff, 0xfe, 0x3c, 0x00]))).toBe('utf16le');
    expect(htmlEncoding(iconv.encode(page('<meta charset="gb2312">'), 'gbk'))).toBe('gb18030');
    expect(htmlEncoding(iconv.encode(page('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GBK">'), 'gbk'))).toBe('gb18030');
    expect(htmlEncoding(iconv.encode(page('<meta charset=utf-8>'), 'utf8'))).toBe('utf8');
    expect(htmlEncoding(iconv.encode(page('<meta charset="utf-8">'), 'gbk'))).toBe('gb18030'); // mislabelled
    expect(htmlEncoding(iconv.encode(page(''), 'gbk'))).toBe('gb18030');
    expect(htmlEncoding(iconv.encode(page(''), 'utf8'))).toBe('utf8');
    expect(htmlEncoding(iconv.encode(page('<meta charset="big5">'), 'big5'))).toBe('big5hkscs');
  });

  it('takes the innermost data table: layout tables never hide it, a tiny table inside a cell stays text of that cell', () => {
    const model = parseHtmlText(`<table><tr><td>站点导航</td><td>
      <table><tr><td><table><tr><th>产品名称</th><th>检验结果</th></tr><tr><td>电线<table><tr><td>（复检）</td></tr></table></td><td>合格</td></tr></table></td></tr></table>
      </td></tr></table>`, 'x.html');
    expect(model.tables).toHaveLength(1);
    expect(model.tables[0]!.before).toEqual(['站点导航']);
    expect([...gridRows(model.tables[0]!.rows, 'x.html')].map((r) => r.values)).toEqual([['产品名称', '检验结果'], ['电线\n（复检）', '合格']]);
  });

  it('reads no row from a page without a data table, and says so', async () => {
    const page = await write('news.html', '<html><body><p>未发现不合格产品，名单见附件。</p><table><tr><td>只有一行</td><td>x</td></tr></table></body></html>');
    const { rows, notices } = await read(page);
    expect(rows).toEqual([]);
    expect(notices).toEqual([expect.stringMatching(/^no table found .*nothing was read; if the page links to an attachment .*import that/)]);
  });

  it('refuses a NUL in a cell, and a workbook under an .html name', async () => {
    expect(await failure(await write('nul.html', '<table><tr><th>产品名称</th><th>检验结果</th></tr><tr><td>a\u0000b</td><td>合格</td></tr></table>'))).toMatch(/^nul\.html: row 2 contains NUL bytes/);
    expect(await failure(await copy('spot-checks.docx', 'page.html'))).toMatch(/^page\.html: this is not an HTML page: it is a Word \.docx document; give it the \.docx extension/);
  });
});

describe('DOCX', () => {
  it('reads each table with the paragraphs above it; gridSpan and vMerge are laid out like colspan and rowspan', async () => {
    const { rows, tables, notices } = await read(fixture('spot-checks.docx'));
    expect(notices).toEqual([]);
    expect(tables.map((t) => [t.index, t.sheet, t.headerRow])).toEqual([[0, '表格 1', 2], [1, '表格 2', 1]]);
    expect(tables[0]!.preamble).toEqual(['青岚市市场监督管理局关于2023年第12号电线电缆产品质量监督抽查结果的公告', '近期，我局组织开展了电线电缆产品质量监督抽查，共抽查5批次产品。', '附件1']);
    expect(tables[1]!.preamble).toEqual(['二、不合格产品名单']);
    expect(tables[0]!.headers).toEqual(['序号', '产品名称', '标称生产企业名称', '标称生产企业地址', '被抽样单位名称', '规格型号', '检验结果']);
    const first = rows.filter((r) => r.table === tables[0]);
    expect(first.map((r) => r.rowNumber)).toEqual([3, 4, 5, 6, 7]);
    expect(filled(first[0]!)).toEqual(['1、电线电缆']);
    expect(filled(first[4]!)).toEqual(['注：带*为安全项目。']);
    expect(first.slice(1, 4).map((r) => r.cells['被抽样单位名称'])).toEqual(['青岚市禾木五金建材商行', '青岚市禾木五金建材商行', '青岚市顺泽\n电料经营部']);
  });

  it('leaves out deleted rows and text, hidden runs and field codes', async () => {
    const { rows } = await read(fixture('spot-checks.docx'));
    expect(rows.find((r) => r.cells['序号'] === '3')!.cells['检验结果']).toBe('合格');
    expect(JSON.stringify(rows.map((r) => [r.values, r.table.preamble]))).not.toMatch(/已删除|隐藏|PAGE/);
  });

  it('is read as what it is under a .doc name, and a .doc under a .docx name is refused with advice', async () => {
    expect((await read(await copy('spot-checks.docx', 'saved-by-word.doc'))).rows).toHaveLength(6);
    expect(await failure(await copy('results.doc', 'old.docx'))).toMatch(/^old\.docx: this is a Word 97–2003 \(\.doc\) document or a password-protected \.docx; .*libreoffice --headless --convert-to docx "old\.docx"/);
  });

  it('refuses a truncated or damaged .docx with one FileFormatError', async () => {
    const whole = await fs.readFile(fixture('spot-checks.docx'));
    expect(await failure(await write('cut.docx', whole.subarray(0, Math.floor(whole.length * 0.6))))).toMatch(/^cut\.docx: refused: the ZIP directory is missing \(the file is cut short or not a document\); save it again from Word or WPS as \.docx/);
    const damaged = Buffer.from(whole);
    const at = damaged.indexOf('word/document.xml') + 'word/document.xml'.length + 40; // inside its compressed bytes
    for (let i = at; i < at + 16; i++) damaged[i] = damaged[i]! ^ 0x5a;
    expect(await failure(await write('damaged.docx', damaged))).toMatch(/^damaged\.docx: refused: part word\/document\.xml is (not valid compressed data|damaged)/);
    expect(await failure(await write('random.docx', Buffer.from('not a zip at all')))).toMatch(/^random\.docx: not a valid \.docx document \(it is not a ZIP package\)/);
  });

  it('refuses a zip bomb (64 MB of document XML in a small file) at once, and one that lies about its size as soon as it inflates past it', async () => {
    const file = path.join(dir, 'bomb.docx');
    const size = await zipBombDocx(file, 64);
    expect(size).toBeLessThan(1024 * 1024);
    const heap = process.memoryUsage().heapUsed;
    expect(await failure(file)).toMatch(/^bomb\.docx: refused: it would inflate \d+-fold to 64 MB \(a zip bomb\?\); save it again from Word or WPS as \.docx/);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(32 * 1024 * 1024);
    const liar = path.join(dir, 'liar.docx');
    await zipBombDocx(liar, 8, true);
    expect(await failure(liar)).toMatch(/^liar\.docx: refused: part word\/document\.xml inflates to more than the 4096 bytes it declares/);
  });
});

describe('formats that cannot be read', () => {
  it('refuses a .doc with how to convert it', async () => {
    const message = await failure(fixture('results.doc'));
    expect(message).toMatch(/^results\.doc: Word 97–2003 \(\.doc\) documents cannot be read; open it in Word or WPS and save it as \.docx/);
    expect(message).toContain('libreoffice --headless --convert-to docx "results.doc"');
  });

  it('refuses a PDF with where to get the table instead', async () => {
    const message = await failure(fixture('results.pdf'));
    expect(message).toMatch(/^results\.pdf: a PDF cannot be imported/);
    expect(message).toMatch(/original spreadsheet \(\.xlsx, \.xls or CSV\)/);
    expect(message).toMatch(/table extractor .* to CSV/);
  });

  it('refuses WPS, OFD, RTF and web archives with advice', async () => {
    expect(await failure(await write('通知.wps', Buffer.from('d0cf11e0a1b11ae1', 'hex')))).toMatch(/^通知\.wps: WPS 文字 \(\.wps\) .*save it as \.docx.*libreoffice --headless --convert-to docx "通知\.wps"/);
    expect(await failure(await write('结果.et', Buffer.from('d0cf11e0a1b11ae1', 'hex')))).toMatch(/^结果\.et: WPS 表格 \(\.et\) .*save it as \.xlsx.*libreoffice --headless --convert-to xlsx "结果\.et"/);
    expect(await failure(await write('公告.ofd', 'PK'))).toMatch(/^公告\.ofd: an OFD document cannot be imported/);
    expect(await failure(await write('公告.rtf', '{\\rtf1}'))).toMatch(/^公告\.rtf: RTF documents cannot be read; .*\.docx/);
    expect(await failure(await write('page.mht', 'MIME-Version: 1.0\r\n'))).toMatch(/^page\.mht: a web archive \(\.mht\) cannot be read/);
    expect(await failure(await write('scan.xls', '%PDF-1.5\n'))).toMatch(/^scan\.xls: this is not an Excel 97–2003 workbook: a PDF cannot be imported/);
  });

  it('readHeaders gives the header of the first table read', async () => {
    expect(await readHeaders(fixture('spot-checks.docx'), { knownHeaders: spotChecks })).toEqual(['序号', '产品名称', '标称生产企业名称', '标称生产企业地址', '被抽样单位名称', '规格型号', '检验结果']);
  });
});

describe('gridRows', () => {
  const cell = (text: string, colspan = 1, rowspan = 1, continues?: boolean): SpanCell => ({ text, colspan, rowspan, continues });

  it('blanks cells covered by a colspan and fills those under a rowspan, marking them fromAbove', () => {
    const rows = [...gridRows([
      [cell('序号', 1, 2), cell('企业', 2), cell('结果', 1, 2)],
      [cell('名称'), cell('地址')],
      [cell('1'), cell('甲', 1, 2), cell('甲地'), cell('合格')],
      [cell('2'), cell('乙地'), cell('不合格')],
    ], 't')];
    expect(rows.map((r) => r.values)).toEqual([['序号', '企业', '', '结果'], ['序号', '名称', '地址', '结果'], ['1', '甲', '甲地', '合格'], ['2', '甲', '乙地', '不合格']]);
    expect(rows.map((r) => r.fromAbove)).toEqual([undefined, [true, false, false, true], undefined, [false, true, false, false]]);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4]);
  });

  it('spans rowspan="0" to the end of the table, clips rowspans past it, and lays out DOCX vertical merges', () => {
    expect([...gridRows([[cell('a', 1, 0), cell('b')], [cell('c')], [cell('d')]], 't')].map((r) => r.values)).toEqual([['a', 'b'], ['a', 'c'], ['a', 'd']]);
    expect([...gridRows([[cell('a', 1, 9), cell('b')], [cell('c')]], 't')].map((r) => r.values)).toEqual([['a', 'b'], ['a', 'c']]);
    const docx = [...gridRows([[cell('受检单位', 2), cell('x')], [cell('', 2, 1, true), cell('y')]], 't')];
    expect(docx.map((r) => [r.values, r.fromAbove])).toEqual([[['受检单位', '', 'x'], undefined], [['受检单位', '', 'y'], [true, true, false]]]);
  });

  it('refuses a grid wider than a worksheet', () => {
    expect(() => [...gridRows([Array.from({ length: 20 }, () => cell('x', 1000))], 'wide.html')]).toThrow(/^wide\.html: refused: a table is wider than 16384 columns/);
  });
});

/** A DOCX whose document.xml is `megabytes` MB of identical paragraphs; `lie` declares 4096 bytes. */
async function zipBombDocx(file: string, megabytes: number, lie = false): Promise<number> {
  const paragraph = '<w:p><w:r><w:t>AAAAAAAAAAAAAAAA</w:t></w:r></w:p>';
  const chunk = Buffer.from(paragraph.repeat(Math.ceil((1024 * 1024) / paragraph.length)));
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  let size = 0;
  const put = async (bytes: Buffer) => {
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise((r) => deflate.once('drain', r));
  };
  await put(Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'));
  for (let i = 0; i < megabytes; i++) await put(chunk);
  await put(Buffer.from('</w:body></w:document>'));
  deflate.end();
  await done;
  const small = (name: string, text: string) => {
    const data = Buffer.from(text);
    return { name, compressed: deflateRawSync(data), crc: crc32(data), declaredSize: data.length };
  };
  const bytes = zipPackage([
    small('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    { name: 'word/document.xml', compressed: Buffer.concat(out), crc, declaredSize: lie ? 4096 : size },
  ]);
  await fs.writeFile(file, bytes);
  return bytes.length;
}
