import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Portal } from '../../api/portal.ts';
import { getEnterprise } from '../../api/services/enterprises.ts';
import { search } from '../../api/services/search.ts';
import { failureByCategory, failureRateCoverage } from '../../types/spot-checks/stats.ts';
import { importFile, type ImportOptions, type ImportResult } from '../../ingest/import-file.ts';
import { directoryStorage } from '../../storage/directory.ts';
import { announcements, enterprises, type RecordSource } from '../../db/schema/index.ts';
import { startMeilisearch, type RunningMeilisearch } from '../../runtime/meilisearch-server.ts';
import { meiliClient } from '../../search/meili.ts';
import { drainAll, ensureIndexes } from '../../search/sync.ts';
import { freshDatabase } from '../setup/database.ts';
import { spotChecks } from '../../types/spot-checks/table.ts';
import { penalties } from '../../types/penalties/table.ts';
import { typicalCases } from '../../types/typical-cases/table.ts';

/**
 * Real announcements and decisions, imported as regulators published them, with only the options
 * a publisher would give (tests/fixtures/real/SOURCES.md says where each comes from).
 */
const REAL = path.join(import.meta.dirname, '../fixtures/real');
const READERS = path.join(import.meta.dirname, '../fixtures/readers');
const dir = path.join(inject('tmpDir'), 'real-publications');
let db: Awaited<ReturnType<typeof freshDatabase>>;
let meiliServer: RunningMeilisearch;
let portal: Portal;
const results = new Map<string, ImportResult>();

type Options = Omit<ImportOptions, 'operator'>;
const FILES: [string, Options][] = [
  ['spot-checks/02-samr-2024-fuel-additives.orig.csv', { type: 'spot-checks', authority: '国家市场监督管理总局', publishedAt: '2025-04-07', result: '不合格' }],
  // The same rows in GB18030, without --result (the failed items tell it): the same records, unchanged.
  ['spot-checks/02-samr-2024-fuel-additives.orig.gb18030.csv', { type: 'spot-checks', authority: '国家市场监督管理总局', publishedAt: '2025-04-07' }],
  ['spot-checks/04-shanghai-2023-2025-lubricants.orig.csv', { type: 'spot-checks', authority: '上海市市场监督管理局', category: '润滑油' }],
  ['spot-checks/07-tianjin-hedong-2018-childrens-clothing.orig.csv', { type: 'spot-checks', authority: '天津市河东区市场和质量监督管理局', publishedAt: '2018-11-28', category: '儿童服装' }],
  ['spot-checks/08-xiamen-2021h1-childrens-clothing.orig.csv', { type: 'spot-checks', authority: '厦门市市场监督管理局', publishedAt: '2021-09-16' }],
  ['spot-checks/11-xian-2013-wires.html', { type: 'spot-checks', authority: '西安市质量技术监督局', publishedAt: '2013-08-28', category: '电线电缆' }],
  ['spot-checks/12-wanrong-2023-wires.html', { type: 'spot-checks', authority: '万荣县市场监督管理局', publishedAt: '2023-04-11', category: '电线电缆' }],
  ['spot-checks/13-inner-mongolia-2018-toys.csv', { type: 'spot-checks', authority: '内蒙古自治区工商行政管理局', publishedAt: '2018-11-01', announcementTitle: '内蒙古自治区工商行政管理局2018年流通领域儿童玩具质量抽检不合格商品名单' }],
  ['spot-checks/14-shandong-2020-masks-recheck.csv', { type: 'spot-checks', authority: '山东省市场监督管理局', publishedAt: '2020-09-14' }],
  ['spot-checks/15-chongqing-2020-motorcycles-steel.html', { type: 'spot-checks', authority: '重庆市市场监督管理局', publishedAt: '2021-03-25' }],
  ['spot-checks/16-huainan-2018-childrens-clothing.csv', { type: 'spot-checks', authority: '淮南市市场监督管理局', publishedAt: '2018-11-27', announcementTitle: '2018年淮南市流通领域儿童服装类商品质量抽检结果汇总表' }],
  ['spot-checks/17-shanghai-2018-safety-helmets.html', { type: 'spot-checks', authority: '上海市质量技术监督局', publishedAt: '2018-09-27' }],
  ['spot-checks/18-tianjin-2013-electric-bicycles.html', { type: 'spot-checks', authority: '天津市工商行政管理局', publishedAt: '2013-10-01' }],
  ['spot-checks/19-tianjin-binhai-2023-ebikes-auto-parts.html', { type: 'spot-checks', authority: '天津市滨海新区市场监督管理局', publishedAt: '2023-10-19' }],
  ['penalties/02-decisions-with-date.csv', { type: 'penalties' }],
  ['typical-cases/2022-leling-tianmao-cable-unqualified-pvc-wire.md', { type: 'typical-cases' }],
];

const sha256 = async (file: string) => createHash('sha256').update(await fs.readFile(file)).digest('hex');
const rowsOf = (file: string) => db.db.select().from(spotChecks).where(sql`${spotChecks.source}->>'file' = ${path.basename(file)}`).orderBy(sql`(${spotChecks.source}->>'row')::int`);

beforeAll(async () => {
  await fs.mkdir(dir, { recursive: true });
  db = await freshDatabase('real');
  meiliServer = await startMeilisearch(path.join(dir, 'meili'), path.join(dir, 'meili-key'));
  for (const [file, options] of FILES) {
    results.set(file, await importFile(db, path.join(REAL, file), { ...options, operator: 'test', archive: directoryStorage(dir), reportPath: path.join(dir, `${path.basename(file)}.report.csv`) }));
  }
  const meili = meiliClient({ url: meiliServer.url, masterKey: meiliServer.masterKey });
  await ensureIndexes(meili);
  await drainAll(db, meili);
  portal = { db, counters: db, meili };
}, 180_000);

afterAll(async () => {
  await meiliServer?.stop();
  await db?.drop();
});

describe('real files import as they are published', () => {
  it('imports every file with only the options a publisher would give', () => {
    for (const [file, result] of results) expect({ file, status: result.status, errors: result.errors }).toEqual({ file, status: 'succeeded', errors: [] });
  });

  it('SAMR unqualified list: no result column, no number; 产品种类 mapped, * a safety flag, the same rows in GB18030 change nothing', async () => {
    const utf8 = results.get(FILES[0]![0])!;
    expect(utf8).toMatchObject({ rows: 5, created: 5 });
    expect(results.get(FILES[1]![0])).toMatchObject({ rows: 5, created: 0, unchanged: 5 });
    expect(utf8.tables[0]!.unmapped).toEqual(['序号']);
    const rows = await rowsOf(FILES[0]![0]);
    expect(rows.every((r) => r.result === 'unqualified' && r.level === 'national' && r.announcementNo === '')).toBe(true);
    expect(rows.map((r) => r.productCategory)).toEqual(Array(5).fill('gasoline-detergent-additives'));
    expect(rows[0]!.unqualifiedItems).toEqual([{ item: '闪点（闭口）', safety: true }, { item: '模拟进气阀沉积物质量' }]);
    expect(rows[1]).toMatchObject({ batch: '2023-05-16/W003020', batchDate: '2023-05-16', note: '复检仍不合格', manufacturerName: '天津劲鹰汽车技术有限公司' });
    const [announcement] = await db.db.select().from(announcements).where(eq(announcements.id, rows[0]!.announcementId!));
    expect(announcement!.listKinds).toEqual(['unqualified']);
  });

  it('Shanghai lubricants: one file, three announcements, results told by the failed items, a stray bracket, graphic marks', async () => {
    const rows = await rowsOf(FILES[2]![0]);
    expect(rows.map((r) => r.result)).toEqual(['qualified', 'unqualified', 'unqualified', 'unqualified', 'qualified', 'qualified', 'qualified', 'unqualified', 'unqualified']);
    expect(new Set(rows.map((r) => r.announcementId)).size).toBe(3);
    expect(rows.every((r) => r.level === 'provincial' && r.regionCode === '310000' && r.productCategory === 'lubricating-oils')).toBe(true);
    expect(rows[0]).toMatchObject({ batch: '2023.03.17//', batchDate: '2023-03-17', brand: '图形＋静魔' });
    expect((rows[0]!.source as RecordSource).url).toBe('https://scjgj.sh.gov.cn/923/20230821/2c984a728a15e02c018a17a844d623f4.html');
    expect(rows[4]!.manufacturerName).toBe('伍尔特（中国）有限公司');
    const [wurth] = await db.db.select().from(enterprises).where(eq(enterprises.id, rows[4]!.manufacturerId!));
    expect(wurth!.name).toBe('伍尔特（中国）有限公司');
    const [jingmo] = await db.db.select().from(enterprises).where(eq(enterprises.id, rows[0]!.manufacturerId!));
    expect(jingmo!.brands).toEqual(['静魔']);
  });

  it('Tianjin Hedong: parties by role, each with a profile; the distributor and the importer are not the maker', async () => {
    const rows = await rowsOf(FILES[3]![0]);
    expect(rows.map((r) => r.namedParties.map((p) => [p.role, p.name, p.annotation]))).toEqual([
      [['manufacturer', '宁波迪迪鹿儿童用品有限公司', '标称']],
      [['manufacturer', '天津童伊汇服饰有限公司', '标称'], ['distributor', '天津童伊汇服饰连锁有限公司', '标称经销商']],
      [['distributor', '深圳市西遇时尚服饰有限公司', '标称经销商']],
      [['manufacturer', '甜维你(上海)商贸有限公司', '标称']],
      [['importer', '阿迪达斯体育(中国)有限公司', '标称进口商']],
    ]);
    expect(rows.map((r) => r.result)).toEqual(['unqualified', 'unqualified', 'unqualified', 'qualified', 'qualified']);
    expect(rows.every((r) => r.qualityGrade === '合格品' && r.level === 'county' && r.regionCode === '120102')).toBe(true);
    const names = (await db.db.select({ name: enterprises.name }).from(enterprises)).map((e) => e.name);
    expect(names.filter((n) => /标称|\(标称/.test(n))).toEqual([]);
    const distributor = rows[2]!.namedParties[0]!.enterpriseId!;
    const profile = await getEnterprise(portal, distributor);
    expect(profile.facts).toMatchObject({ spotChecks: 0, failedSpotChecks: 0, soldSpotChecks: 1, failedSoldSpotChecks: 1, repeatFailure: false });
    expect(profile.timeline).toEqual([expect.objectContaining({ roles: ['distributor'], made: false, adverse: true })]);
    const maker = await getEnterprise(portal, rows[1]!.namedParties[0]!.enterpriseId!);
    expect(maker.facts).toMatchObject({ spotChecks: 1, failedSpotChecks: 1, lastFailedAt: '2018-11-28' });
  });

  it('Xiamen: 企业名称 is the manufacturer, month-only batches, an identical repeated row imported once with a warning', async () => {
    const result = results.get(FILES[4]![0])!;
    expect(result).toMatchObject({ rows: 11, created: 10 });
    expect(result.warnings).toEqual([expect.objectContaining({ row: 3, reason: expect.stringMatching(/repeats row 2 exactly/) })]);
    const rows = await rowsOf(FILES[4]![0]);
    expect(rows[0]).toMatchObject({ manufacturerName: '厦门市琦龙服饰有限公司', jurisdiction: '湖里区', brand: null, batch: '2020.12', batchDate: null, regionCode: '350200', level: 'municipal' });
    expect(rows.find((r) => r.manufacturerName === '乔丹(厦门)实业有限公司')).toBeTruthy();
  });

  it('HTML pages: several tables, titles that name the list, totals read from the text, one failed item per row', async () => {
    const helmets = await rowsOf(FILES[11]![0]);
    expect(helmets.map((r) => [r.result, (r.source as RecordSource).sheet])).toEqual([['unqualified', '表格 1'], ['qualified', '表格 2'], ['qualified', '表格 2']]);
    const [hA] = await db.db.select().from(announcements).where(eq(announcements.id, helmets[0]!.announcementId!));
    expect(hA).toMatchObject({ batchesTested: 9, batchesFailed: 1, totalsSource: 'text', listKinds: ['qualified', 'unqualified'] });

    const bikes = await rowsOf(FILES[12]![0]);
    expect(bikes).toHaveLength(4);
    // Each failed item was on a row of its own; 、 still separates items, as in any cell.
    expect(bikes[0]!.unqualifiedItems.map((i) => i.item)).toEqual(['车架/前叉组合件振动强度', '整车质量', '把立管静负荷', '欠压', '过流保护功能']);
    expect(bikes.find((b) => b.manufacturerName === '捷安特(天津)有限公司')).toMatchObject({ result: 'qualified', unqualifiedItems: [] });

    const wanrong = await rowsOf(FILES[6]![0]);
    expect(wanrong.map((r) => [r.manufacturerName, r.sampledUnitName, r.result]).at(-1)).toEqual(['深圳市金航宇电线电缆有限公司', '万荣县城镇俊杰五交化门市部', 'unqualified']);
    expect(results.get(FILES[6]![0])!.warnings).toContainEqual(expect.objectContaining({ reason: expect.stringMatching(/不合格项目未公布/) }));
    const [wA] = await db.db.select().from(announcements).where(eq(announcements.id, wanrong[0]!.announcementId!));
    expect(wA).toMatchObject({ batchesTested: 10, batchesFailed: 3, level: 'county' });

    expect(results.get(FILES[13]![0])).toMatchObject({ status: 'succeeded', rows: 0, created: 0 });
    expect(results.get(FILES[13]![0])!.warnings.map((w) => w.reason).join(' ')).toMatch(/no table found/);
  });

  it('CSV lists: a backslash placeholder, a masked individual trader, a 综合判定 result column, a re-check list', async () => {
    const toys = await rowsOf(FILES[7]![0]);
    expect(toys.map((r) => [r.brand, r.batch])).toContainEqual([null, null]);
    expect(toys[0]!.sampledUnitName).toBe('包头市青山区长志服饰店');
    const huainan = await rowsOf(FILES[10]![0]);
    expect(huainan.map((r) => r.result).filter((x) => x === 'unqualified')).toHaveLength(6);
    expect(huainan[2]!.sampledUnitName).toBe('甘**');
    expect(JSON.stringify(huainan)).not.toContain('甘小燕');
    const recheck = await rowsOf(FILES[8]![0]);
    expect(recheck[0]).toMatchObject({ level: 'provincial', jurisdiction: '青岛', inspectionAgency: '通标标准技术服务(上海)有限公司', result: 'unqualified' });
  });

  it('penalties: amounts read out of 行政处罚内容, a fine not published is null, never 0', async () => {
    const rows = await db.db.select().from(penalties).orderBy(penalties.decidedAt);
    expect(rows.map((r) => [r.decisionNo, r.decidedAt, r.publishedAt, r.fineAmount, r.confiscatedAmount])).toEqual([
      ['渝綦江市监处罚〔2024〕397号', '2024-12-31', '2025-01-07', null, null],
      ['怀市监处罚〔2025〕415号', '2025-05-20', '2025-05-20', 1700, 96],
    ]);
    expect(rows[1]!.penaltyTypes).toEqual(expect.arrayContaining(['fine', 'confiscation-of-gains', 'confiscation-of-goods']));
    expect(rows[1]!.regionCode).toBe('340321');
  });

  it('a typical case that names its party in full links it; every record keeps its source bytes', async () => {
    const [tcase] = await db.db.select().from(typicalCases);
    expect(tcase!.namedParties).toEqual([expect.objectContaining({ role: 'party', name: '山东天猫线缆有限公司', enterpriseId: expect.any(String) })]);
    const file = path.join(REAL, FILES[3]![0]);
    const [row] = await rowsOf(FILES[3]![0]);
    const digest = await sha256(file);
    expect(row!.source).toMatchObject({ file: path.basename(file), fileSha256: digest, row: 2, authority: '天津市河东区市场和质量监督管理局', publishedAt: '2018-11-28' });
    const archived = path.join(dir, 'sources', digest.slice(0, 2), `${digest}.csv`);
    expect(await sha256(archived)).toBe(digest);
  });
});

describe('an upgrade', () => {
  it('gives records imported before parties were kept their parties from the link columns (migration 0005)', async () => {
    const [row] = await rowsOf(FILES[4]![0]);
    await db.db.update(spotChecks).set({ namedParties: [], enterpriseIds: [] }).where(eq(spotChecks.id, row!.id));
    const migration = await fs.readFile(path.join(import.meta.dirname, '../../db/migrations/0005_backfill_parties.sql'), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) await db.sql.unsafe(statement);
    const [after] = await db.db.select().from(spotChecks).where(eq(spotChecks.id, row!.id));
    expect(after!.namedParties).toEqual([{ role: 'manufacturer', name: row!.manufacturerName, kind: 'enterprise', enterpriseId: row!.manufacturerId }]);
    expect(after!.enterpriseIds).toEqual([row!.manufacturerId]);
  });
});

describe('what users get from them', () => {
  it('search finds records by company, by a distributor named beside the maker, and by brand', async () => {
    const titles = async (q: string) => (await search(portal, { q })).hits.map((h) => `${h.type}:${h.title}`);
    expect(await titles('伍尔特（中国）有限公司')).toEqual(expect.arrayContaining([expect.stringMatching(/^enterprises:伍尔特（中国）有限公司$/), expect.stringMatching(/^spot-checks:全合成发动机油/)]));
    expect((await titles('天津童伊汇服饰连锁有限公司')).some((t) => t.startsWith('spot-checks:条纹拼色毛衣开衫'))).toBe(true);
    expect((await titles('静魔')).some((t) => t.startsWith('spot-checks:抗磨液压油'))).toBe(true);
    expect((await titles('车用汽油清净剂')).filter((t) => t.startsWith('spot-checks:'))).toHaveLength(5);
  });

  it('failure rates use published totals and never count an unqualified-only list as 100 % failed', async () => {
    const byCategory = await failureByCategory(portal.db.db);
    expect(byCategory.find((c) => c.category === 'gasoline-detergent-additives')).toBeUndefined();
    expect(byCategory.find((c) => c.category === 'lubricating-oils')).toMatchObject({ sampled: 9, unqualified: 5, basis: 'published-rows' });
    expect(byCategory.find((c) => c.category === 'wire-cable')).toMatchObject({ basis: 'published-totals' });
    expect((await failureRateCoverage(portal.db.db)).excludedRows).toBeGreaterThanOrEqual(5);
  });
});

describe('shapes from the reader fixtures (fictional)', () => {
  const csv = async (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, `\uFEFF${lines.join('\r\n')}\r\n`);
    return file;
  };

  it('penalties under the national disclosure labels: 万元 columns, a masked USCC kept masked, a natural person by category', async () => {
    const fresh = await freshDatabase('real_national');
    try {
      const file = await csv('national-labels.csv', [
        '行政处罚决定书文号,行政相对人名称,行政相对人类别,统一社会信用代码,法定代表人(负责人)姓名,法定代表人证件号码,违法行为类型,处罚类别,行政处罚内容,罚款金额(万元),"没收违法所得、没收非法财物的金额(万元)",作出行政处罚决定日期,公示截止期,作出行政处罚决定机关名称',
        '青市监处罚〔2024〕88号,青岚市某某五金经营部,个体工商户,92640********E416F,王某,642222********004X,销售不合格电线,罚款；没收违法所得,罚款人民币1.2万元，没收违法所得96元,1.2,0.0096,2024年5月20日,2027-05-20,青岚市市场监督管理局',
        '青市监处罚〔2024〕89号,李青松,自然人,,,,销售不合格插座,罚款,罚款1700元,,,2024-05-21,,青岚市市场监督管理局',
      ]);
      const result = await importFile(fresh, file, { type: 'penalties', operator: 'test' });
      expect(result.errors).toEqual([]);
      expect(result.tables[0]!.unmapped).toEqual(['法定代表人证件号码']);
      const rows = await fresh.db.select().from(penalties).orderBy(penalties.decisionNo);
      expect(rows.map((r) => [r.partyName, r.partyKind, r.partyUscc, r.fineAmount, r.confiscatedAmount, r.amountsFromText])).toEqual([
        ['青岚市某某五金经营部', 'enterprise', '92640********E416F', 12000, 96, false],
        ['李**', 'person', null, 1700, null, true],
      ]);
      // A masked code is not a profile key: the enterprise is known by its name only.
      const [profile] = await fresh.db.select().from(enterprises).where(eq(enterprises.name, '青岚市某某五金经营部'));
      expect(profile!.uscc).toBeNull();
      expect(rows[0]!.extra).toEqual({ 法定代表人证件号码: '642222********004X' });
    } finally {
      await fresh.drop();
    }
  });

  it('an entrusted producer gets the record on its own profile, as a maker', async () => {
    const fresh = await freshDatabase('real_entrusted');
    try {
      const file = await csv('entrusted.csv', [
        '产品名称,标称生产企业名称,规格型号,生产日期/批号,不合格项目',
        '洗发水,青岚甲日化有限公司（委托青岚乙化妆品有限公司生产）,500mL,2024-01-02,菌落总数',
      ]);
      const result = await importFile(fresh, file, { type: 'spot-checks', operator: 'test', authority: '青岚市市场监督管理局', publishedAt: '2024-03-01', level: 'municipal' });
      expect(result.errors).toEqual([]);
      const [row] = await fresh.db.select().from(spotChecks);
      expect(row!.namedParties.map((p) => [p.role, p.name])).toEqual([['manufacturer', '青岚甲日化有限公司'], ['producer', '青岚乙化妆品有限公司']]);
      const producer = await getEnterprise({ ...portal, db: fresh, counters: fresh }, row!.namedParties[1]!.enterpriseId!);
      expect(producer.facts).toMatchObject({ spotChecks: 1, failedSpotChecks: 1 });
      expect(producer.timeline).toEqual([expect.objectContaining({ id: row!.id, roles: ['producer'], made: true })]);
    } finally {
      await fresh.drop();
    }
  });

  it('reports every problem of a file at once: field and cross-field checks together, a missing column once', async () => {
    const fresh = await freshDatabase('real_report');
    try {
      const file = await csv('bad.csv', [
        '产品名称,生产日期/批号,不合格项目,统一社会信用代码',
        '电线,2024-01-02,导体电阻,911100001000013009',
        '插座,2024-01-03,,',
      ]);
      const result = await importFile(fresh, file, { type: 'spot-checks', operator: 'test', publishedAt: '2024-03-01' });
      expect(result.status).toBe('rejected');
      // No authority and no manufacturer column at all: said once each, for the whole file.
      expect(result.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
        [2, '发布机关', expect.stringMatching(/^is required: the file has no such column; give --authority .*\(every row\)$/)],
        [2, '统一社会信用代码', expect.stringMatching(/wrong check character: expected/)],
        [2, '标称生产企业名称', expect.stringMatching(/^a manufacturer or a sampled unit is required: the file has no such column.*\(every row\)$/)],
      ]);
      expect(result.rejected).toBe(2);
    } finally {
      await fresh.drop();
    }
  });

  it('section rows set the product kind, footnotes are skipped, the note above the header gives the totals', async () => {
    const fresh = await freshDatabase('real_shapes');
    try {
      const result = await importFile(fresh, path.join(READERS, 'spot-checks.xls'), { type: 'spot-checks', operator: 'test', authority: '青岚市市场监督管理局', publishedAt: '2023-04-01', level: 'municipal' });
      expect(result.errors).toEqual([]);
      const rows = await fresh.db.select().from(spotChecks).orderBy(spotChecks.model);
      expect(rows.map((r) => [r.productName, r.productKind, r.productCategory])).toEqual(expect.arrayContaining([['移动式插座', '插座', 'plugs-sockets'], ['电力电缆', '电线电缆', 'wire-cable']]));
      expect(result.warnings.map((w) => w.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/section row/), expect.stringMatching(/footnote/)]));
      expect(result.announcements[0]).toMatchObject({ batchesTested: 5, batchesFailed: 2 });
    } finally {
      await fresh.drop();
    }
  });
});
