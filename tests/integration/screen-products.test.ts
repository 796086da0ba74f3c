import { beforeAll, describe, expect, inject, it } from 'vitest';
import { toTraditional } from '../setup/traditional.ts';

/**
 * POST /api/v1/screen/products against the shared portal's (fictional) sample data: the listings
 * are built from records its own search API returns, as a platform would copy them from a notice.
 */
const base = inject('baseUrl');
const TYPE = 'spot-checks';
const get = async (path: string) => (await fetch(`${base}${path}`)).json() as Promise<any>;
async function products(body: unknown) {
  const response = await fetch(`${base}/api/v1/screen/products`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

interface Checked { id: string; brand: string; model: string; batch: string | null; batchDate: string | null; manufacturerName: string; manufacturerUscc: string | null; productName: string }
let failed: Checked[] = [];
let passed: Checked;

async function records(result: string, limit = 60): Promise<Checked[]> {
  const { hits } = await get(`/api/v1/search?${new URLSearchParams({ type: TYPE, result, limit: String(limit) })}`);
  const out: Checked[] = [];
  for (const hit of hits) {
    const { record } = await get(`/api/v1/${TYPE}/${hit.id}`);
    if (record.brand && record.model && record.manufacturerName && /[A-Za-z0-9]/.test(record.model)) out.push(record);
  }
  return out;
}

beforeAll(async () => {
  failed = (await records('unqualified')).filter((r) => r.batch);
  expect(failed.length).toBeGreaterThan(5);
  // A passing batch whose brand and model no failed batch shares: nothing may come back for it.
  const failedModels = new Set(failed.map((r) => `${r.brand}|${r.model}`));
  passed = (await records('qualified')).find((r) => !failedModels.has(`${r.brand}|${r.model}`))!;
  expect(passed).toBeTruthy();
});

describe('POST /api/v1/screen/products', () => {
  it('matches brand and model, the model written with a bracketed alternative, in full width and another case', async () => {
    const r = failed[0]!;
    const { status, body } = await products({
      items: [
        { key: 'alt', brand: toTraditional(r.brand), model: `${r.model}（ALT-9X）` },
        { key: 'wide', brand: r.brand, model: fullWidth(r.model.toLowerCase()) },
      ],
    });
    expect(status).toBe(200);
    for (const result of body.results) {
      const match = result.matches.find((m: any) => m.id === r.id);
      expect(match, result.key).toMatchObject({ type: TYPE, url: `/${TYPE}/${r.id}`, evidence: { model: { result: 'normalised-equal', published: r.model } } });
      expect(['equal', 'normalised-equal']).toContain(match.evidence.brand.result);
      expect(match.score).toBeGreaterThanOrEqual(0.85);
      expect(match.evidence.gtin).toEqual({ result: 'not-given' });
    }
    expect(body.meta).toMatchObject({ items: 2, matched: 2, errors: 0, threshold: 0.6, sample_data: true });
  });

  it('reads the batch: the same production date written otherwise raises the score, another date lowers it', async () => {
    const r = failed.find((f) => f.batchDate)!;
    const compact = r.batchDate!.replaceAll('-', '');
    const { body } = await products({ items: [{ key: 'same', brand: r.brand, model: r.model, batch: compact }, { key: 'other', brand: r.brand, model: r.model, batch: '1999-01-01' }] });
    const same = body.results[0].matches.find((m: any) => m.id === r.id);
    expect(same.evidence.batch).toMatchObject({ result: expect.stringMatching(/^(?:normalised-equal|equal)$/), given: compact });
    const other = body.results[1].matches.find((m: any) => m.id === r.id);
    expect(other.evidence.batch.result).toBe('different');
    expect(other.score).toBeLessThan(same.score);
  });

  it('matches the manufacturer by name (the name matcher) and by USCC', async () => {
    const r = failed.find((f) => f.manufacturerUscc)!;
    const { body } = await products({
      items: [
        { key: 'name', manufacturer: r.manufacturerName, model: r.model },
        { key: 'uscc', manufacturer_uscc: r.manufacturerUscc!.toLowerCase(), model: r.model },
      ],
    });
    const byName = body.results[0].matches.find((m: any) => m.id === r.id);
    expect(byName.evidence.manufacturer).toMatchObject({ result: 'matched', given: r.manufacturerName, reasons: expect.arrayContaining(['name-exact']) });
    expect(byName.score).toBeGreaterThanOrEqual(0.8);
    const byUscc = body.results[1].matches.find((m: any) => m.id === r.id);
    expect(byUscc.evidence.manufacturer).toMatchObject({ result: 'equal', published: r.manufacturerUscc });
  });

  it('never answers with a batch that passed, and one field alone is no match', async () => {
    const { body } = await products({
      items: [
        { key: 'passed', brand: passed.brand, model: passed.model, manufacturer: passed.manufacturerName, batch: passed.batch ?? undefined },
        { key: 'brand-only', brand: failed[0]!.brand },
      ],
    });
    expect(body.results[0].matches.map((m: any) => m.id)).not.toContain(passed.id);
    expect(body.results[0].matches.every((m: any) => m.type === TYPE ? m.finding !== null : true)).toBe(true);
    expect(body.results[1].matches).toEqual([]);
    // Below the threshold, the brand alone is still found: it is a weak lead, scored as one.
    const low = await products({ items: [{ key: 'brand-only', brand: failed[0]!.brand }], threshold: 0 });
    expect(low.body.results[0].matches.find((m: any) => m.id === failed[0]!.id)).toMatchObject({ score: 0.35 });
  });

  it('answers a malformed item with its own error and the rest as usual', async () => {
    const r = failed[0]!;
    const { status, body } = await products({
      items: [
        { key: 'bad-gtin', gtin: '4006381333932' },
        { key: 'nothing', product_name: r.productName },
        { key: 'bad-uscc', manufacturer_uscc: '911100001000013009' },
        { brand: r.brand },
        { key: 'good', brand: r.brand, model: r.model },
        { key: 'good', brand: r.brand, model: r.model },
      ],
    });
    expect(status).toBe(200);
    expect(body.results.map((x: any) => x.key)).toEqual(['bad-gtin', 'nothing', 'bad-uscc', 'items.3', 'good', 'good']);
    expect(body.results[0]).toMatchObject({ matches: [], error: expect.stringContaining('check digit') });
    expect(body.results[1]).toMatchObject({ matches: [], error: expect.stringContaining('needs at least one of brand, model, gtin') });
    expect(body.results[2]).toMatchObject({ matches: [], error: expect.stringContaining('manufacturer_uscc') });
    expect(body.results[3]).toMatchObject({ matches: [], error: expect.stringContaining('key') });
    expect(body.results[4].matches.map((m: any) => m.id)).toContain(r.id);
    expect(body.results[5]).toMatchObject({ matches: [], error: expect.stringContaining('duplicate key') });
    expect(body.meta).toMatchObject({ items: 6, errors: 5, matched: 1 });
  });

  it('refuses 1,001 items and a malformed body with a 400 in the error shape, with the rate-limit headers', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => ({ key: `k${i}`, brand: 'x' }));
    const tooMany = await products({ items });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('at most 1,000 items'), requestId: expect.any(String) });
    for (const body of [{ items: 'x' }, { items: [], threshold: 0.5 }, { item: [] }]) {
      const { status, body: answer } = await products(body);
      expect(status).toBe(400);
      expect(answer.error.code).toBe('BAD_REQUEST');
    }
    const ok = await products({ items: [{ key: 'a', brand: failed[0]!.brand }] });
    expect(ok.status).toBe(200);
    for (const h of ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'x-request-id']) expect(ok.headers.get(h), h).toBeTruthy();
    expect(tooMany.headers.get('ratelimit-limit')).toBeTruthy();
  });

  it('takes the largest valid batch: 1,000 items with every field at its limit in Chinese', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({
      key: `${'键'.repeat(96)}${String(i).padStart(4, '0')}`, product_name: '品'.repeat(100), brand: '牌'.repeat(50), model: '型'.repeat(100), batch: '批'.repeat(50),
      manufacturer: '厂'.repeat(100), manufacturer_uscc: '码'.repeat(30), gtin: '１'.repeat(20), platform: '台'.repeat(30), store: '店'.repeat(60),
    }));
    const raw = JSON.stringify({ items });
    expect(Buffer.byteLength(raw)).toBeGreaterThan(1_900_000);
    const response = await fetch(`${base}/api/v1/screen/products`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.meta).toMatchObject({ items: 1000, errors: 1000 });
    expect(body.results[0].error).toMatch(/gtin: .*manufacturer_uscc: /);
  });

  it('is the same procedure over tRPC', async () => {
    const r = failed[0]!;
    const response = await fetch(`${base}/api/trpc/screen.products`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: [{ key: 't', brand: r.brand, model: r.model }] }) });
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as any;
    expect(result.data.results[0].matches.map((m: any) => m.id)).toContain(r.id);
  });
});
