import { beforeAll, describe, expect, inject, it } from 'vitest';
import { send } from '../hostile/send.ts';
import { happyCases, problemsOf, type Case } from '../contract/cases.ts';
import { Contract } from '../contract/document.ts';

/*
 * The OpenAPI document as platforms use it: every documented operation is called, and every answer
 * (happy and error paths) is checked with Ajv against the schema the document gives its status.
 */

const base = inject('baseUrl');
const adminToken = inject('adminToken');
let contract: Contract;
let cases: Case[];

beforeAll(async () => {
  const doc = await send(base, { path: '/api/v1/openapi.json' });
  contract = new Contract(JSON.parse(doc.body));
  const found = await happyCases(base, contract, adminToken);
  expect(found.missing, 'operations without a request in tests/contract/cases.ts').toEqual([]);
  cases = found.cases;
});

const variant = (cases: Case[], name: string, change: (c: Case) => Case['request']): Case[] =>
  cases.map((c) => ({ ...c, name: `${c.name} (${name})`, request: change(c) }));

describe('every operation answers as its OpenAPI document says', () => {
  it('every schema in the document compiles, and every documented response has a schema or no body', () => {
    for (const [name, schema] of Object.entries(contract.doc.components.schemas)) expect(() => contract.validator(schema), name).not.toThrow();
    expect(cases.length).toBeGreaterThan(15);
  });

  it('happy paths: 200 with the documented headers and body', async () => {
    // The one admin case asks, with a token, about a record that does not exist (nothing changes).
    const expected = (c: Case) => (c.name.includes('no-such-record') ? 404 : 200);
    expect(await problemsOf(base, contract, cases, (c, a) => (a.status === expected(c) ? [] : [`expected ${expected(c)}, got ${a.status}`]))).toEqual([]);
  });

  it('HEAD answers every GET with its status and headers and no body', async () => {
    const gets = cases.filter((c) => c.request.method === 'GET');
    const heads = variant(gets, 'HEAD', (c) => ({ ...c.request, method: 'HEAD' }));
    expect(await problemsOf(base, contract, heads, (_c, a) => (a.body === '' ? [] : ['HEAD sent a body']))).toEqual([]);
  });

  it('an unknown query parameter is a documented 400 in the error shape', async () => {
    const unknown = variant(cases.filter((c) => !c.operation.path.startsWith('/admin')), 'unknown parameter', (c) => ({ ...c.request, path: `${c.request.path}${c.request.path.includes('?') ? '&' : '?'}no_such_parameter=1` }));
    expect(await problemsOf(base, contract, unknown, (_c, a) => (a.status === 400 ? [] : [`expected 400, got ${a.status}`]))).toEqual([]);
  });

  it('an id that does not exist is a documented 404', async () => {
    const withIds = cases.filter((c) => /\{(id|key|name)\}/.test(c.operation.path) && c.request.method === 'GET');
    const missing = variant(withIds, 'missing', (c) => ({ ...c.request, path: c.request.path.replace(/[^/?]+(\?.*)?$/, 'zz-no-such-thing') }));
    expect(missing.length).toBeGreaterThan(3);
    expect(await problemsOf(base, contract, missing, (_c, a) => (a.status === 404 ? [] : [`expected 404, got ${a.status}`]))).toEqual([]);
  });

  it('a wrong method is 405 with Allow, in the error shape', async () => {
    for (const [path, allowed] of [['/api/v1/search', 'GET'], ['/api/v1/screen', 'POST'], ['/api/v1/openapi.json', 'GET']] as const) {
      const answer = await send(base, { method: allowed === 'GET' ? 'DELETE' : 'GET', path });
      expect(answer.status, path).toBe(405);
      expect(String(answer.headers.allow), path).toContain(allowed);
      expect(JSON.parse(answer.body).error.code, path).toBeTypeOf('string');
    }
  });

  it('POST bodies: wrong media type 415, too large 413, bad JSON 400 — each documented', async () => {
    const screen = cases.find((c) => c.operation.path === '/screen')!;
    const bodies: [string, Case['request'], number][] = [
      ['text/plain', { ...screen.request, headers: { 'content-type': 'text/plain' } }, 415],
      ['huge', { ...screen.request, body: JSON.stringify({ queries: Array.from({ length: 30_000 }, (_, i) => ({ key: `k${i}`, name: '某'.repeat(40) })) }) }, 413],
      ['broken JSON', { ...screen.request, body: '{"queries": [' }, 400],
      ['wrong types', { ...screen.request, body: JSON.stringify({ queries: 'all' }) }, 400],
    ];
    const list = bodies.map(([name, request]) => ({ ...screen, name, request }));
    const expected = new Map(bodies.map(([name, , status]) => [name, status]));
    expect(await problemsOf(base, contract, list, (c, a) => (a.status === expected.get(c.name) ? [] : [`expected ${expected.get(c.name)}, got ${a.status}`]))).toEqual([]);
  });

  it('admin operations without a token are a documented 401', async () => {
    const admin = contract.operations().filter((o) => o.path.startsWith('/admin'));
    expect(admin.length).toBeGreaterThan(0);
    const list = admin.map((operation) => ({ operation, name: operation.path, request: { method: 'POST', path: `/api/v1${operation.path.replace('{id}', 'x')}`, body: '{}', headers: { 'content-type': 'application/json' } } }));
    expect(await problemsOf(base, contract, list, (_c, a) => (a.status === 401 ? [] : [`expected 401, got ${a.status}`]))).toEqual([]);
  });

  it('a client holding the ETag gets a documented 304', async () => {
    const gets = cases.filter((c) => c.request.method === 'GET' && c.operation.op.responses['304']);
    expect(gets.length).toBeGreaterThan(3);
    const revalidated: Case[] = [];
    const withoutEtag: string[] = [];
    for (const c of gets) {
      const first = await send(base, c.request);
      if (first.headers.etag) revalidated.push({ ...c, name: `${c.name} (If-None-Match)`, request: { ...c.request, headers: { ...c.request.headers, 'if-none-match': String(first.headers.etag) } } });
      else withoutEtag.push(`${c.name} → ${first.status}`);
    }
    expect(withoutEtag, 'documented 304 but sent no ETag').toEqual([]);
    expect(await problemsOf(base, contract, revalidated, (_c, a) => (a.status === 304 ? [] : [`expected 304, got ${a.status}`]))).toEqual([]);
  });
});
