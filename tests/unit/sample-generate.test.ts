import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  buildSampleData, DEFAULT_COUNTS, DEFAULT_SEED, generateSampleData, type SampleData,
} from '../../sample/generate.ts';
import { parseCsv, toCsv } from '../../sample/csv.ts';
import categories from '../../content/taxonomy/categories.json' with { type: 'json' };
import campaigns from '../../content/taxonomy/campaigns.json' with { type: 'json' };
import authorities from '../../content/taxonomy/authorities.json' with { type: 'json' };
import regions from '../../content/sample-data/regions.json' with { type: 'json' };
import committedEnterprises from '../../content/sample-data/enterprises.json' with { type: 'json' };
import { REAL_NAMES_BLOCKLIST as REAL_BRANDS } from '../../sample/words.ts';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Independent GB 32100 check, so the tests do not trust the code under test. */
function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(code[i]!) * WEIGHTS[i]!;
  const check = 31 - (sum % 31);
  return CHARSET[check === 31 ? 0 : check] === code[17];
}

interface Table {
  headers: string[];
  rows: Record<string, string>[];
}

function readTable(text: string): Table {
  const [headers = [], ...rows] = parseCsv(text);
  return { headers, rows: rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? '']))) };
}

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

const dirs: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'sample-gen-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const SPOT_HEADERS = [
  '公告编号', '公告标题', '发布机关', '发布日期', '抽查级别', '产品类别', '专项行动', '产品名称', '标称生产企业名称',
  '标称生产企业地址', '统一社会信用代码', '被抽样单位名称', '被抽样单位地址', '电商平台', '网店名称', '商标', '规格型号',
  '生产日期/批号', '抽查结果', '不合格项目', '承检机构', '备注', '所在地区',
];
const PENALTY_HEADERS = [
  '行政处罚决定书文号', '当事人名称', '统一社会信用代码', '法定代表人', '违法行为类型', '违法事实', '处罚依据', '处罚内容',
  '罚款金额（元）', '没收违法所得金额（元）', '处罚决定日期', '处罚机关', '公示截止日期', '产品类别', '所在地区',
];
const LICENSE_HEADERS = [
  '许可证编号', '企业名称', '统一社会信用代码', '产品名称', '处理措施', '原因', '决定书文号', '决定日期', '发布机关', '产品类别', '所在地区',
];
// The US recalls API's columns, as its JSON reads once flattened: the sample alerts are fictional US recalls.
const ALERT_HEADERS = [
  'RecallNumber', 'RecallDate', 'Title', 'Products.Name', 'Products.Type', 'Manufacturers.Name', 'ManufacturerCountries.Country', 'Hazards.Name', 'Remedies.Name',
];

const data: SampleData = buildSampleData();
const table = (type: string): Table => {
  const t = data.tables.find((x) => x.type === type)!;
  return readTable(toCsv(t.headers, t.rows));
};
const spot = table('spot-checks');
const pen = table('penalties');
const lic = table('license-revocations');

const categorySlugs = new Set(categories.filter((c) => !('group' in c && c.group)).map((c) => c.slug));
const campaignSlugs = new Set(campaigns.map((c) => c.slug));
const authorityNames = new Set(authorities.map((a) => a.zh));
const regionCodes = new Set(regions.flatMap((p) => [p.code, ...p.cities.map((c) => c.code)]));

describe('sample data generator', () => {
  it('exports the default counts and seed', () => {
    expect(DEFAULT_SEED).toBe(20170101);
    expect(DEFAULT_COUNTS).toEqual({ spotChecks: 3200, penalties: 240, licenseRevocations: 120, crossBorderAlerts: 40 });
  });

  it('writes byte-identical files for the same seed and different files for another seed', async () => {
    const random = vi.spyOn(Math, 'random');
    const now = vi.spyOn(Date, 'now');
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    const ra = await generateSampleData({ outDir: a });
    await generateSampleData({ outDir: b, seed: DEFAULT_SEED });
    await generateSampleData({ outDir: c, seed: 42 });
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
    random.mockRestore();
    now.mockRestore();
    for (const name of ['spot-checks.csv', 'penalties.csv', 'license-revocations.csv', 'cross-border-alerts.csv', 'enterprises.json']) {
      const [x, y, z] = await Promise.all([a, b, c].map((d) => readFile(join(d, name))));
      expect(x!.equals(y!), `${name} same seed`).toBe(true);
      expect(x!.equals(z!), `${name} other seed`).toBe(false);
    }
    expect(ra.files.map((f) => [f.type, f.rows])).toEqual([
      ['spot-checks', 3200], ['penalties', 240], ['license-revocations', 120], ['cross-border-alerts', 40],
    ]);
    expect(ra.files.map((f) => f.path)).toEqual(['spot-checks.csv', 'penalties.csv', 'license-revocations.csv', 'cross-border-alerts.csv'].map((n) => join(a, n)));
  });

  it('writes UTF-8 CSV with BOM, CRLF and the import headers', async () => {
    const dir = await tempDir();
    const { files } = await generateSampleData({ outDir: dir, spotChecks: 300, penalties: 40, licenseRevocations: 20, crossBorderAlerts: 10 });
    const expected = { 'spot-checks': SPOT_HEADERS, penalties: PENALTY_HEADERS, 'license-revocations': LICENSE_HEADERS, 'cross-border-alerts': ALERT_HEADERS };
    for (const f of files) {
      const bytes = await readFile(f.path);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/(?<!")\n/); // no bare LF outside quoted fields
      const t = readTable(text);
      expect(t.headers).toEqual(expected[f.type as keyof typeof expected]);
      expect(t.rows).toHaveLength(f.rows);
    }
    expect(files.map((f) => f.rows)).toEqual([300, 40, 20, 10]);
  });

  it('honours custom counts, including zero and tiny sets', () => {
    for (const [s, p, l, a] of [[0, 0, 0, 0], [7, 3, 2, 1], [61, 25, 11, 4]] as const) {
      const d = buildSampleData({ seed: 5, spotChecks: s, penalties: p, licenseRevocations: l, crossBorderAlerts: a });
      expect(d.tables.map((t) => t.rows.length)).toEqual([s, p, l, a]);
    }
    expect(() => buildSampleData({ spotChecks: -1 })).toThrow(RangeError);
    expect(() => buildSampleData({ penalties: 1.5 })).toThrow(RangeError);
  });

  it('quotes fields per RFC 4180 where needed', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', 'plain']])).toBe(
      '\uFEFFa,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",plain\r\n',
    );
  });

  it('uses only valid USCCs, and omits some (about a tenth) in spot checks', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91310000717854505W')).toBe(true);
    expect(isValidUscc('911100001000013009')).toBe(false);
    const all = [
      ...spot.rows.map((r) => r['统一社会信用代码']!),
      ...pen.rows.map((r) => r['统一社会信用代码']!),
      ...lic.rows.map((r) => r['统一社会信用代码']!),
      ...data.enterprises.map((e) => e.uscc),
    ].filter((u) => u !== '');
    expect(all.length).toBeGreaterThan(3000);
    const invalid = all.filter((u) => !isValidUscc(u));
    expect(invalid).toEqual([]);
    for (const u of all) expect(u.startsWith('91')).toBe(true);
    const empty = spot.rows.filter((r) => r['统一社会信用代码'] === '').length / spot.rows.length;
    expect(empty).toBeGreaterThan(0.05);
    expect(empty).toBeLessThan(0.15);
    expect(lic.rows.every((r) => r['统一社会信用代码'] !== '')).toBe(true);
  });

  it('keeps the failure rate of every category between 5 % and 20 %, with items from its testItems', () => {
    const testItems = new Map(categories.map((c) => [c.slug, c.testItems]));
    const byCat = new Map<string, { n: number; failed: number }>();
    for (const r of spot.rows) {
      const s = byCat.get(r['产品类别']!) ?? { n: 0, failed: 0 };
      s.n++;
      if (r['抽查结果'] === '不合格') {
        s.failed++;
        const items = r['不合格项目']!.split('、').map((i) => i.replace(/[(（].*$/, ''));
        expect(items.length).toBeGreaterThan(0);
        for (const i of items) expect(testItems.get(r['产品类别']!), `${i} in ${r['产品类别']}`).toContain(i);
      } else {
        expect(r['抽查结果']).toBe('合格');
        expect(r['不合格项目']).toBe('');
      }
      byCat.set(r['产品类别']!, s);
    }
    const required = ['wire-cable', 'children-clothing', 'children-shoes', 'toys', 'electric-bicycle', 'ebike-charger',
      'ebike-lithium-battery', 'ebike-helmet', 'gas-stove', 'gas-water-heater', 'gas-pressure-regulator', 'gas-hose',
      'gas-leak-alarm', 'fire-extinguisher', 'emergency-lighting', 'fertilizer', 'cement', 'induction-cooker', 'rice-cooker',
      'casual-clothing', 'travel-bags', 'elderly-shoes', 'walking-aids', 'adult-diapers', 'food-paper-packaging',
      'mulch-film', 'safety-helmet'];
    expect([...byCat.keys()].sort()).toEqual(expect.arrayContaining(required));
    for (const [cat, { n, failed }] of byCat) {
      expect(categorySlugs.has(cat), cat).toBe(true);
      expect(failed / n, `${cat}: ${failed}/${n}`).toBeGreaterThanOrEqual(0.05);
      expect(failed / n, `${cat}: ${failed}/${n}`).toBeLessThanOrEqual(0.2);
    }
  });

  it('has at least 15 enterprises with two or more failures within 24 months', () => {
    const nameToUscc = new Map<string, string>();
    for (const r of spot.rows) if (r['统一社会信用代码']) nameToUscc.set(r['标称生产企业名称']!, r['统一社会信用代码']!);
    const fails = new Map<string, number[]>();
    for (const r of spot.rows) {
      if (r['抽查结果'] !== '不合格') continue;
      const key = r['统一社会信用代码'] || nameToUscc.get(r['标称生产企业名称']!) || r['标称生产企业名称']!;
      fails.set(key, [...(fails.get(key) ?? []), dayOf(r['发布日期']!)]);
    }
    const repeat = [...fails.values()].filter((days) => {
      days.sort((x, y) => x - y);
      return days.some((d, i) => i > 0 && d - days[i - 1]! <= 730);
    });
    expect(repeat.length).toBeGreaterThanOrEqual(15);
    expect(repeat.length).toBeLessThanOrEqual(40);
  });

  it('groups spot checks into national and provincial announcements of 20–60 rows, 2017-01 … 2026-10', () => {
    const anns = new Map<string, Record<string, string>[]>();
    for (const r of spot.rows) anns.set(r['公告编号']!, [...(anns.get(r['公告编号']!) ?? []), r]);
    for (const [no, rows] of anns) {
      expect(rows.length, no).toBeGreaterThanOrEqual(20);
      expect(rows.length, no).toBeLessThanOrEqual(60);
      for (const k of ['公告标题', '发布机关', '发布日期', '抽查级别']) expect(new Set(rows.map((r) => r[k])).size, `${no} ${k}`).toBe(1);
      const first = rows[0]!;
      if (first['抽查级别'] === '国家') {
        expect(no).toMatch(/^20\d\d年第\d+号$/);
        expect(['国家市场监督管理总局', '国家质量监督检验检疫总局']).toContain(first['发布机关']);
        expect(first['发布机关'] === '国家质量监督检验检疫总局').toBe(first['发布日期']! < '2018-04-10');
      } else {
        expect(first['抽查级别']).toBe('省级');
        expect(no).toMatch(/^.+公告〔20\d\d〕\d+号$/);
      }
    }
    const levels = new Set(spot.rows.map((r) => r['抽查级别']));
    expect(levels).toEqual(new Set(['国家', '省级']));
    const provincial = new Set(spot.rows.filter((r) => r['抽查级别'] === '省级').map((r) => r['发布机关']));
    expect(provincial.size).toBe(31);
    const dates = spot.rows.map((r) => r['发布日期']!).sort();
    expect(dates[0]! >= '2017-01-01' && dates[0]! < '2017-03-01').toBe(true);
    expect(dates.at(-1)! >= '2026-08-01' && dates.at(-1)! <= '2026-10-31').toBe(true);
  });

  it('uses taxonomy values for categories, campaigns, authorities and regions', () => {
    for (const r of spot.rows) {
      expect(categorySlugs.has(r['产品类别']!)).toBe(true);
      if (r['专项行动']) expect(campaignSlugs.has(r['专项行动']!), r['专项行动']).toBe(true);
      expect(authorityNames.has(r['发布机关']!)).toBe(true);
      expect(regionCodes.has(r['所在地区']!), r['所在地区']).toBe(true);
    }
    for (const r of pen.rows) {
      expect(authorityNames.has(r['处罚机关']!)).toBe(true);
      expect(categorySlugs.has(r['产品类别']!)).toBe(true);
      expect(regionCodes.has(r['所在地区']!)).toBe(true);
    }
    for (const r of lic.rows) {
      expect(authorityNames.has(r['发布机关']!)).toBe(true);
      expect(categorySlugs.has(r['产品类别']!)).toBe(true);
      expect(regionCodes.has(r['所在地区']!)).toBe(true);
    }
    const used = new Set(spot.rows.map((r) => r['专项行动']).filter(Boolean));
    for (const slug of ['2017-key-products-rectification', '2018-lijian', '2023-industrial-hazards']) expect(used).toContain(slug);
    expect(used.size).toBeGreaterThanOrEqual(5);
  });

  it('fills platform and store for e-commerce samples', () => {
    const online = spot.rows.filter((r) => r['电商平台'] !== '');
    expect(online.length / spot.rows.length).toBeGreaterThan(0.15);
    for (const r of online) expect(r['网店名称']).not.toBe('');
    for (const r of spot.rows.filter((x) => ['casual-clothing', 'travel-bags'].includes(x['产品类别']!))) {
      expect(r['电商平台']).not.toBe('');
    }
  });

  it('keeps natural keys unique per file', () => {
    const keys = (t: Table, cols: string[]) => new Set(t.rows.map((r) => cols.map((c) => r[c]).join('|'))).size;
    expect(keys(spot, ['公告编号', '统一社会信用代码', '标称生产企业名称', '产品名称', '规格型号', '生产日期/批号', '被抽样单位名称'])).toBe(spot.rows.length);
    expect(keys(pen, ['处罚机关', '行政处罚决定书文号'])).toBe(pen.rows.length);
    expect(keys(pen, ['行政处罚决定书文号'])).toBe(pen.rows.length);
    expect(keys(lic, ['许可证编号', '处理措施', '决定日期'])).toBe(lic.rows.length);
  });

  it('publishes natural persons masked and without USCC; legal representatives masked', () => {
    const persons = pen.rows.filter((r) => r['统一社会信用代码'] === '');
    expect(persons.length / pen.rows.length).toBeGreaterThanOrEqual(0.08);
    expect(persons.length / pen.rows.length).toBeLessThanOrEqual(0.15);
    for (const r of persons) {
      expect(r['当事人名称']).toMatch(/^.\*+$/);
      expect(r['法定代表人']).toBe('');
    }
    for (const r of pen.rows.filter((x) => x['统一社会信用代码'] !== '')) {
      expect(r['当事人名称']).toMatch(/(公司|厂)$/);
      expect(r['法定代表人']).toMatch(/^.\*\*$/);
    }
  });

  it('writes plausible penalty amounts, dates and disclosure periods', () => {
    let expired = 0;
    for (const r of pen.rows) {
      expect(r['行政处罚决定书文号']).toMatch(/〔20\d\d〕\d+号$/);
      expect(r['罚款金额（元）']).toMatch(/^\d+(\.\d{1,2})?$/);
      expect(r['没收违法所得金额（元）']).toMatch(/^\d+(\.\d{1,2})?$/);
      const decided = r['处罚决定日期']!;
      const until = r['公示截止日期']!;
      expect(decided >= '2017-01-01' && decided <= '2026-11-20', decided).toBe(true);
      const years = Number(until.slice(0, 4)) - Number(decided.slice(0, 4));
      expect([1, 3]).toContain(years);
      expect(until.slice(5)).toBe(decided.slice(5) === '02-29' ? '02-28' : decided.slice(5));
      if (until < '2026-11-21') expired++;
      const sentences = r['违法事实']!.split('。').filter(Boolean).length;
      expect(sentences).toBeGreaterThanOrEqual(1);
      expect(sentences).toBeLessThanOrEqual(3);
    }
    expect(expired).toBeGreaterThan(0);
    expect(expired).toBeLessThan(pen.rows.length);
  });

  it('writes licence numbers of the three kinds and the four actions', () => {
    const kinds = { xk: 0, sc: 0, ccc: 0 };
    for (const r of lic.rows) {
      const no = r['许可证编号']!;
      if (/^\([\u4e00-\u9fff]\)XK\d{2}-\d{3}-\d{5}$/.test(no)) kinds.xk++;
      else if (/^SC\d{14}$/.test(no)) kinds.sc++;
      else if (/^\d{16}$/.test(no)) kinds.ccc++;
      else throw new Error(`unexpected licence number ${no}`);
      expect(['吊销', '撤销', '注销', '暂停']).toContain(r['处理措施']);
      expect(r['决定书文号']).toMatch(/〔20\d\d〕\d+号$/);
    }
    expect(kinds.xk).toBeGreaterThan(10);
    expect(kinds.sc).toBeGreaterThan(3);
    expect(kinds.ccc).toBeGreaterThan(10);
    expect(new Set(lic.rows.map((r) => r['处理措施']))).toEqual(new Set(['吊销', '撤销', '注销', '暂停']));
    // Revocations by penalty decision: the same number appears in penalties.csv.
    const penaltyNos = new Set(pen.rows.map((r) => r['行政处罚决定书文号']));
    expect(lic.rows.filter((r) => r['处理措施'] === '吊销' && penaltyNos.has(r['决定书文号'])).length).toBeGreaterThanOrEqual(3);
  });

  it('links at least 30 enterprises across spot checks and penalties or licence actions', () => {
    const inSpot = new Set(spot.rows.map((r) => r['统一社会信用代码']).filter(Boolean));
    const elsewhere = new Set([...pen.rows, ...lic.rows].map((r) => r['统一社会信用代码']).filter(Boolean));
    expect([...elsewhere].filter((u) => inSpot.has(u)).length).toBeGreaterThanOrEqual(30);
  });

  it('writes an enterprise directory with English names, brands and aliases; content copy in sync', () => {
    const withEnglish = data.enterprises.filter((e) => e.englishName);
    expect(withEnglish.length / data.enterprises.length).toBeGreaterThan(0.12);
    expect(withEnglish.length / data.enterprises.length).toBeLessThan(0.3);
    for (const e of withEnglish) {
      expect(e.englishName).toMatch(/^[A-Za-z][A-Za-z &.,'-]+$/);
      expect(e.aliases.length).toBeGreaterThan(0);
      expect(e.brands.some((b) => /^[A-Z]+$/.test(b))).toBe(true);
    }
    expect(new Set(data.enterprises.map((e) => e.uscc)).size).toBe(data.enterprises.length);
    expect(data.enterprises.length).toBeGreaterThan(400);
    expect(committedEnterprises).toEqual(JSON.parse(JSON.stringify(data.enterprises)));
  });

  it('never uses a real brand or company name', () => {
    const texts = [
      ...data.enterprises.flatMap((e) => [e.name, e.englishName ?? '', ...e.brands, ...e.aliases]),
      ...spot.rows.flatMap((r) => [r['标称生产企业名称']!, r['被抽样单位名称']!, r['电商平台']!, r['网店名称']!, r['商标']!, r['承检机构']!]),
      ...pen.rows.map((r) => r['当事人名称']!),
    ].join('\n');
    // Place names are real (北京东城… contains 京东); strip them before looking for brands.
    const places = regions.flatMap((p) => [p.zh, ...p.cities.map((c) => c.zh)]).flatMap((n) => [n, n.replace(/(市|省|区|新区|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, '')]);
    const stripped = places.sort((a, b) => b.length - a.length).reduce((t, n) => t.split(n).join('|'), texts);
    for (const b of REAL_BRANDS) expect(stripped.includes(b), b).toBe(false);
  });
});
