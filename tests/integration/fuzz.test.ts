import { beforeAll, describe, expect, inject, it } from 'vitest';
import { send } from '../hostile/send.ts';
import { happyCases, problemsOf, type Case } from '../contract/cases.ts';
import { Contract } from '../contract/document.ts';

/*
 * A fuzz of every operation from the OpenAPI document: each query and path parameter gets wrong
 * types, huge and negative numbers, bad encodings, repeats; unknown parameters are added. Whatever
 * comes back must be a status the operation documents, with a body in that status's schema, and
 * never a 5xx.
 */

const base = inject('baseUrl');
let contract: Contract;
let cases: Case[];

beforeAll(async () => {
  contract = new Contract(JSON.parse((await send(base, { path: '/api/v1/openapi.json' })).body));
  cases = (await happyCases(base, contract, inject('adminToken'))).cases;
});

/** Written into the URL as they are: some are deliberately not valid percent-encoding or UTF-8. */
const HOSTILE_VALUES = [
  'abc', '-1', '0', '-99999999999999999999', '99999999999999999999', '1e3', '0x10', '+5', '5.0', '%20' + '5', '',
  '%zz', '%', '%E0%A4%A', '%ff', '%C0%AF', '%00', '%0d%0aSet-Cookie:%20x=1', 'a'.repeat(3000), '%5B%5D', '%7B%22a%22:1%7D',
  '..%2F..%2Fetc%2Fpasswd', "'%20OR%201=1--", '%E7%94%B5%E7%BC%86', 'null', 'true',
];

/** The case's query string as [name, value] pairs, kept as written. */
const pairsOf = (path: string) => (path.split('?')[1] ?? '').split('&').filter(Boolean).map((p) => p.split('=') as [string, string]);
const withQuery = (path: string, pairs: [string, string][]) => `${path.split('?')[0]}${pairs.length ? '?' : ''}${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`;

function queryFuzz(): Case[] {
  const out: Case[] = [];
  const seen = new Set<string>();
  for (const c of cases.filter((c) => c.request.method === 'GET')) {
    const key = `${c.operation.method} ${c.operation.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const base = pairsOf(c.request.path);
    const params = contract.parameters(c.operation).filter((p) => p.in === 'query');
    for (const { name, schema } of params as { name: string; schema?: { type?: string } }[]) {
      const others = base.filter(([k]) => k !== name);
      for (const value of HOSTILE_VALUES) out.push({ ...c, name: `${key} ${name}=${value.slice(0, 30)}`, request: { ...c.request, path: withQuery(c.request.path, [...others, [name, value]]) } });
      const valid = base.find(([k]) => k === name);
      if (valid && schema?.type !== 'array') out.push({ ...c, name: `${key} ${name} twice`, request: { ...c.request, path: withQuery(c.request.path, [...base, valid]) } });
    }
    out.push({ ...c, name: `${key} unknown parameter`, request: { ...c.request, path: withQuery(c.request.path, [...base, ['zz_unknown', '1']]) } });
  }
  return out;
}

function pathFuzz(): Case[] {
  return cases
    .filter((c) => c.request.method === 'GET' && c.operation.path.includes('{'))
    .flatMap((c) => HOSTILE_VALUES.filter(Boolean).map((value) => ({
      ...c, name: `${c.operation.path} last segment ${value.slice(0, 30)}`,
      request: { ...c.request, path: c.request.path.split('?')[0]!.replace(/[^/]+$/, value) },
    })));
}

function bodyFuzz(): Case[] {
  const screen = cases.find((c) => c.operation.path === '/screen')!;
  const bodies: unknown[] = [
    [], 'x', 1, null, {}, { queries: [] }, { queries: [{}] }, { queries: [{ key: 1, name: 2 }] }, { queries: [{ key: 'a', name: 'x' }], threshold: 2 },
    { queries: [{ key: 'a', name: 'x' }], threshold: '0.5' }, { queries: [{ key: 'a', name: 'x' }, { key: 'a', name: 'y' }] },
    { queries: Array.from({ length: 1001 }, (_, i) => ({ key: `k${i}`, name: 'x' })) }, { queries: [{ key: 'a', name: 'x'.repeat(400) }] },
    { queries: [{ key: 'a', name: 'x', extra: true }] }, { queries: [{ key: 'a', uscc: '%00\u0000' }] }, { queries: [{ key: 'a', name: '\ud800' }] },
  ];
  return bodies.map((body, i) => ({ ...screen, name: `POST /screen body ${i}: ${JSON.stringify(body)?.slice(0, 40)}`, request: { ...screen.request, body: JSON.stringify(body) } }));
}

describe('fuzz of every documented operation', () => {
  it('hostile query parameters: documented statuses and shapes only, no 5xx', async () => {
    const list = queryFuzz();
    expect(list.length).toBeGreaterThan(300);
    expect(await problemsOf(base, contract, list)).toEqual([]);
  }, 600_000);

  it('hostile path segments: documented statuses and shapes only, no 5xx', async () => {
    expect(await problemsOf(base, contract, pathFuzz())).toEqual([]);
  }, 300_000);

  it('hostile screening bodies: a documented 4xx or 200, never a 5xx', async () => {
    expect(await problemsOf(base, contract, bodyFuzz())).toEqual([]);
  }, 300_000);

  it('repeated and unknown parameters are refused (400), never silently dropped', async () => {
    const refused = queryFuzz().filter((c) => / twice$| unknown parameter$/.test(c.name) && !c.operation.path.startsWith('/downloads/'));
    expect(refused.length).toBeGreaterThan(10);
    expect(await problemsOf(base, contract, refused, (_c, a) => (a.status === 400 ? [] : [`expected 400, got ${a.status}`]))).toEqual([]);
  }, 300_000);
});
