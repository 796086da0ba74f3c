import { describe, expect, inject, it } from 'vitest';

const base = inject('baseUrl');
const get = async (path: string) => {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: (await response.json()) as any };
};
const search = (params: Record<string, string>) => get(`/api/v1/search?${new URLSearchParams(params)}`);

describe('search filters and facets', () => {
  it('counts facets across types and narrows by a validated filter', async () => {
    const all = await search({ q: '电线' });
    expect(all.status).toBe(200);
    expect(Object.keys(all.body.facets.type)).toContain('spot-checks');
    expect(all.body.facets.year).toBeTypeOf('object');
    const failed = await search({ q: '电线', result: 'unqualified', limit: '50' });
    expect(failed.body.hits.length).toBeGreaterThan(0);
    expect(failed.body.hits.every((h: any) => h.type === 'spot-checks' && h.title.includes('不合格'))).toBe(true);
    expect(failed.body.facets.result).toEqual({ unqualified: failed.body.meta.total });
  });

  it('filters by province, category and year together', async () => {
    const { body } = await search({ region: '330000', type: 'spot-checks', limit: '5' });
    expect(body.meta.total).toBeGreaterThan(0);
    const year = Object.keys(body.facets.year)[0]!;
    const narrowed = await search({ region: '330000', type: 'spot-checks', year, limit: '100' });
    expect(narrowed.body.meta.total).toBe(body.facets.year[year]);
  });

  it('rejects filter values outside their vocabulary with a 400 that names the parameter', async () => {
    for (const [param, value] of [['region', '33000'], ['category', 'bogus'], ['year', '20x4'], ['result', 'maybe'], ['penaltyType', 'x'], ['authority', 'a" OR 1=1'], ['sort', 'price'], ['cursor', 'nope']]) {
      const { status, body } = await search({ q: 'x', [param!]: value! });
      expect(status, `${param}=${value}`).toBe(400);
      expect(body.error.message).toContain(param);
    }
    expect((await search({ q: 'x', bogus: '1' })).status).toBe(400);
  });

  it('sorts by date', async () => {
    const { body } = await search({ type: 'spot-checks', sort: 'newest', limit: '30' });
    const dates = body.hits.map((h: any) => h.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const oldest = await search({ sort: 'oldest', limit: '30' });
    const old = oldest.body.hits.map((h: any) => h.publishedAt);
    expect(old).toEqual([...old].sort());
  });

  it('pages with an opaque cursor, without repeating or skipping hits', async () => {
    const first = await search({ type: 'spot-checks', q: '电缆', limit: '10' });
    expect(first.body.meta.next_cursor).toBeTypeOf('string');
    const second = await search({ type: 'spot-checks', q: '电缆', limit: '10', cursor: first.body.meta.next_cursor });
    const both = await search({ type: 'spot-checks', q: '电缆', limit: '20' });
    expect([...first.body.hits, ...second.body.hits].map((h: any) => h.id)).toEqual(both.body.hits.map((h: any) => h.id));
    expect(first.body.meta).toMatchObject({ license: expect.any(String), disclaimer: expect.any(String), sample_data: true });
  });

  it('highlights matches as escaped HTML with <mark>', async () => {
    const { body } = await search({ q: '电缆', type: 'enterprises', limit: '3' });
    expect(body.hits[0].highlight.title).toContain('<mark>');
  });
});

describe('identifiers and other scripts', () => {
  it('answers a USCC typed in lower case or full width with its enterprise first', async () => {
    const { body } = await search({ type: 'enterprises', q: '电缆', limit: '1' });
    const uscc: string = body.hits[0].subtitle;
    const fullWidth = uscc.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    for (const q of [uscc.toLowerCase(), fullWidth]) {
      const found = await search({ q });
      expect(found.body.meta.identifier ?? found.body.identifier).toMatchObject({ kind: 'uscc', value: uscc });
      expect(found.body.hits[0].subtitle === uscc || found.body.hits[0].url.includes(uscc)).toBe(true);
    }
  });

  it('finds simplified records from traditional input and from pinyin', async () => {
    const { body } = await search({ type: 'enterprises', q: '电缆', limit: '1' });
    const name: string = body.hits[0].title;
    const { toTraditional } = await import('../setup/traditional.ts');
    const traditional = await search({ type: 'enterprises', q: toTraditional(name) });
    expect(traditional.body.hits.map((h: any) => h.title)).toContain(name);
    const { pinyinVariants } = await import('../../core/text/index.ts');
    const joined = pinyinVariants(name).find((v) => !v.includes(' '))!;
    const pinyin = await search({ type: 'enterprises', q: joined });
    expect(pinyin.body.hits.map((h: any) => h.title)).toContain(name);
  });
});

describe('GET /api/v1/suggest', () => {
  it('suggests enterprise and brand names for a prefix', async () => {
    const { body: found } = await search({ type: 'enterprises', q: '电缆', limit: '1' });
    const prefix = (found.hits[0].title as string).slice(0, 2);
    const { status, body } = await get(`/api/v1/suggest?q=${encodeURIComponent(prefix)}`);
    expect(status).toBe(200);
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect(body.suggestions[0]).toEqual({ text: expect.any(String), kind: expect.stringMatching(/enterprise|brand/), url: expect.stringMatching(/^\//) });
    expect((await get('/api/v1/suggest?q=')).status).toBe(400);
  });
});

describe('grouped by type, and related records', () => {
  it('answers the best hits of each type apart, with totals matching the type facet', async () => {
    const { body } = await search({ q: '电缆', group: 'type' });
    expect(Object.keys(body.groups)).toEqual(expect.arrayContaining(['enterprises', 'spot-checks']));
    for (const [type, group] of Object.entries(body.groups as Record<string, { hits: any[]; total: number }>)) {
      expect(group.hits.every((h) => h.type === type)).toBe(true);
      expect(group.total).toBe(body.facets.type[type] ?? 0);
    }
    expect((await search({ q: '电缆', group: 'types' })).status).toBe(400);
  });

  it('links a failed spot check to the other failures of its announcement and its enterprise', async () => {
    const { body } = await search({ type: 'spot-checks', result: 'unqualified', limit: '20' });
    let related: any[] = [];
    for (const hit of body.hits) {
      related = (await get(`/api/v1/spot-checks/${hit.id}`)).body.related;
      if (related.some((r) => r.relation === 'same-announcement')) break;
    }
    expect(related.some((r) => r.relation === 'same-announcement')).toBe(true);
    for (const r of related) expect((await fetch(`${base}/${r.type}/${r.id}`)).status).toBe(200);
  });
});
