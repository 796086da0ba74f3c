import fs from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Portal } from '../../api/portal.ts';
import { getEnterprise } from '../../api/services/enterprises.ts';
import { search } from '../../api/services/search.ts';
import { auditLog, enterprises } from '../../db/schema/index.ts';
import { importEnterpriseDirectory } from '../../ingest/enterprise-directory.ts';
import { importFile, type ImportOptions, type ImportResult } from '../../ingest/import-file.ts';
import { directoryStorage } from '../../storage/directory.ts';
import { startMeilisearch, type RunningMeilisearch } from '../../runtime/meilisearch-server.ts';
import { meiliClient } from '../../search/meili.ts';
import { drainAll, ensureIndexes } from '../../search/sync.ts';
import { crossBorderAlerts, type CrossBorderAlertRow } from '../../types/cross-border-alerts/table.ts';
import { freshDatabase } from '../setup/database.ts';
import { freePort } from '../../runtime/ports.ts';
import { startPortal, type PortalProcess } from '../setup/portal-process.ts';

/**
 * Foreign alerts imported as their publishers print them (EU Safety Gate CSV, the US recalls API's
 * JSON, Taiwan FDA border rejections), and matched to domestic profiles only on a strong match:
 * the fictional fixtures (tests/fixtures/cross-border-alerts/README.md) prove each kind of match.
 */
const REAL = path.join(import.meta.dirname, '../fixtures/real/cross-border-alerts');
const FICTIONAL = path.join(import.meta.dirname, '../fixtures/cross-border-alerts');
const EU = path.join(REAL, 'eu-safety-gate/safety_gate_alerts_222.csv');
const US = path.join(REAL, 'us-cpsc-recalls/cpsc_recalls_merged_unique.json');
const TW = path.join(REAL, 'tw-fda-border-rejections/taiwan_tfda_cn_subset.csv');
const XINGLAN = '91330100MA2XLAN01N';
const YUNFAN = '91440300MA5YFAN02D';

const dir = path.join(inject('tmpDir'), 'cross-border-alerts');
let db: Awaited<ReturnType<typeof freshDatabase>>;
let meiliServer: RunningMeilisearch;
let portal: Portal;
let server: PortalProcess;
let base: string;
const results = new Map<string, ImportResult>();

const load = async (file: string, options: Partial<ImportOptions> = {}) => {
  const result = await importFile(db, file, { type: 'cross-border-alerts', operator: 'test', partial: true, archive: directoryStorage(dir), reportPath: path.join(dir, `${path.basename(file)}.report.csv`), ...options } as ImportOptions);
  results.set(path.basename(file), result);
  return result;
};
const alertsFrom = (file: string) => db.db.select().from(crossBorderAlerts).where(sql`${crossBorderAlerts.source}->>'file' = ${path.basename(file)}`).orderBy(sql`(${crossBorderAlerts.source}->>'row')::int`);
const byProduct = (rows: CrossBorderAlertRow[], product: string) => rows.find((r) => r.productName === product)!;

beforeAll(async () => {
  await fs.mkdir(dir, { recursive: true });
  db = await freshDatabase('alerts');
  meiliServer = await startMeilisearch(path.join(dir, 'meili'), path.join(dir, 'meili-key'));
  // Order on purpose: the Taiwan alerts come before the domestic records they match (found when the
  // profiles appear), the English names only after the US recalls (found when the directory confirms them).
  await load(path.join(FICTIONAL, 'tw-fda-fictional.csv'));
  const domestic = await importFile(db, path.join(FICTIONAL, 'domestic-spot-checks.csv'), { type: 'spot-checks', operator: 'test' });
  expect(domestic.errors).toEqual([]);
  await load(path.join(FICTIONAL, 'us-cpsc-fictional.json'));
  await importEnterpriseDirectory(db, path.join(FICTIONAL, 'directory.json'));
  for (const file of [EU, US, TW]) await load(file);
  const meili = meiliClient({ url: meiliServer.url, masterKey: meiliServer.masterKey });
  await ensureIndexes(meili);
  await drainAll(db, meili);
  portal = { db, counters: db, meili };
  server = startPortal({
    DATA_DIR: path.join(dir, 'portal'), DATABASE_URL: db.url, MEILI_URL: meiliServer.url, MEILI_MASTER_KEY: meiliServer.masterKey,
    SAMPLE_DATA: '0', HOST: '127.0.0.1', PORT: String(await freePort()),
  });
  base = await server.ready;
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await meiliServer?.stop();
  await db?.drop();
});

describe('alerts import in their publishers’ own shapes', () => {
  it('recognises each publisher from its headers and keeps its source and licence', async () => {
    for (const [file, publisher] of [[EU, 'eu-safety-gate'], [US, 'us-cpsc'], [TW, 'tw-fda']] as const) {
      const result = results.get(path.basename(file))!;
      expect(result.status).toBe('succeeded');
      expect(result.warnings).toContainEqual(expect.objectContaining({ reason: `recognised from its headers as a file of ${publisher}` }));
      const rows = await alertsFrom(file);
      expect(new Set(rows.map((r) => r.publisher))).toEqual(new Set([publisher]));
      expect(rows.every((r) => r.licence && r.source.file === path.basename(file))).toBe(true);
    }
  });

  it('EU Safety Gate: the year from the alert number; rows without date or number rejected by row, with the reason', async () => {
    const result = results.get(path.basename(EU))!;
    expect({ created: result.created, rejected: result.rejected }).toEqual({ created: 182, rejected: 40 });
    expect(new Set(result.errors.map((e) => `${e.column}: ${e.reason}`))).toEqual(new Set(['published_on: is required: the file gives no date, and no alert number or recall page carries a year']));
    const rows = await alertsFrom(EU);
    const bubbles = byProduct(rows, 'Soap bubble toy');
    expect(bubbles).toMatchObject({ alertNumber: 'A12/01390/23', publishedAt: '2023-01-01', datePrecision: 'year', jurisdiction: 'EU', brand: 'Grafix', fromChina: true, notifyingCountry: 'Belgium', hazard: 'Chemical' });
    // "None" is the export's empty cell, never a value.
    expect(rows.filter((r) => [r.recallCode, r.productionDates, r.brand].includes('None'))).toEqual([]);
    expect(rows.filter((r) => r.fromChina)).toHaveLength(56);
  });

  it('US recalls API: nested lists flattened, agency initials resolved, US dates month first; the one row without a usable URL rejected', async () => {
    const result = results.get(path.basename(US))!;
    expect({ created: result.created, rejected: result.rejected }).toEqual({ created: 3203, rejected: 1 });
    expect(result.errors.map((e) => `${e.column}: ${e.value}: ${e.reason}`)).toEqual(['recall_url: /Safety/Recalls/ucm354238.htm: is not an http(s) URL']);
    const rows = await alertsFrom(US);
    const knives = rows.find((r) => r.alertNumber === '07295')!;
    // Three manufacturers in one list; no product description: the category names the product.
    expect(knives).toMatchObject({ publishedAt: '2007-08-29', producerName: 'Gerber', productName: 'Knives/Cutters/Blades/Sheaths', originCountry: 'China', fromChina: true, authority: 'U.S. Consumer Product Safety Commission' });
    expect(knives.namedParties.map((p) => p.name)).toEqual(['Gerber', 'Wal-Mart', 'Fiskars']);
    const rv = rows.find((r) => r.alertNumber === '13V437000')!;
    expect(rv).toMatchObject({ authority: 'U.S. National Highway Traffic Safety Administration', brand: 'AUGUSTA', producerName: 'Augusta RV, LLC', productName: 'Interior Side Door Lock May Become Inoperable' });
    // A recall page of 1991 with no date: the year from its URL.
    expect(rows.find((r) => r.alertNumber === '91062')).toMatchObject({ publishedAt: '1991-01-01', datePrecision: 'year' });
  });

  it('Taiwan FDA: every row from mainland China, producers in traditional characters kept as published', async () => {
    const result = results.get(path.basename(TW))!;
    expect({ created: result.created, rejected: result.rejected, errors: result.errors }).toEqual({ created: 65, rejected: 0, errors: [] });
    const crab = byProduct(await alertsFrom(TW), '活中華絨螯蟹');
    expect(crab).toMatchObject({ producerName: '盤山縣東方旭海水產養殖場', publishedAt: '2023-01-03', jurisdiction: 'TW', fromChina: true, productCode: '0306.33.29.11-6' });
  });

  it('re-importing a file changes nothing', async () => {
    const again = await load(TW);
    expect({ created: again.created, corrected: again.corrected, unchanged: again.unchanged }).toEqual({ created: 0, corrected: 0, unchanged: 65 });
  });

  it('no real alert is linked to a profile it does not name (none of these producers is in the data)', async () => {
    const linked = await db.db.select({ file: sql<string>`${crossBorderAlerts.source}->>'file'` }).from(crossBorderAlerts).where(sql`cardinality(${crossBorderAlerts.enterpriseIds}) > 0`);
    expect(new Set(linked.map((r) => r.file))).toEqual(new Set(['tw-fda-fictional.csv', 'us-cpsc-fictional.json']));
  });
});

describe('matching a producer to a domestic enterprise', () => {
  it('links a producer written in traditional characters to the same name in simplified (reason name, score 1)', async () => {
    const rows = await alertsFrom(path.join(FICTIONAL, 'tw-fda-fictional.csv'));
    const bag = byProduct(rows, '食品包裝紙袋');
    const [xinglan] = await db.db.select().from(enterprises).where(eq(enterprises.uscc, XINGLAN));
    expect(bag.enterpriseIds).toEqual([xinglan!.id]);
    expect(bag.matches).toEqual([expect.objectContaining({ enterpriseId: xinglan!.id, enterpriseName: '星澜示例食品有限公司', producer: '星瀾示例食品有限公司', reason: 'name', score: 1, status: 'linked' })]);
  });

  it('lists a near name only as possible, never linked', async () => {
    const rows = await alertsFrom(path.join(FICTIONAL, 'tw-fda-fictional.csv'));
    const box = byProduct(rows, '紙餐盒');
    expect(box.enterpriseIds).toEqual([]);
    expect(box.matches).toEqual([expect.objectContaining({ enterpriseName: '星澜示例食品有限公司', producer: '星瀾示例食品科技有限公司', reason: 'same-trade-name', status: 'possible' })]);
    expect(byProduct(rows, '乾燥香菇').matches).toEqual([]);
  });

  it('links the confirmed English name however the legal form is written, once the directory confirms it, and says so in the audit log', async () => {
    const rows = await alertsFrom(path.join(FICTIONAL, 'us-cpsc-fictional.json'));
    const [yunfan] = await db.db.select().from(enterprises).where(eq(enterprises.uscc, YUNFAN));
    const cooker = rows.find((r) => r.alertNumber === '26S901')!;
    expect(cooker.enterpriseIds).toEqual([yunfan!.id]);
    expect(cooker.matches).toContainEqual(expect.objectContaining({ enterpriseId: yunfan!.id, producer: 'YUNFAN EXAMPLE ELECTRIC APPLIANCE COMPANY LIMITED', reason: 'english-name', status: 'linked' }));
    // A link is not a new version of what the publisher said: the audit log and the change feed say it.
    expect(cooker.version).toBe(1);
    const audit = await db.db.select().from(auditLog).where(eq(auditLog.recordId, cooker.id));
    expect(audit.map((a) => a.action)).toEqual(['create', 'link']);
    // A similar English name is a possible match only; a product made in Vietnam is never matched.
    const kettle = rows.find((r) => r.alertNumber === '26S902')!;
    expect(kettle.enterpriseIds).toEqual([]);
    expect(kettle.matches.map((m) => [m.reason, m.status])).toContainEqual(['similar-english-name', 'possible']);
    const fan = rows.find((r) => r.alertNumber === '26S903')!;
    expect({ fromChina: fan.fromChina, matches: fan.matches, enterpriseIds: fan.enterpriseIds }).toEqual({ fromChina: false, matches: [], enterpriseIds: [] });
  });

  it('shows the linked alerts on the profile in their own section, with the reason, and keeps them out of the domestic timeline', async () => {
    const profile = await getEnterprise(portal, XINGLAN);
    const alerts = profile.crossBorderAlerts;
    expect(alerts.map((a) => [a.productName, a.match?.reason, a.match?.score])).toEqual([['食品包裝紙袋', 'name', 1]]);
    expect(profile.timeline.map((t) => t.type)).toEqual(['spot-checks']);
    expect(profile.facts).toMatchObject({ crossBorderAlerts: 1 });
    const yunfan = await getEnterprise(portal, YUNFAN);
    expect(yunfan.crossBorderAlerts).toHaveLength(1);
  });
});

describe('alerts as readers and platforms see them', () => {
  it('are found by search, a traditional name by its simplified spelling', async () => {
    const crab = await search(portal, { q: '活中华绒螯蟹', type: 'cross-border-alerts' });
    expect(crab.hits[0]).toMatchObject({ type: 'cross-border-alerts', title: '活中華絨螯蟹（台湾地区边境检验不合格）' });
    const bubbles = await search(portal, { q: 'Soap bubble toy', type: 'cross-border-alerts' });
    expect(bubbles.hits[0]?.title).toBe('Soap bubble toy（欧盟通报）');
    const knives = await search(portal, { q: 'Gerber', type: 'cross-border-alerts', publisher: 'us-cpsc' } as never);
    expect(knives.hits.map((h) => h.title)).toContain('Knives/Cutters/Blades/Sheaths（美国召回）');
  });

  it('an alert page in both languages: source, licence, and why it was (or was not) linked', async () => {
    const rows = await alertsFrom(path.join(FICTIONAL, 'tw-fda-fictional.csv'));
    const bag = byProduct(rows, '食品包裝紙袋');
    const zh = await fetch(`${base}/cross-border-alerts/${bag.id}`);
    expect(zh.status).toBe(200);
    const page = await zh.text();
    expect(page).toContain('星澜示例食品有限公司');
    expect(page).toContain('政府資料開放授權條款');
    expect(page).toMatch(/同名（繁简转换后）|名称相同/);
    const en = await (await fetch(`${base}/en/cross-border-alerts/${bag.id}`)).text();
    expect(en).toContain('Taiwan Food and Drug Administration');
    expect(en).toMatch(/Same name/i);
    // The near name: not linked, the profile offered only as a possible match.
    const box = await (await fetch(`${base}/cross-border-alerts/${byProduct(rows, '紙餐盒').id}`)).text();
    expect(box).toContain('data-testid="not-linked"');
    expect(box.slice(box.indexOf('data-testid="possible"'))).toContain('星澜示例食品有限公司');
    const profile = await (await fetch(`${base}/enterprises/${XINGLAN}`)).text();
    expect(profile).toContain('data-testid="cross-border-alerts"');
    expect(profile).toContain('食品包裝紙袋');
  });

  it('are in the API, /count, /stats, the change feed and the Atom feeds', async () => {
    const api = await (await fetch(`${base}/api/v1/cross-border-alerts?publisher=tw-fda&limit=5`)).json() as { hits: { type: string }[]; meta: { total: number } };
    expect(api.meta.total).toBe(68);
    expect(api.hits).toHaveLength(5);
    const count = await (await fetch(`${base}/api/v1/count?type=cross-border-alerts&field=publisher`)).json() as { results: { term: string; count: number }[] };
    expect(Object.fromEntries(count.results.map((r) => [r.term, r.count]))).toEqual({ 'us-cpsc': 3206, 'eu-safety-gate': 182, 'tw-fda': 68 });
    const changes = await (await fetch(`${base}/api/v1/changes?types=cross-border-alerts&limit=1000`)).json() as { changes: { action: string }[] };
    expect(changes.changes.map((c) => c.action)).toContain('link');
    const feed = await fetch(`${base}/feeds/cross-border-alerts.xml`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('<entry>');
    const stats = await (await fetch(`${base}/stats`)).text();
    expect(stats).toContain('境外通报');
  });
});
