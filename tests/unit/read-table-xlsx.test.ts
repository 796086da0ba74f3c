import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapHeaders } from '../../ingest/map-headers.ts';
import { FileFormatError, readRows, type SourceRow } from '../../ingest/read-table.ts';
import { validateRow } from '../../ingest/validate-row.ts';
import { TYPE_BY_NAME } from '../../types/registry.ts';

const fixture = (name: string) => path.join(import.meta.dirname, '../fixtures', name);
const aliases = (type: 'spot-checks' | 'penalties') => Object.values(TYPE_BY_NAME[type].import.headers).flat();

async function readAll(file: string, knownHeaders?: string[], notices?: string[]): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of readRows(file, { knownHeaders, onNotice: (m) => notices?.push(m) })) rows.push(row);
  return rows;
}
const plain = (rows: SourceRow[]) => rows.map(({ rowNumber, cells }) => ({ rowNumber, cells }));

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
    const map = mapHeaders(Object.keys(rows[0]!.cells), TYPE_BY_NAME['spot-checks'].import.headers);
    expect(map.fields.get('标称生产企业名称')).toBe('manufacturerName');
    expect(map.fields.get('标称生产企业地址')).toBe('manufacturerAddress');
  });

  it('finds the same header without known header names', async () => {
    const withAliases = await readAll(fixture('spot-checks-merged-header.xlsx'), aliases('spot-checks'));
    expect(plain(await readAll(fixture('spot-checks-merged-header.xlsx')))).toEqual(plain(withAliases));
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
    const def = TYPE_BY_NAME['spot-checks'];
    const rows = await readAll(fixture('spot-checks-merged-header.xlsx'), aliases('spot-checks'));
    const map = mapHeaders(Object.keys(rows[0]!.cells), def.import.headers);
    const options = { authority: '青岚市市场监督管理局', announcementNo: '2023年第12号', publishedAt: '2023-06-14', level: '国家' };
    const results = rows.map((row) => validateRow(def, { headerMap: map }, options, row));
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
    const def = TYPE_BY_NAME.penalties;
    const rows = await readAll(fixture('penalties-wan-yuan.xlsx'), aliases('penalties'));
    const map = mapHeaders(Object.keys(rows[0]!.cells), def.import.headers);
    const fines = rows.map((row) => {
      const result = validateRow(def, { headerMap: map }, {}, row);
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

  it('reads an old .xls saved under an .xlsx name as what it is; refuses a damaged one and an empty file', async () => {
    const xls = await fs.readFile(path.join(import.meta.dirname, '../fixtures/readers/spot-checks.xls'));
    const rows = await readAll(await write('old.xlsx', xls), aliases('spot-checks'));
    expect(rows.map((r) => r.table.sheet)).toContain('抽查结果');
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    expect(await failure(await write('damaged.xlsx', ole))).toMatch(/^damaged\.xlsx: not a readable \.xls workbook \(damaged or cut short/);
    expect(await failure(await write('empty.xlsx', ''))).toMatch(/^empty\.xlsx: the file is empty/);
  });

  it('names a Word document saved under an .xlsx name', async () => {
    const docx = await fs.readFile(path.join(import.meta.dirname, '../fixtures/readers/spot-checks.docx'));
    expect(await failure(await write('document.xlsx', docx))).toMatch(/^document\.xlsx: this is a Word document \(\.docx\), not a workbook; give it the \.docx extension/);
  });

  it('rejects a workbook whose worksheets are all empty', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('空表');
    book.addWorksheet('也是空的');
    const file = path.join(dir, 'blank-sheets.xlsx');
    await book.xlsx.writeFile(file);
    expect(await failure(file)).toMatch(/^blank-sheets\.xlsx: the workbook is empty \(no worksheet has a header row\)/);
  });
});

describe('workbooks of several worksheets', () => {
  const book = async (name: string, sheets: [string, unknown[][], ('hidden' | 'visible')?][]) => {
    const workbook = new ExcelJS.Workbook();
    for (const [sheetName, rows, state] of sheets) {
      const sheet = workbook.addWorksheet(sheetName, { state: state ?? 'visible' });
      for (const row of rows) sheet.addRow(row);
    }
    const file = path.join(dir, name);
    await workbook.xlsx.writeFile(file);
    return file;
  };

  it('reads every worksheet with a recognised header, skipping empty, cover and hidden sheets with notices', async () => {
    const file = await book('several.xlsx', [
      ['封面', [['2023年第12号公告附件'], ['说明：抽查结果仅对所抽样品负责']]],
      ['空表', []],
      ['合格', [['2023年电线电缆抽查合格产品'], ['产品名称', '规格型号', '检验结果'], ['电线', 'BV 2.5', '合格']]],
      ['不合格', [['产品名称', '规格型号', '检验结果', '不合格项目'], ['电缆', 'YJV', '不合格', '导体电阻'], ['插座', 'GN', '不合格', '标志']]],
      ['旧数据', [['产品名称', '检验结果'], ['旧', '合格']], 'hidden'],
    ]);
    const notices: string[] = [];
    const rows = await readAll(file, aliases('spot-checks'), notices);
    expect(rows.map((r) => [r.table.sheet, r.rowNumber, r.cells['产品名称']])).toEqual([['合格', 3, '电线'], ['不合格', 2, '电缆'], ['不合格', 3, '插座']]);
    expect(notices).toEqual(['sheet "封面": skipped, no recognised header', 'sheet "旧数据": skipped, hidden']);
    const [first, second] = [rows[0]!.table, rows[1]!.table];
    expect(first).toEqual({ index: 2, sheet: '合格', headers: ['产品名称', '规格型号', '检验结果'], headerRow: 2, preamble: ['2023年电线电缆抽查合格产品'] });
    expect(second).toMatchObject({ index: 3, sheet: '不合格', headerRow: 1, preamble: [] });
    expect(rows[2]!.table).toBe(second);
  });

  it('reads the first non-empty worksheet when none has a recognised header, so missing columns can be reported', async () => {
    const file = await book('unknown.xlsx', [
      ['空表', []],
      ['甲', [['编号', '名字'], ['1', '甲']]],
      ['乙', [['代码', '数值'], ['2', '乙']]],
    ]);
    const notices: string[] = [];
    const rows = await readAll(file, aliases('spot-checks'), notices);
    expect(plain(rows)).toEqual([{ rowNumber: 2, cells: { 编号: '1', 名字: '甲' } }]);
    expect(rows[0]!.table.sheet).toBe('甲');
    expect(notices).toEqual(['sheet "乙": skipped, no recognised header']);
    // Without header names to look for, the first non-empty sheet is the file's table.
    expect(plain(await readAll(file))).toEqual([{ rowNumber: 2, cells: { 编号: '1', 名字: '甲' } }]);
  });
});

describe('streaming', () => {
  it('reads the worksheets row by row, skips one without a header, and can stop early', async () => {
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
    const notices: string[] = [];
    for await (const row of readRows(file, { knownHeaders: aliases('spot-checks'), onNotice: (m) => notices.push(m) })) {
      count += 1;
      last = row;
    }
    expect(count).toBe(20_000);
    expect(last).toMatchObject({ rowNumber: 20_001, cells: { 产品名称: '产品0', 规格型号: '2000', 抽查结果: '合格' } });
    expect(last!.table).toMatchObject({ index: 0, sheet: '结果', headerRow: 1 });
    expect(notices).toEqual(['sheet "说明": skipped, no recognised header']);

    for await (const row of readRows(file)) {
      expect(row).toMatchObject({ rowNumber: 2, cells: { 产品名称: '产品1', 规格型号: '0.1', 抽查结果: '合格' } });
      break;
    }
  });
});
