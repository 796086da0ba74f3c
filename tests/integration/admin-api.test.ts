import { describe, expect, inject, it } from 'vitest';

const base = inject('baseUrl');
const token = inject('adminToken');
const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

const post = async (path: string, body: unknown, headers: Record<string, string> = auth) => {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
};
const searchHits = async (q: string, type: string) =>
  ((await (await fetch(`${base}/api/v1/search?q=${encodeURIComponent(q)}&type=${type}&limit=100`)).json()) as any).hits as { id: string; title: string; subtitle?: string }[];
const searchIds = async (q: string, type: string) => (await searchHits(q, type)).map((h) => h.id);
/** Penalties of the test party: their decision numbers. */
const testPenalties = async () => (await searchHits('测试电器有限公司', 'penalties')).filter((h) => h.title.startsWith('测试电器有限公司')).map((h) => h.subtitle);

/** The sync worker polls every second; give it a few rounds. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('admin API', () => {
  it('refuses requests without a valid admin token', async () => {
    expect((await post('/api/v1/admin/records/x/withdraw', { reason: 'x' }, { 'content-type': 'application/json' })).status).toBe(401);
    const wrong = await post('/api/v1/admin/records/x/withdraw', { reason: 'x' }, { ...auth, authorization: 'Bearer not-the-token-000000000000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('UNAUTHORIZED');
    const upload = await fetch(`${base}/api/v1/admin/imports`, { method: 'POST', body: new FormData() });
    expect(upload.status).toBe(401);
  });

  it('withdraws a record: it leaves search, its page becomes a tombstone; restore brings it back', async () => {
    const list = (await (await fetch(`${base}/api/v1/search?q=&type=spot-checks&limit=1`)).json()) as any;
    const hit = list.hits[0];
    const product = hit.title.replace(/（.*$/, '');
    expect(await searchIds(product, 'spot-checks')).toContain(hit.id);
    // Seen once, so the page cache (site/lib/page-cache.ts) holds it: the withdrawal must empty it.
    expect(await (await fetch(`${base}${hit.url}`)).text()).not.toContain('data-testid="tombstone"');

    const withdrawn = await post(`/api/v1/admin/records/${hit.id}/withdraw`, { reason: '发布有误 published in error', operator: 'test' });
    expect(withdrawn).toMatchObject({ status: 200, body: { id: hit.id, status: 'withdrawn' } });
    await eventually(async () => !(await searchIds(product, 'spot-checks')).includes(hit.id));
    const page = await (await fetch(`${base}${hit.url}`)).text();
    // The notice first in <main>, the reason in the page's language, no result badge.
    const main = page.slice(page.indexOf('<main'));
    expect(main.slice(0, main.indexOf('</section>'))).toMatch(/data-testid="tombstone"[\s\S]*此记录已被发布机关撤回[\s\S]*原因：<span>发布有误<\/span>/);
    expect(main.indexOf('data-testid="tombstone"')).toBeLessThan(main.indexOf('<h1'));
    expect(main).not.toContain('published in error');
    expect(main).toMatch(/时间：<time datetime="[^"]+">\d{4}年\d{1,2}月\d{1,2}日<\/time>/);
    const en = await (await fetch(`${base}/en${hit.url}`)).text();
    expect(en).toContain('Why: <span>published in error</span>');
    const record = (await (await fetch(`${base}/api/v1/spot-checks/${hit.id}`)).json()) as any;
    expect(record.events.map((e: any) => e.action)).toEqual(['create', 'withdraw']);

    expect((await post(`/api/v1/admin/records/${hit.id}/withdraw`, { reason: 'again' })).status).toBe(409);
    expect((await post(`/api/v1/admin/records/${hit.id}/restore`, {})).body).toMatchObject({ status: 'published' });
    await eventually(async () => (await searchIds(product, 'spot-checks')).includes(hit.id));
  });

  it('answers bad admin input with 4xx and the error shape', async () => {
    expect((await post('/api/v1/admin/records/sc-nope/withdraw', { reason: 'x' })).status).toBe(404);
    expect((await post('/api/v1/admin/records/sc-nope/withdraw', {})).status).toBe(400);
    const notJson = await fetch(`${base}/api/v1/admin/records/sc-nope/withdraw`, { method: 'POST', headers: auth, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect((await fetch(`${base}/api/v1/admin/records/sc-nope/withdraw`, { headers: auth })).status).toBe(405);
  });

  it('imports an uploaded CSV and returns the same report as the command; a bad file is a 422 and writes nothing', async () => {
    const csv = [
      '行政处罚决定书文号,当事人名称,统一社会信用代码,违法事实,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关,公示截止日期',
      '测市监处罚〔2026〕901号,测试电器有限公司,91350100M000100Y43,生产不合格电饭锅,罚款,1.2,2026-10-01,福建省市场监督管理局,2029-10-01',
    ].join('\r\n');
    const form = new FormData();
    form.set('type', 'penalties');
    form.set('file', new File([csv], 'penalties-upload.csv', { type: 'text/csv' }));
    const response = await fetch(`${base}/api/v1/admin/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const report = (await response.json()) as any;
    expect(response.status, JSON.stringify(report)).toBe(200);
    expect(report).toMatchObject({ status: 'succeeded', rows: 1, created: 1, file: 'penalties-upload.csv' });
    await eventually(async () => (await testPenalties()).length === 1);

    const bad = new FormData();
    bad.set('type', 'penalties');
    bad.set('file', new File([csv.replace('91350100M000100Y43', '911100001000013009').replace('901号', '902号')], 'bad.csv'));
    const rejected = await fetch(`${base}/api/v1/admin/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: bad });
    const body = (await rejected.json()) as any;
    expect(rejected.status).toBe(422);
    expect(body.error.code).toBe('UNPROCESSABLE_CONTENT');
    expect(body.report.errors[0]).toMatchObject({ row: 2, column: '统一社会信用代码', reason: expect.stringMatching(/check character/) });
    // Nothing from the rejected file reached the database: a repeat upload of it is still rejected
    // the same way, and the party of the good file is still the only one with that name.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await testPenalties()).toEqual(['测市监处罚〔2026〕901号']);
  });
});
