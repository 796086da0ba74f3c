import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapHeaders } from '../../ingest/map-headers.ts';
import { FileFormatError, readHeaders, readRows, type SourceRow } from '../../ingest/read-table.ts';
import { validateRow } from '../../ingest/validate-row.ts';
import { TYPE_BY_NAME } from '../../types/registry.ts';

const fixture = (name: string) => path.join(import.meta.dirname, '../fixtures', name);
const knownHeaders = Object.values(TYPE_BY_NAME['spot-checks'].import.headers).flat();

async function readAll(file: string, options = { knownHeaders }): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of readRows(file, options)) rows.push(row);
  return rows;
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'read-csv-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
const write = async (name: string, text: string | Buffer) => {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  return file;
};

describe('spot-checks-bom.csv (UTF-8 with BOM)', () => {
  it('reads the header without the BOM and keeps quoted commas and line breaks', async () => {
    const rows = await readAll(fixture('spot-checks-bom.csv'));
    expect(Object.keys(rows[0]!.cells)[0]).toBe('公告编号');
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6]);
    expect(rows[0]!.cells['不合格项目']).toBe('纤维含量,pH值');
    expect(rows[1]!.cells['备注']).toBe('企业对检验结果无异议\n已复检');
    expect(rows[4]!.cells['被抽样单位名称']).toBe('青岚市星光百货超市有限公司');
  });
});

describe('spot-checks-gb18030.csv (as Chinese Excel exports it)', () => {
  it('decodes GB18030, including four-byte characters', async () => {
    const rows = await readAll(fixture('spot-checks-gb18030.csv'));
    expect(rows[0]!.cells['标称生产企业名称']).toBe('青岚㵘川车业有限公司');
    expect(rows[0]!.cells['不合格项目']).toBe('整车质量、最高车速');
  });

  it('skips the title row and the trailing empty row, numbering rows as Excel does', async () => {
    for (const options of [{ knownHeaders }, { knownHeaders: [] }]) {
      const rows = await readAll(fixture('spot-checks-gb18030.csv'), options);
      expect(rows.map((r) => r.rowNumber)).toEqual([3, 4, 5, 6, 7]);
      expect(Object.keys(rows[0]!.cells)).toContain('生产日期/批号');
    }
    expect(await readHeaders(fixture('spot-checks-gb18030.csv'))).toHaveLength(16);
  });
});

describe('spot-checks-bad-rows.csv', () => {
  it('reports exactly the three bad rows, by their line in the file', async () => {
    const def = TYPE_BY_NAME['spot-checks'];
    const rows = await readAll(fixture('spot-checks-bad-rows.csv'));
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const map = mapHeaders(Object.keys(rows[0]!.cells), def.import.headers);
    const errors = rows.flatMap((row) => {
      const result = validateRow(def, { headerMap: map }, {}, row);
      return result.ok ? [] : result.errors;
    });
    expect(errors).toEqual([
      expect.objectContaining({ row: 4, column: '统一社会信用代码', reason: expect.stringMatching(/wrong check character/) }),
      expect.objectContaining({ row: 7, column: '发布日期', value: '2023-02-30', reason: expect.stringMatching(/impossible date/) }),
      expect.objectContaining({ row: 10, column: '产品名称', reason: 'is required' }),
    ]);
  });
});

describe('CSV row numbers and problems', () => {
  it('counts blank lines and multi-line cells as Excel rows, and skips rows with only empty cells', async () => {
    const file = await write('gaps.csv', '产品名称,抽查结果\r\n电线,合格\r\n\r\n"插座\r\n转换器",不合格\r\n,\r\n开关,合格\r\n');
    const rows = await readAll(file);
    expect(rows.map((r) => [r.rowNumber, r.cells['产品名称']])).toEqual([[2, '电线'], [4, '插座\r\n转换器'], [6, '开关']]);
  });

  it('keeps the first of two columns with the same header', async () => {
    const rows = await readAll(await write('dup.csv', '产品名称,备注,备注\n电线,甲,乙\n'));
    expect(rows[0]!.cells).toEqual({ 产品名称: '电线', 备注: '甲' });
  });

  it('rejects an empty file and a broken quote with the file name', async () => {
    await expect(readAll(await write('empty.csv', '\uFEFF\r\n,,\r\n'))).rejects.toThrow(FileFormatError);
    await expect(readAll(await write('empty.csv', ''))).rejects.toThrow(/^empty\.csv: the file is empty/);
    await expect(readAll(await write('quote.csv', '产品名称,备注\n电线,"未闭合\n'))).rejects.toThrow(/^quote\.csv: not valid CSV/);
  });

  it('names the accepted types for anything else', async () => {
    await expect(readAll(await write('data.xml', '<a/>'))).rejects.toThrow(/^data\.xml: unsupported file type "\.xml"; use \.csv, \.xlsx, \.xls, \.docx, \.html, \.json or \.md/);
    await expect(readAll(await write('data.json', '{}'))).rejects.toThrow(/^data\.json: holds no list of records/);
  });

  it('names what a file under a .csv name really is', async () => {
    const cases: [string, Buffer | string, RegExp][] = [
      ['page.csv', '<!DOCTYPE html><html><body><table><tr><td>a</td></tr></table></body></html>', /^page\.csv: this file is an HTML page.*\.html extension/],
      ['old.csv', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]), /^old\.csv: this file is an Excel 97–2003 \(\.xls\) workbook.*\.xls extension/],
      ['scan.csv', '%PDF-1.7\n', /^scan\.csv: this file is not CSV text: a PDF cannot be imported.*table extractor/],
      ['note.csv', '{\\rtf1\\ansi 产品名称}', /^note\.csv: this file is not CSV text: RTF .*libreoffice --headless --convert-to docx "note\.csv"/],
    ];
    for (const [name, content, message] of cases) await expect(readAll(await write(name, content))).rejects.toThrow(message);
  });
});

describe('the table of a CSV file', () => {
  it('has no sheet name, the header row and the title rows above it as preamble', async () => {
    const rows = await readAll(fixture('spot-checks-gb18030.csv'));
    const table = rows[0]!.table;
    expect(table).toMatchObject({ index: 0, sheet: undefined, headerRow: 2, preamble: [expect.stringMatching(/抽查/)] });
    expect(table.headers).toEqual(Object.keys(rows[0]!.cells));
    expect(rows.every((row) => row.table === table)).toBe(true);
    expect(rows[0]!.values).toEqual(table.headers.map((h) => rows[0]!.cells[h]));
  });
});

describe('tab-separated text', () => {
  it('reads a .txt saved as "Text (Tab delimited)" and an old web export of tab-separated text named .xls', async () => {
    const text = '产品名称\t规格型号\t检验结果\r\n电线\tBV, 2.5\t合格\r\n';
    for (const name of ['tabs.txt', 'export.xls']) {
      const rows = await readAll(await write(name, text));
      expect(rows.map((r) => [r.rowNumber, r.cells])).toEqual([[2, { 产品名称: '电线', 规格型号: 'BV, 2.5', 检验结果: '合格' }]]);
    }
    expect((await readAll(await write('commas.txt', '产品名称,检验结果\n电线,合格\n')))[0]!.cells).toEqual({ 产品名称: '电线', 检验结果: '合格' });
  });
});
