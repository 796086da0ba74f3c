import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapHeaders } from '../../db/import/map-headers.ts';
import { FileFormatError, readRows, type SourceRow } from '../../db/import/read-table.ts';
import { validateRow } from '../../db/import/validate-row.ts';
import { RECORD_DEFS } from '../../db/records/index.ts';

const fixture = (name: string) => path.join(import.meta.dirname, '../fixtures', name);
const aliases = (type: 'spot-checks' | 'penalties') => Object.values(RECORD_DEFS[type].headers).flat();

async function readAll(file: string, knownHeaders?: string[]): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of readRows(file, { knownHeaders })) rows.push(row);
  return rows;
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'read-xlsx-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('spot-checks-merged-header.xlsx', () => {
  it('skips the merged title and note rows and joins the two-row header', async () => {
    const rows = await readAll(fixture('spot-checks-merged-header.xlsx'), aliases('spot-checks'));
    expect(Object.keys(rows[0]!.cells)).toEqual([
      '序号', '产品名称', '标称生产企业名称', '标称生产企业地址', '统一社会信用代码', '被抽样单位名称', '商标', '规格型号',
      '生产日期', '抽样日期', '检验结果', '不合格项目', '承检机构', '备注',
    ]);
    const map = mapHeaders(Object.keys(rows[0]!.cells), RECORD_DEFS['spot-checks'].headers);
    expect(map.fields.get('标称生产企业名称')).toBe('manufacturerName');
    expect(map.fields.get('标称生产企业地址')).toBe('manufacturerAddress');
  });

  it('finds the same header without known header names', async () => {
    const withAliases = await readAll(fixture('spot-checks-merged-header.xlsx'), aliases('spot-checks'));
    expect(await readAll(fixture('spot-checks-merged-header.xlsx'))).toEqual(withAliases);
  });

  it('numbers rows as Excel does and skips the styled blank row below the data', async () => {
    const rows = await readAll(fixture('spot-checks-merged-header.xlsx'), aliases('spot-checks'));
    expect(rows.map((r) => r.rowNumber)).toEqual([5, 6, 7, 8, 9]);
    expect(rows.map((r) => r.cells['序号'])).toEqual(['1', '2', '3', '4', '5']); // =ROW()-4, cached
  });

  it('turns date cells and CJK-format serial numbers into ISO dates', async () => {
    const rows = await readAll(fixture('spot-checks-merged-header.xlsx'), aliases('spot-checks'));
    expect(rows.map((r) => r.cells['生产日期'])).toEqual(['2023-03-01', '2023-03-02', '2023-02-18', '2023-01-09', '2023-02-27']);
    // Stored as serials with built-in format 31 (yyyy"年"m"月"d"日"), which exceljs cannot name.
    expect(rows.map((r) => r.cells['抽样日期'])).toEqual(['2023-03-15', '2023-03-15', '2023-03-16', '2023-03-17', '2023-03-18']);
  });

  it('keeps text as typed: full-width USCC, rich text, hyperlink text', async () => {
    const [first, , , , fifth] = await readAll(fixture('spot-checks-merged-header.xlsx'), aliases('spot-checks'));
    expect(first!.cells['统一社会信用代码']).toBe('９１３５０１００Ｍ０００１００Ｙ４３');
    expect(first!.cells['规格型号']).toBe('BV 2.5mm² 450/750V');
    expect(fifth!.cells['产品名称']).toBe('控制电缆');
    expect(first!.cells['承检机构']).toBe('青岚市产品质量检验研究院');
  });

  it('gives formulas their cached result, never the formula, and errors as empty', async () => {
    const rows = await readAll(fixture('spot-checks-merged-header.xlsx'), aliases('spot-checks'));
    expect(rows.map((r) => r.cells['备注'])).toEqual([
      '已责令企业整改', // =IF(K5="不合格",…)
      '',
      '', // =cmd|' /C calc'!A0 with cached #REF!
      '', // =VLOOKUP(…) with cached #N/A
      "=cmd|' /C calc'!A0", // a text cell that merely looks like a formula stays literal text
    ]);
    for (const row of rows) expect(Object.values(row.cells).join('|')).not.toMatch(/ROW\(|IF\(|VLOOKUP/);
  });

  it('validates as spot checks with the announcement given as options', async () => {
    const def = RECORD_DEFS['spot-checks'];
    const rows = await readAll(fixture('spot-checks-merged-header.xlsx'), aliases('spot-checks'));
    const map = mapHeaders(Object.keys(rows[0]!.cells), def.headers);
    const options = { authority: '青岚市市场监督管理局', announcementNo: '2023年第12号', publishedAt: '2023-06-14', level: '国家' };
    const results = rows.map((row) => validateRow(def, map, options, row));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true]);
    const first = results[0]!.ok ? results[0]!.record.input : {};
    expect(first).toMatchObject({ manufacturerUscc: '91350100M000100Y43', batchDate: '2023-03-01', result: 'unqualified' });
  });
});

describe('penalties-wan-yuan.xlsx', () => {
  it('reads 万元 amounts as plain decimals (no float noise) and decision dates as ISO', async () => {
    const rows = await readAll(fixture('penalties-wan-yuan.xlsx'), aliases('penalties'));
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 4, 5]);
    expect(rows.map((r) => r.cells['罚款金额（万元）'])).toEqual(['1.5', '0.3', '12']); // 0.3 is =0.1+0.2
    expect(rows.map((r) => r.cells['处罚决定日期'])).toEqual(['2023-10-12', '2023-11-03', '2023-12-20']);
  });

  it('converts the 万元 column to yuan on validation', async () => {
    const def = RECORD_DEFS.penalties;
    const rows = await readAll(fixture('penalties-wan-yuan.xlsx'), aliases('penalties'));
    const map = mapHeaders(Object.keys(rows[0]!.cells), def.headers);
    const fines = rows.map((row) => {
      const result = validateRow(def, map, {}, row);
      return result.ok ? result.record.input.fineAmount : result.errors;
    });
    expect(fines).toEqual([15000, 3000, 120000]);
  });
});

describe('workbooks that cannot be read', () => {
  const write = async (name: string, content: Buffer | string) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, content);
    return file;
  };
  const failure = async (file: string) => {
    const error = await readAll(file).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(FileFormatError);
    return (error as Error).message;
  };

  it('rejects random bytes named .xlsx', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    expect(await failure(await write('corrupt.xlsx', bytes))).toMatch(/^corrupt\.xlsx: not a valid \.xlsx workbook/);
  });

  it('rejects a truncated workbook', async () => {
    const whole = await fs.readFile(fixture('spot-checks-merged-header.xlsx'));
    expect(await failure(await write('truncated.xlsx', whole.subarray(0, whole.length / 2)))).toMatch(/^truncated\.xlsx: /);
  });

  it('names an old .xls saved under an .xlsx name, and an empty file', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    expect(await failure(await write('old.xlsx', ole))).toMatch(/Excel 97–2003.*save it as \.xlsx/);
    expect(await failure(await write('empty.xlsx', ''))).toMatch(/^empty\.xlsx: the file is empty/);
  });

  it('rejects .xls files outright', async () => {
    expect(await failure(await write('results.xls', 'anything'))).toMatch(/^results\.xls: .*save it as \.xlsx or CSV/);
  });

  it('rejects a workbook whose first sheet is empty', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('空表');
    book.addWorksheet('数据').addRow(['产品名称', '抽查结果']);
    const file = path.join(dir, 'blank-sheet.xlsx');
    await book.xlsx.writeFile(file);
    expect(await failure(file)).toMatch(/^blank-sheet\.xlsx: the first worksheet is empty/);
  });
});

describe('streaming', () => {
  it('reads only the first worksheet, row by row, and can stop early', async () => {
    const file = path.join(dir, 'large.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const sheet = writer.addWorksheet('结果');
    sheet.addRow(['产品名称', '规格型号', '抽查结果']).commit();
    for (let i = 1; i <= 20_000; i++) sheet.addRow([`产品${i % 50}`, i * 0.1, i % 7 ? '合格' : '不合格']).commit();
    sheet.commit();
    writer.addWorksheet('说明').addRow(['这一页不应读取', 'x', 'y']).commit();
    await writer.commit();

    let count = 0;
    let last: SourceRow | undefined;
    for await (const row of readRows(file, { knownHeaders: aliases('spot-checks') })) {
      count += 1;
      last = row;
    }
    expect(count).toBe(20_000);
    expect(last).toEqual({ rowNumber: 20_001, cells: { 产品名称: '产品0', 规格型号: '2000', 抽查结果: '合格' } });

    for await (const row of readRows(file)) {
      expect(row).toEqual({ rowNumber: 2, cells: { 产品名称: '产品1', 规格型号: '0.1', 抽查结果: '合格' } });
      break;
    }
  });
});
