import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseHeaderRow, readRows, type SourceRow } from '../../ingest/read-table.ts';
import { TYPE_BY_NAME } from '../../types/registry.ts';

const known = new Set(Object.values(TYPE_BY_NAME['spot-checks'].import.headers).flat());
const TITLE = ['2023年第12号 电线电缆产品质量国家监督抽查结果', '', '', '', ''];
const NOTE = ['注：抽查结果仅对所抽样品负责。', '', '', '', ''];
const HEADER = ['序号', '产品名称', '标称生产企业名称', '规格型号', '检验结果'];
const DATA = ['1', '电线电缆', '青岚澄砚线缆有限公司', 'BV 2.5mm²', '合格'];

describe('chooseHeaderRow', () => {
  it('picks the first row in which at least half of the cells are known headers', () => {
    expect(chooseHeaderRow([TITLE, NOTE, HEADER, DATA], known)).toBe(2);
    expect(chooseHeaderRow([HEADER, DATA], known)).toBe(0);
    // Header names compare as map-headers does: width, brackets, spaces and line breaks do not matter.
    expect(chooseHeaderRow([TITLE, ['产 品 名 称', '规格\n型号', 'ＰＲＯＤＵＣＴ_ＮＡＭＥ']], known)).toBe(1);
  });

  it('falls back to the row with the most known headers', () => {
    const mostlyUnknown = ['序号', '产品名称', '抽样编号', '样品等级', '抽样基数', '规格型号'];
    expect(chooseHeaderRow([TITLE, mostlyUnknown, DATA], known)).toBe(1);
  });

  it('without any known header, skips one-cell title rows', () => {
    expect(chooseHeaderRow([TITLE, NOTE, ['甲', '乙', '丙'], ['1', '2', '3']], new Set())).toBe(2);
    expect(chooseHeaderRow([['唯一的列'], ['值']], new Set())).toBe(0);
    expect(chooseHeaderRow([], known)).toBe(-1);
  });

  it('is not fooled by a data cell that happens to be a header name', () => {
    const data = ['1', '电线电缆', '销售单位', 'BV 2.5mm²', '合格'];
    expect(chooseHeaderRow([TITLE, HEADER, data], known)).toBe(1);
  });
});

describe('two-row headers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'read-headers-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  const read = async (lines: string[], knownHeaders = [...known]) => {
    const file = path.join(dir, 'table.csv');
    await fs.writeFile(file, lines.join('\r\n'));
    const rows: Pick<SourceRow, 'rowNumber' | 'cells'>[] = [];
    for await (const { rowNumber, cells } of readRows(file, { knownHeaders })) rows.push({ rowNumber, cells });
    return rows;
  };

  it('joins an ambiguous child with its merged parent and keeps a known child alone', async () => {
    const rows = await read([
      '2023年第12号 电线电缆产品质量国家监督抽查结果,,,,,,',
      '序号,产品名称,标称生产企业,,主要不合格项目,,检验结果',
      ',,名称,地址,不合格项目名称,标准值,',
      '1,电线电缆,青岚澄砚线缆有限公司,青岚市临溪区砚湖工业园8号,导体电阻,≤7.41Ω/km,不合格',
    ]);
    expect(rows).toEqual([{
      rowNumber: 4,
      cells: {
        序号: '1', 产品名称: '电线电缆', 标称生产企业名称: '青岚澄砚线缆有限公司', 标称生产企业地址: '青岚市临溪区砚湖工业园8号',
        不合格项目名称: '导体电阻', 主要不合格项目标准值: '≤7.41Ω/km', 检验结果: '不合格',
      },
    }]);
  });

  it('joins parent and child even when no header names are known', async () => {
    const rows = await read(['序号,标称生产企业,,被抽样单位,', ',名称,地址,名称,地址', '1,甲厂,甲地,乙店,乙地'], []);
    expect(Object.keys(rows[0]!.cells)).toEqual(['序号', '标称生产企业名称', '标称生产企业地址', '被抽样单位名称', '被抽样单位地址']);
  });

  it('recognises the parent row when the child row holds more known names', async () => {
    const rows = await read(['序号,企业信息,,样品,', ',标称生产企业名称,统一社会信用代码,产品名称,规格型号', '1,甲厂,91350100M000100Y43,电线,BV']);
    expect(rows[0]!.rowNumber).toBe(3);
    expect(Object.keys(rows[0]!.cells)).toEqual(['序号', '标称生产企业名称', '统一社会信用代码', '产品名称', '规格型号']);
  });

  it('does not take the first data row or a title row for part of the header', async () => {
    const rows = await read(['产品名称,标称生产企业名称,,备注', '电线,青岚澄砚线缆有限公司,额外,']);
    expect(rows).toEqual([{ rowNumber: 2, cells: { 产品名称: '电线', 标称生产企业名称: '青岚澄砚线缆有限公司', 备注: '' } }]);
    const titled = await read(['抽查结果,,', '产品名称,规格型号,检验结果', '电线,BV,合格']);
    expect(Object.keys(titled[0]!.cells)).toEqual(['产品名称', '规格型号', '检验结果']);
  });
});
