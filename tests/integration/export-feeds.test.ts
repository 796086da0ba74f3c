import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type DbHandle } from '../../db/client.ts';
import { expireDisclosures } from '../../ops/lifecycle/status.ts';

const base = inject('baseUrl');
const token = inject('adminToken');
const tag = String(process.pid);
const party = (n: number) => `导出订阅测试${tag}第${n}电器有限公司`;
const decision = (n: number) => `测市监处罚〔2000〕${tag}${n}号`;

let db: DbHandle;
beforeAll(() => {
  // The portal's own database: the expiry below is the one the portal runs each hour.
  db = connect(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db?.close();
});

const getJson = async (path: string) => (await (await fetch(`${base}${path}`)).json()) as any;
const ours = `导出订阅测试${tag}`;
/** This file's penalties in search (a word search may also find others' 测试 records), in decision order. */
const ourPenalties = async (): Promise<{ id: string; subtitle: string }[]> =>
  (await getJson(`/api/v1/search?q=${encodeURIComponent(ours)}&type=penalties&sort=oldest&limit=100`)).hits.filter((h: { title: string }) => h.title.startsWith(ours));
/** The CSV as a reader's spreadsheet sees it: header, then rows as header → cell. */
async function exportCsv(query: string): Promise<{ bom: boolean; header: string[]; rows: Record<string, string>[] }> {
  const response = await fetch(`${base}/export.csv?${query}`);
  expect(response.status, query).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
  const bytes = Buffer.from(await response.arrayBuffer());
  const [header, ...rows] = parse(bytes.toString('utf8'), { bom: true }) as string[][];
  return { bom: bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
}
/** Waits for a condition the sync worker or the page cache settles (it polls every second). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}
const feedEntries = async (name: string) => {
  const xml = await (await fetch(`${base}/feeds/${name}.xml`)).text();
  return [...xml.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => m[0]);
};
/** `<link rel="alternate" type=… href=…>` of a page, with the href as the browser reads it. */
function alternates(html: string): { type: string; href: string; title?: string }[] {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<link\b([^>]*)>/g)].flatMap(([, attrs]) => {
    const a = Object.fromEntries([...attrs!.matchAll(/([a-z-]+)="([^"]*)"/g)].map(([, k, v]) => [k, v!.replaceAll('&amp;', '&')]));
    return a.rel === 'alternate' && a.type ? [{ type: a.type, href: a.href!, title: a.title }] : [];
  });
}

const SPOT_CHECK_HEADER = [
  'id', 'status', 'product_name', 'product_kind', 'brand', 'model', 'batch', 'batch_date', 'quality_grade', 'result', 'unqualified_items',
  'manufacturer_name', 'manufacturer_uscc', 'manufacturer_address', 'sampled_unit_name', 'sampled_unit_address', 'platform', 'store', 'channel',
  'level', 'jurisdiction', 'standard', 'inspection_agency', 'disposal',
  'outcome_tone', 'outcome_label', 'outcome_label_en', 'result_en', 'level_en', 'channel_en',
  'product_category', 'category_name', 'category_name_en', 'campaign', 'authority', 'authority_en',
  'region_code', 'region_province', 'region_city', 'region_en', 'announcement_no', 'announcement_title', 'published_at', 'source_url', 'url',
];

/** A failed sample spot check whose manufacturer has a USCC, with its API JSON. */
async function failedSpotCheck() {
  const { hits } = await getJson('/api/v1/search?type=spot-checks&result=unqualified&sort=newest&limit=50');
  for (const hit of hits) {
    const { record } = await getJson(`/api/v1/spot-checks/${hit.id}`);
    // A complete USCC (not a partly masked one) has a profile of its own.
    if (/^[0-9A-Z]{18}$/.test(record.manufacturerUscc ?? '') && record.manufacturerId && record.unqualifiedItems.length > 1) return record;
  }
  throw new Error('no failed spot check with a USCC and several failed items in the sample');
}

describe('/export.csv', () => {
  it('with type=spot-checks has the type’s real columns, equal to the record’s API JSON', async () => {
    const record = await failedSpotCheck();
    const csv = await exportCsv(`type=spot-checks&q=${record.manufacturerUscc}`);
    expect(csv.bom).toBe(true);
    expect(csv.header).toEqual(SPOT_CHECK_HEADER);
    const row = csv.rows.find((r) => r.id === record.id)!;
    expect(row).toMatchObject({
      status: record.status,
      product_name: record.productName,
      manufacturer_uscc: record.manufacturerUscc,
      manufacturer_name: record.manufacturerName,
      result: 'unqualified',
      unqualified_items: record.unqualifiedItems.map((u: { item: string }) => u.item).join('；'),
      authority: record.authority,
      announcement_no: record.source.number ?? '',
      published_at: record.publishedAt,
      url: `${base}/spot-checks/${record.id}`,
      // The glossary's English, as the API's labels say it.
      outcome_tone: 'adverse',
      result_en: 'Failed',
    });
    const { labels } = await getJson(`/api/v1/spot-checks/${record.id}`);
    expect(row.authority_en).toBe(labels.authority.en);
    expect(row.region_en).toBe(labels.region?.en ?? '');
    expect(row.level).toBe(record.level);
  });

  it('gives penalties their own columns, and a search across types the common ones plus each type’s group', async () => {
    const csv = [
      '行政处罚决定书文号,当事人名称,违法事实,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关,公示截止日期',
      `${decision(1)},${party(1)},生产不合格电饭锅,罚款,1.2,2000-06-01,福建省市场监督管理局,2098-12-01`,
      `${decision(2)},${party(2)},销售不合格插座,"警告,罚款",0.3,2000-06-02,福建省市场监督管理局,2099-12-01`,
    ].join('\r\n');
    const form = new FormData();
    form.set('type', 'penalties');
    form.set('file', new File([csv], 'export-feeds.csv', { type: 'text/csv' }));
    const imported = await fetch(`${base}/api/v1/admin/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(imported.status, await imported.clone().text()).toBe(200);
    const q = encodeURIComponent(ours);
    await eventually(async () => (await ourPenalties()).length === 2);

    const typed = await exportCsv(`type=penalties&q=${q}&sort=oldest`);
    expect(typed.header.slice(0, 4)).toEqual(['id', 'status', 'party_name', 'party_kind']);
    expect(typed.rows.filter((r) => r.party_name?.startsWith(ours)).map((r) => [r.decision_no, r.party_name, r.fine_amount, r.penalty_types, r.disclosure_until])).toEqual([
      [decision(1), party(1), '12000', 'fine', '2098-12-01'],
      [decision(2), party(2), '3000', 'warning；fine', '2099-12-01'],
    ]);

    const mixed = await exportCsv(`q=${q}`);
    expect(mixed.header.slice(0, 5)).toEqual(['type', 'id', 'title', 'subtitle', 'status']);
    expect(mixed.header).toEqual(expect.arrayContaining(['published_at', 'url', 'penalties.fine_amount', 'spot-checks.unqualified_items', 'enterprises.uscc']));
    const penalty = mixed.rows.find((r) => r['penalties.decision_no'] === decision(1))!;
    expect(penalty).toMatchObject({ type: 'penalties', status: 'published', 'penalties.party_name': party(1), 'spot-checks.result': '', authority: '福建省市场监督管理局' });
    // No header twice (a reader keys on it), and every row has exactly the header's cells, whatever its type.
    expect(new Set(mixed.header).size).toBe(mixed.header.length);
    expect(mixed.rows.every((r) => Object.keys(r).length === mixed.header.length)).toBe(true);
  });
});

describe('Atom feeds', () => {
  it('an expired record goes to /feeds/expiries.xml and leaves the main feeds; a withdrawal stays news', async () => {
    const penalties = await ourPenalties();
    expect(penalties.map((p) => p.subtitle)).toEqual([decision(1), decision(2)]);
    const [expiring, withdrawn] = penalties.map((p) => p.id) as [string, string];
    expect((await feedEntries('penalties')).some((e) => e.includes(`/penalties/${expiring}`))).toBe(true);

    // Time passes: its period now ends 2000-12-01 (an import of a period already ended expires the
    // record at once, so the scheduled expiry is tested on a record whose end date came later).
    await db.sql`update penalties set disclosure_until = '2000-12-01' where id = ${expiring}`;
    // The scheduled expiry, on a day that reaches only the record above.
    expect(await expireDisclosures(db.db, 'test', '2000-12-02')).toEqual([expiring]);
    const response = await fetch(`${base}/api/v1/admin/records/${withdrawn}/withdraw`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: '测试撤回 test withdrawal' }),
    });
    expect(response.status).toBe(200);

    await eventually(async () => (await feedEntries('expiries'))[0]?.includes(`/penalties/${expiring}`) ?? false);
    const expiries = await fetch(`${base}/feeds/expiries.xml`);
    expect(expiries.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const [first, ...rest] = await feedEntries('expiries');
    expect(first).toContain('【公示期满 Disclosure period ended】');
    expect([first!, ...rest].every((e) => e.includes('公示期满'))).toBe(true);
    for (const feed of ['all', 'penalties']) {
      const entries = await feedEntries(feed);
      expect(entries.some((e) => e.includes(`/penalties/${expiring}`)), feed).toBe(false);
      expect(entries.some((e) => e.includes('【公示期满')), feed).toBe(false);
    }
    // Other files' imports may push it out of the 50 newest of all types, not out of the penalties'.
    expect((await feedEntries('penalties')).find((e) => e.includes(`/penalties/${withdrawn}`))).toContain('【已撤回 Withdrawn】');
    const unknown = await fetch(`${base}/feeds/nope.xml`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('/feeds/expiries.xml');
    expect(await (await fetch(`${base}/data`)).text()).toContain('href="/feeds/expiries.xml"');
  });
});

describe('<link rel="alternate">', () => {
  const CONTENT_TYPES: Record<string, RegExp> = { 'application/json': /^application\/json/, 'application/atom+xml': /^application\/atom\+xml/ };
  const resolve = async (links: { type: string; href: string }[]) => {
    for (const link of links) {
      const response = await fetch(new URL(link.href, base));
      expect(response.status, link.href).toBe(200);
      expect(response.headers.get('content-type'), link.href).toMatch(CONTENT_TYPES[link.type]!);
    }
  };

  it('a record page links its JSON and its type’s feed; a search its API query and type feed; an enterprise its JSON', async () => {
    const record = await failedSpotCheck();
    const recordLinks = alternates(await (await fetch(`${base}/spot-checks/${record.id}`)).text());
    expect(recordLinks.map((l) => l.href)).toEqual(expect.arrayContaining(['/feeds/all.xml', `/spot-checks/${record.id}.json`, '/feeds/spot-checks.xml']));
    await resolve(recordLinks);
    expect((await getJson(`/spot-checks/${record.id}.json`)).record.id).toBe(record.id);

    const searchLinks = alternates(await (await fetch(`${base}/search?q=${encodeURIComponent('电线')}&type=spot-checks&tracking=x`)).text());
    expect(searchLinks.map((l) => l.href)).toEqual(expect.arrayContaining([`/api/v1/search?q=${encodeURIComponent('电线')}&type=spot-checks`, '/feeds/spot-checks.xml']));
    await resolve(searchLinks);
    // Without a type, the API query only: no type's feed but the feed of all.
    const mixed = alternates(await (await fetch(`${base}/en/search?q=x`)).text());
    expect(mixed.map((l) => l.href).sort()).toEqual(['/api/v1/search?q=x', '/feeds/all.xml']);

    const enterpriseLinks = alternates(await (await fetch(`${base}/enterprises/${record.manufacturerUscc}`)).text());
    expect(enterpriseLinks.map((l) => l.href)).toContain(`/api/v1/enterprises/${record.manufacturerUscc}`);
    await resolve(enterpriseLinks);
    expect((await getJson(`/api/v1/enterprises/${record.manufacturerUscc}`)).enterprise.uscc).toBe(record.manufacturerUscc);

    const statsLinks = alternates(await (await fetch(`${base}/stats`)).text());
    expect(statsLinks.map((l) => l.href)).toContain('/api/v1/stats/failure-rates');
    await resolve(statsLinks);
  });
});
