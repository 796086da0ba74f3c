import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseDocument, DomUtils } from 'htmlparser2';
import { withdraw } from '../../api/services/admin.ts';
import { importFile, type ImportOptions } from '../../ingest/import-file.ts';
import { directoryStorage } from '../../storage/directory.ts';
import { meiliClient } from '../../search/meili.ts';
import { startMeilisearch, type RunningMeilisearch } from '../../runtime/meilisearch-server.ts';
import { freePort } from '../../runtime/ports.ts';
import { freshDatabase } from '../setup/database.ts';
import { startPortal, type PortalProcess } from '../setup/portal-process.ts';

/**
 * Product screening over real publications, imported as published: EU Safety Gate alerts (brand,
 * a list of models, production-date ranges), US CPSC recalls (UPC barcodes) and a Shanghai
 * lubricant spot-check list (trademarks such as 图形＋静魔, batches such as 2023.03.17//).
 */
const REAL = path.join(import.meta.dirname, '../fixtures/real');
const dir = path.join(inject('tmpDir'), 'screen-products-real');
let db: Awaited<ReturnType<typeof freshDatabase>>;
let meili: RunningMeilisearch;
let server: PortalProcess;
let base: string;

async function products(items: unknown[]) {
  const response = await fetch(`${base}/api/v1/screen/products`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as any).results as any[];
}

beforeAll(async () => {
  await fs.mkdir(dir, { recursive: true });
  db = await freshDatabase('screen_products');
  const load = async (file: string, options: Partial<ImportOptions>) => {
    const result = await importFile(db, path.join(REAL, file), { operator: 'test', partial: true, archive: directoryStorage(dir), reportPath: path.join(dir, `${path.basename(file)}.report.csv`), ...options } as ImportOptions);
    expect(result.status, file).toBe('succeeded');
  };
  await load('cross-border-alerts/eu-safety-gate/safety_gate_alerts_222.csv', { type: 'cross-border-alerts' });
  await load('cross-border-alerts/us-cpsc-recalls/cpsc_recalls_merged_unique.json', { type: 'cross-border-alerts' });
  await load('spot-checks/04-shanghai-2023-2025-lubricants.orig.csv', { type: 'spot-checks', authority: '上海市市场监督管理局', category: '润滑油' } as Partial<ImportOptions>);
  meili = await startMeilisearch(path.join(dir, 'meili'), path.join(dir, 'meili-key'));
  server = startPortal({
    DATA_DIR: path.join(dir, 'portal'), DATABASE_URL: db.url, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey,
    SAMPLE_DATA: '0', HOST: '127.0.0.1', PORT: String(await freePort()),
  });
  base = await server.ready;
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await meili?.stop();
  await db?.drop();
});

describe('product screening over real publications', () => {
  it('finds an alert by brand and model with the batch inside its production range (EU Safety Gate)', async () => {
    const [inside, outside] = await products([
      { key: 'inside', brand: 'OPEL', model: 'insignia', batch: '2010-05-01' },
      { key: 'outside', brand: 'Opel', model: 'Insignia', batch: '2015-05-01' },
    ]);
    const alert = inside.matches.find((m: any) => m.title.includes('Passenger car') || m.evidence.model.published === 'Insignia');
    expect(alert.evidence).toMatchObject({
      brand: { result: 'normalised-equal', given: 'OPEL', published: 'Opel' },
      model: { result: 'normalised-equal', published: 'Insignia' },
      batch: { result: 'in-range', published: '8.12.2007 to 26.7.2013' },
    });
    expect(alert.score).toBe(0.95);
    const later = outside.matches.find((m: any) => m.id === alert.id);
    expect(later.evidence.batch.result).toBe('different');
    expect(later.score).toBeLessThan(alert.score);
  });

  it('finds one model of an alert listing several (F-Pace in "F-Type, F-Pace, XE, XF")', async () => {
    const [item] = await products([{ key: 'jaguar', brand: 'Jaguar', model: 'F-PACE' }]);
    expect(item.matches.some((m: any) => m.evidence.model.published === 'F-Type, F-Pace, XE, XF' && m.evidence.model.result === 'normalised-equal')).toBe(true);
  });

  it('finds a recall by its UPC, however it is zero-padded, and refuses a GTIN with a bad check digit (US CPSC)', async () => {
    const [upc, ean, gtin14, bad] = await products([
      { key: 'upc', gtin: '059584052301' },
      { key: 'ean', gtin: '0059584052301' },
      { key: 'gtin14', gtin: '00059584052301' },
      { key: 'bad', gtin: '059584052302' },
    ]);
    expect(upc.matches[0]).toMatchObject({ score: 0.95, evidence: { gtin: { result: 'equal', given: '059584052301', published: '059584052301' } } });
    expect(upc.matches[0].title).toMatch(/Lidco|Truck/i);
    for (const other of [ean, gtin14]) expect(other.matches[0]).toMatchObject({ id: upc.matches[0].id, evidence: { gtin: { result: 'normalised-equal' } } });
    expect(bad).toMatchObject({ matches: [], error: expect.stringContaining('check digit') });
  });

  it('reads a trademark with its graphic element and a published batch date (Shanghai lubricants): failed batches only', async () => {
    const [failed, passed] = await products([
      // 图形＋图文＋赛龙, 46# 净含量3.5L 普通, 2022.12.20//: its 运动黏度 failed.
      { key: 'failed', brand: '赛龙', model: '46#净含量3.5L普通', batch: '20221220' },
      // 图形＋静魔, L-HM46# 18L 普通, 2023.03.17//: no failed item, so it passed.
      { key: 'passed', brand: '静魔', model: 'L-HM46# 18L 普通', batch: '2023-03-17' },
    ]);
    expect(failed.matches[0]).toMatchObject({
      score: 0.95,
      finding: expect.stringContaining('运动黏度'),
      evidence: { brand: { result: 'normalised-equal', published: '图形＋图文＋赛龙' }, model: { result: 'normalised-equal' }, batch: { result: 'normalised-equal', published: '2022.12.20//' } },
    });
    expect(passed.matches).toEqual([]);
  });
});

describe('the enterprise feed over real publications', () => {
  it('lists an enterprise’s records in every state, a withdrawal included, newest first', async () => {
    const name = '武汉四福油脂化学有限责任公司';
    const { hits } = (await (await fetch(`${base}/api/v1/search?${new URLSearchParams({ type: 'enterprises', q: name })}`)).json()) as any;
    const enterprise = hits.find((h: any) => h.title === name);
    const profile = (await (await fetch(`${base}/api/v1/enterprises/${encodeURIComponent(enterprise.id)}`)).json()) as any;
    expect(profile.timeline.length).toBeGreaterThanOrEqual(2);
    const gone = profile.timeline[0];
    const portal = { db, counters: db, meili: meiliClient({ url: meili.url, masterKey: meili.masterKey }) };
    await withdraw(portal as never, { id: gone.id, reason: '发布机关撤回（测试）', operator: 'test' });
    const xml = await (await fetch(`${base}/feeds/enterprises/${encodeURIComponent(enterprise.id)}.xml`)).text();
    const entries = DomUtils.findAll((e) => e.name === 'entry', parseDocument(xml, { xmlMode: true }).children).map((e) => ({
      title: DomUtils.textContent(DomUtils.findOne((c) => c.name === 'title', e.children)!),
      link: DomUtils.findOne((c) => c.name === 'link', e.children)!.attribs.href!,
    }));
    expect(entries.map((e) => new URL(e.link).pathname).sort()).toEqual(profile.timeline.map((t: any) => t.url).sort());
    // The withdrawal is the newest change: first, and titled so.
    expect(entries[0]).toMatchObject({ title: expect.stringMatching(/^【已撤回 Withdrawn】/), link: expect.stringContaining(gone.url) });
  });
});
