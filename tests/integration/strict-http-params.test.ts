import { describe, expect, inject, it } from 'vitest';

const base = inject('baseUrl');

async function get(path: string) {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: (await response.json()) as any };
}

const trpc = (procedure: string, value: unknown) => get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(value))}`);

describe('query parameters', () => {
  it('integers are plain decimal digits: hex, exponents, signs, spaces and decimals are a 400 naming the parameter', async () => {
    for (const bad of ['0x10', '1e3', '+5', ' 5', '5 ', '5.0', '0b1', '', 'Infinity']) {
      for (const path of ['/api/v1/search?limit=', '/api/v1/spot-checks?offset=', '/api/v1/changes?limit=', '/api/v1/suggest?q=%E7%94%B5&limit=']) {
        const { status, body } = await get(`${path}${encodeURIComponent(bad)}`);
        expect(status, `${path}${bad}`).toBe(400);
        expect(body.error.message, `${path}${bad}`).toMatch(/^(limit|offset): /);
      }
    }
    expect((await get('/api/v1/search?limit=5')).body.hits.length).toBeLessThanOrEqual(5);
    expect((await get('/api/v1/search?limit=0')).body.error.message).toBe('limit: must be at least 1');
    expect((await get('/api/v1/search?offset=-1')).body.error.message).toBe('offset: must not be negative');
    // Through tRPC the same schema: a number is a number, text must be decimal digits.
    expect((await trpc('search.query', { limit: 3 })).status).toBe(200);
    expect((await trpc('search.query', { limit: '0x10' })).status).toBe(400);
    expect((await trpc('search.query', { limit: 2.5 })).status).toBe(400);
  });

  it('a repeated parameter is a 400', async () => {
    for (const path of ['/api/v1/search?limit=5&limit=6', '/api/v1/search?q=a&q=b', '/api/v1/count?type=penalties&field=region&field=year', '/api/v1/changes?limit=1&limit=1', '/export.csv?q=a&q=b']) {
      const { status, body } = await get(path);
      expect(status, path).toBe(400);
      expect(body.error.message, path).toMatch(/is given more than once/);
    }
  });

  it('unknown parameters are a 400 on every route, through REST and tRPC alike', async () => {
    const search = await (await fetch(`${base}/api/v1/search?limit=1`)).json() as any;
    const record = search.hits.find((h: any) => h.type !== 'enterprises');
    const paths = [
      '/api/v1/search?bogus=1', '/api/v1/spot-checks?bogus=1', '/api/v1/suggest?q=a&bogus=1', '/api/v1/count?type=penalties&field=region&bogus=1',
      '/api/v1/changes?bogus=1', '/api/v1/stats/failure-rates?bogus=1', '/api/v1/openapi.json?bogus=1', `/api/v1/${record.type}/${record.id}?bogus=1`,
      '/api/v1/enterprises/x?bogus=1', '/api/v1/search?__proto__=1', '/api/v1/search?constructor=1',
    ];
    for (const path of paths) {
      const { status, body } = await get(path);
      expect(status, path).toBe(400);
      expect(body.error.message, path).toMatch(/bogus|__proto__|constructor/);
    }
    const screen = await fetch(`${base}/api/v1/screen?bogus=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queries: [{ key: 'a', name: '电缆' }] }) });
    expect(screen.status).toBe(400);
    for (const [procedure, value] of [['search.query', { bogus: 1 }], ['records.byId', { type: record.type, id: record.id, bogus: 1 }], ['enterprises.profile', { key: 'x', bogus: 1 }], ['records.latest', { type: 'penalties', bogus: 1 }], ['campaigns.bySlug', { slug: 'x', bogus: 1 }], ['campaigns.caseCards', { ids: [], bogus: 1 }]] as const) {
      const { status, body } = await trpc(procedure, value);
      expect(status, procedure).toBe(400);
      expect(body.error.message, procedure).toMatch(/bogus/);
    }
    expect((await get(`/api/v1/${record.type}/${record.id}`)).status).toBe(200);
  });

  it('a parameter the path already gives is a 400, not silently overridden by the path', async () => {
    const record = (await get('/api/v1/spot-checks?limit=1')).body.hits[0];
    for (const [path, name] of [['/api/v1/spot-checks?type=penalties', 'type'], [`/api/v1/spot-checks/${record.id}?id=x`, 'id'], [`/api/v1/spot-checks/${record.id}?type=penalties`, 'type'], ['/api/v1/enterprises/x?key=y', 'key']]) {
      const { status, body } = await get(path!);
      expect(status, path).toBe(400);
      expect(body.error.message, path).toBe(`${name}: is given by the path; leave it out of the query`);
    }
    expect((await get(`/api/v1/spot-checks/${record.id}`)).status).toBe(200);
  });

  it('cursor together with offset is a 400', async () => {
    const first = await get('/api/v1/search?q=%E7%94%B5%E7%BC%86&limit=1');
    const cursor = first.body.meta.next_cursor as string;
    expect(cursor).toBeTruthy();
    expect((await get(`/api/v1/search?q=%E7%94%B5%E7%BC%86&limit=1&cursor=${encodeURIComponent(cursor)}`)).status).toBe(200);
    const both = await get(`/api/v1/search?q=%E7%94%B5%E7%BC%86&limit=1&offset=1&cursor=${encodeURIComponent(cursor)}`);
    expect(both.status).toBe(400);
    expect(both.body.error.message).toMatch(/^cursor: cannot be combined with offset/);
  });
});
