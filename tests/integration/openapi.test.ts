import { validate } from '@readme/openapi-parser';
import createClient from 'openapi-fetch';
import { describe, expect, inject, it } from 'vitest';

const base = inject('baseUrl');

async function document() {
  const response = await fetch(`${base}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  return (await response.json()) as any;
}

describe('OpenAPI 3.1 document', () => {
  it('is a valid OpenAPI 3.1 document describing every public endpoint', async () => {
    const doc = await document();
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect(result.valid ? [] : result.errors).toEqual([]);
    for (const path of ['/search', '/suggest', '/count', '/{type}', '/{type}/{id}', '/enterprises/{key}', '/screen', '/changes', '/downloads']) expect(doc.paths).toHaveProperty([path]);
  });

  it('a client built from it calls every GET endpoint and gets what the document promises', async () => {
    const doc = await document();
    const client = createClient<any>({ baseUrl: `${base}/api/v1` });
    const search = await client.GET('/search', { params: { query: { q: '电缆', limit: 30 } } });
    expect(search.response.status).toBe(200);
    for (const key of doc.components.schemas.SearchResponse.required) expect(search.data).toHaveProperty(key);
    for (const key of doc.components.schemas.Meta.required) expect(search.data.meta).toHaveProperty(key);
    const hit = search.data.hits.find((h: any) => h.type !== 'enterprises');

    const calls: [string, Record<string, unknown>][] = [
      ['/suggest', { query: { q: '电' } }],
      ['/count', { query: { type: 'spot-checks', field: 'result' } }],
      ['/{type}', { path: { type: 'penalties' }, query: { limit: 3 } }],
      ['/{type}/{id}', { path: { type: hit.type, id: hit.id } }],
      ['/changes', { query: { limit: 5 } }],
      ['/enterprises/{key}', { path: { key: search.data.hits.find((h: any) => h.type === 'enterprises').subtitle } }],
    ];
    for (const [path, params] of calls) {
      const { response, data } = await client.GET(path as never, { params } as never);
      expect(response.status, path).toBe(200);
      expect(data, path).toBeTypeOf('object');
    }
    const screened = await client.POST('/screen' as never, { body: { queries: [{ key: 'a', name: hit.subtitle ?? hit.title }] } } as never) as any;
    expect(screened.response.status).toBe(200);
    expect(screened.data.results[0].key).toBe('a');
    const bad = await client.GET('/count', { params: { query: { type: 'penalties', field: 'result' } } });
    expect(bad.response.status).toBe(400);
    expect(bad.error.error.message).toMatch(/result cannot be counted for penalties; it can count: .*penaltyType/);
  });

  it('/count accepts exactly the type × field pairs the document publishes, and names a type’s fields when refusing', async () => {
    const doc = await document();
    const field = doc.paths['/count'].get.parameters.find((p: any) => p.name === 'field');
    const published = field.schema['x-countable-fields'] as Record<string, string[]>;
    const types = doc.paths['/count'].get.parameters.find((p: any) => p.name === 'type').schema.enum as string[];
    expect(Object.keys(published).sort()).toEqual([...types].sort());
    for (const type of types) {
      for (const name of field.schema.enum as string[]) {
        const response = await fetch(`${base}/api/v1/count?type=${type}&field=${name}`);
        const body = (await response.json()) as any;
        if (published[type]!.includes(name)) {
          expect(response.status, `${type} × ${name}`).toBe(200);
          expect(body.meta).toMatchObject({ type, field: name });
        } else {
          expect(response.status, `${type} × ${name}`).toBe(400);
          expect(body.error.message).toBe(`field: ${name} cannot be counted for ${type}; it can count: ${published[type]!.join(', ')}`);
        }
      }
    }
  });
});

describe('GET /api/v1/count', () => {
  it('counts every term of a field, most frequent first, and they add up', async () => {
    const { results, meta } = (await (await fetch(`${base}/api/v1/count?type=spot-checks&field=year`)).json()) as any;
    const search = (await (await fetch(`${base}/api/v1/search?type=spot-checks&limit=1`)).json()) as any;
    expect(results.reduce((sum: number, r: any) => sum + r.count, 0)).toBe(search.meta.total);
    expect(results.map((r: any) => r.count)).toEqual([...results.map((r: any) => r.count)].sort((a, b) => b - a));
    expect(meta.total).toBe(results.length);
    const types = (await (await fetch(`${base}/api/v1/count?type=penalties&field=penaltyType`)).json()) as any;
    expect(types.results.map((r: any) => r.term)).toContain('fine');
  });
});
