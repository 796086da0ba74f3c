import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../ingest/import-file.ts';
import { auditLog, enterprises, recordVersions, searchOutbox } from '../../db/schema/index.ts';
import { freshDatabase } from '../setup/database.ts';
import { spotChecks } from '../../types/spot-checks/table.ts';
import { penalties } from '../../types/penalties/table.ts';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let dir: string;
const opts = { type: 'spot-checks' as const, operator: 'test' };

const HEADER = '公告编号,发布机关,发布日期,抽查级别,产品名称,标称生产企业名称,统一社会信用代码,商标,规格型号,生产日期/批号,抽查结果,不合格项目,备注';
const ROW_A = '2023年第12号,国家市场监督管理总局,2023/6/14,国家,电线电缆,澜曜电缆有限公司,91350100m000100y43,澜曜,BV 2.5mm²,2023-05-02/B230502,不合格,导体电阻、绝缘厚度,';
const ROW_B = '2023年第12号,国家市场监督管理总局,2023年6月14日,国家,电线电缆,澜曜电缆有限公司,９１３５０１００Ｍ０００１００Ｙ４３,澜曜,BV 4mm²,2023-05-03,合格,,';

async function writeCsv(name: string, lines: string[], encoding: 'utf8' | 'utf8bom' | 'gb18030' = 'utf8bom') {
  const text = lines.join('\r\n') + '\r\n';
  const file = path.join(dir, name);
  if (encoding === 'gb18030') await fs.writeFile(file, iconv.encode(text, 'gb18030'));
  else await fs.writeFile(file, (encoding === 'utf8bom' ? '\uFEFF' : '') + text);
  return file;
}

const countOf = async (table: PgTable) =>
  (await db.db.select({ n: count() }).from(table))[0]!.n;

beforeAll(async () => {
  db = await freshDatabase('import');
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'import-test-'));
});
afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('importing a spot-check file', () => {
  it('normalizes USCCs, dates and items, links one enterprise, and writes record + version + audit + outbox together', async () => {
    const file = await writeCsv('a.csv', [HEADER, ROW_A, ROW_B]);
    const result = await importFile(db, file, opts);
    expect(result).toMatchObject({ status: 'succeeded', rows: 2, created: 2, corrected: 0, unchanged: 0, errors: [] });
    const rows = await db.db.select().from(spotChecks).orderBy(spotChecks.model);
    expect(rows.map((r) => r.manufacturerUscc)).toEqual(['91350100M000100Y43', '91350100M000100Y43']);
    expect(rows.map((r) => r.publishedAt)).toEqual(['2023-06-14', '2023-06-14']);
    expect(rows[0]!.unqualifiedItems.map((i) => i.item)).toEqual(['导体电阻', '绝缘厚度']);
    expect(rows[0]!.batchDate).toBe('2023-05-02');
    expect(rows[0]!.batch).toBe('2023-05-02/B230502');
    expect(await countOf(enterprises)).toBe(1);
    expect(rows[0]!.manufacturerId).toBe(rows[1]!.manufacturerId);
    // A new record is its own first version: record_versions only keeps versions a correction replaced.
    expect(await countOf(recordVersions)).toBe(0);
    expect(await countOf(auditLog)).toBe(2);
    const outbox = await db.db.select().from(searchOutbox);
    expect(outbox.filter((o) => o.target === 'spot-checks')).toHaveLength(2);
    expect(outbox.filter((o) => o.target === 'enterprises')).toHaveLength(1);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = { versions: await countOf(recordVersions), outbox: await countOf(searchOutbox) };
    const result = await importFile(db, await writeCsv('a-again.csv', [HEADER, ROW_A, ROW_B]), opts);
    expect(result).toMatchObject({ status: 'succeeded', created: 0, corrected: 0, unchanged: 2 });
    expect(await countOf(recordVersions)).toBe(before.versions);
    expect(await countOf(searchOutbox)).toBe(before.outbox);
  });

  it('turns a changed row with the same natural key into a correction that keeps the old version', async () => {
    const corrected = ROW_A.replace('导体电阻、绝缘厚度', '导体电阻');
    const result = await importFile(db, await writeCsv('b.csv', [HEADER, corrected, ROW_B]), opts);
    expect(result).toMatchObject({ created: 0, corrected: 1, unchanged: 1 });
    const [row] = await db.db.select().from(spotChecks).where(eq(spotChecks.model, 'BV 2.5mm²'));
    expect(row).toMatchObject({ status: 'corrected', version: 2 });
    const versions = await db.db.select().from(recordVersions).where(eq(recordVersions.recordId, row!.id));
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect((versions[0]!.data as { unqualifiedItems: { item: string }[] }).unqualifiedItems.map((i) => i.item)).toEqual(['导体电阻', '绝缘厚度']);
  });

  it('rejects the whole file when any row is bad, and reports row, column, value and reason', async () => {
    const before = await countOf(spotChecks);
    const bad = ROW_B.replace('BV 4mm²', 'BV 6mm²').replace('９１３５０１００Ｍ０００１００Ｙ４３', '911100001000013009');
    const badDate = ROW_B.replace('BV 4mm²', 'BV 10mm²').replace('2023年6月14日', '2023-02-30');
    const good = ROW_B.replace('BV 4mm²', 'BV 16mm²');
    const result = await importFile(db, await writeCsv('bad.csv', [HEADER, good, bad, badDate]), opts);
    expect(result.status).toBe('rejected');
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 3, column: '统一社会信用代码', value: '911100001000013009', reason: expect.stringMatching(/check character/) }),
      expect.objectContaining({ row: 4, column: '发布日期', value: '2023-02-30', reason: expect.stringMatching(/impossible date/) }),
    ]);
    expect(await countOf(spotChecks)).toBe(before);
  });

  it('keeps other names published under the same USCC as aliases, and brands seen on products', async () => {
    const renamed = ROW_B.replace('澜曜电缆有限公司', '澜曜线缆股份有限公司').replace('BV 4mm²', 'BV 35mm²').replace(',澜曜,', ',曜线,');
    expect((await importFile(db, await writeCsv('renamed.csv', [HEADER, renamed]), opts)).status).toBe('succeeded');
    const all = await db.db.select().from(enterprises);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ name: '澜曜电缆有限公司', aliases: ['澜曜线缆股份有限公司'], brands: ['澜曜', '曜线'] });
  });

  it('reads product categories and campaigns by slug or name; keeps a kind the taxonomy lacks as published, with a warning', async () => {
    const header = `${HEADER},产品类别,专项行动`;
    const named = `${ROW_B.replace('BV 4mm²', 'BV 50mm²')},电线电缆,2023年重点工业产品质量安全隐患排查治理专项行动`;
    const result = await importFile(db, await writeCsv('named.csv', [header, named]), opts);
    expect(result.errors).toEqual([]);
    const [row] = await db.db.select().from(spotChecks).where(eq(spotChecks.model, 'BV 50mm²'));
    expect(row).toMatchObject({ productCategory: 'wire-cable', campaign: expect.stringMatching(/^2023/) });
    const unknown = await importFile(db, await writeCsv('unknown.csv', [header, `${ROW_B.replace('BV 4mm²', 'BV 70mm²')},飞行汽车,`]), opts);
    expect(unknown).toMatchObject({ status: 'succeeded', created: 1, errors: [] });
    expect(unknown.warnings).toEqual([expect.objectContaining({ column: '产品类别', value: '飞行汽车', reason: expect.stringMatching(/not in the taxonomy/) })]);
    const [kept] = await db.db.select().from(spotChecks).where(eq(spotChecks.model, 'BV 70mm²'));
    expect(kept).toMatchObject({ productCategory: null, productKind: '飞行汽车' });
  });

  it('reads GB18030 files as exported by Chinese Excel, and keeps unknown columns', async () => {
    const file = await writeCsv('gbk.csv', [`${HEADER},检验报告编号`, `${ROW_B.replace('BV 4mm²', 'BV 25mm²')},GB/T 5023.3-2008`], 'gb18030');
    const result = await importFile(db, file, opts);
    expect(result).toMatchObject({ status: 'succeeded', created: 1 });
    const [row] = await db.db.select().from(spotChecks).where(eq(spotChecks.model, 'BV 25mm²'));
    expect(row!.manufacturerName).toBe('澜曜电缆有限公司');
    expect(row!.extra).toEqual({ 检验报告编号: 'GB/T 5023.3-2008' });
    expect(await countOf(enterprises)).toBe(1);
  });

  it('masks natural-person parties and ID or phone numbers in penalties before storing them', async () => {
    const file = await writeCsv('pen.csv', [
      '行政处罚决定书文号,当事人名称,统一社会信用代码,违法事实,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关',
      '浙市监处罚〔2023〕12号,张三丰,,当事人（身份证号110101199003071234，电话13812345678）销售不合格电线,罚款,1.5,2023-06-01,浙江省市场监督管理局',
    ]);
    const result = await importFile(db, file, { type: 'penalties', operator: 'test' });
    expect(result.status).toBe('succeeded');
    const [row] = await db.db.select().from(penalties);
    expect(row).toMatchObject({ partyName: '张**', partyKind: 'person', fineAmount: 15000, penaltyTypes: ['fine'] });
    expect(row!.facts).toContain('1101**********1234');
    expect(row!.facts).toContain('138****5678');
    expect(JSON.stringify(await db.db.select().from(recordVersions))).not.toMatch(/110101199003071234|13812345678|张三丰/);
  });

  it('imports XLSX as regulators export it: title rows, two-row merged headers, Excel dates, 万元 columns', async () => {
    const fixtures = path.join(import.meta.dirname, '../fixtures');
    const sc = await importFile(db, path.join(fixtures, 'spot-checks-merged-header.xlsx'), {
      ...opts,
      authority: '青岚市市场监督管理局',
      announcementNo: '青市监抽〔2024〕7号',
      publishedAt: '2024年3月5日',
      level: '市级',
    });
    expect(sc.errors).toEqual([]);
    expect(sc).toMatchObject({ status: 'succeeded', rows: 5, created: 5 });
    const rows = await db.db.select().from(spotChecks).where(eq(spotChecks.announcementNo, '青市监抽〔2024〕7号'));
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.publishedAt === '2024-03-05' && r.level === 'municipal')).toBe(true);
    expect(rows.some((r) => r.manufacturerUscc === '91350100M000100Y43')).toBe(true);
    // Text that looks like a formula is kept as the text it is; formulas are never evaluated.
    expect(rows.map((r) => r.note)).toContain("=cmd|' /C calc'!A0");

    const pen = await importFile(db, path.join(fixtures, 'penalties-wan-yuan.xlsx'), { type: 'penalties', operator: 'test' });
    expect(pen.errors).toEqual([]);
    const fines = (await db.db.select({ fine: penalties.fineAmount }).from(penalties)).map((r) => r.fine);
    expect(fines).toEqual(expect.arrayContaining([15000, 3000, 120000]));
  });
});
