import { send, type Answer, type RawRequest } from '../hostile/send.ts';
import { pathOf, type Contract, type Operation } from './document.ts';
import { watchlistRequests } from './watchlist-cases.ts';

/* A request each documented operation should answer with 200, from the running portal's own data. */

export interface Case { operation: Operation; request: RawRequest; name: string }

const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function getJson(base: string, path: string): Promise<any> {
  const answer = await send(base, { path });
  if (answer.status !== 200) throw new Error(`${path} → ${answer.status}: ${answer.body.slice(0, 200)}`);
  return JSON.parse(answer.body);
}

/** Path values and query strings that are valid here: a record id per type, an enterprise, a download. */
export async function liveValues(base: string, contract: Contract) {
  const types: string[] = contract.resolve(contract.parameters(contract.operations().find((o) => o.path === '/{type}/{id}')!).find((p) => p.name === 'type')!).schema.enum;
  const ids: Record<string, string> = {};
  for (const type of types) {
    const list = await getJson(base, `/api/v1/${type}?limit=1`);
    if (list.hits[0]) ids[type] = list.hits[0].id;
  }
  const enterprises = await getJson(base, '/api/v1/search?type=enterprises&limit=1');
  const downloads = await getJson(base, '/api/v1/downloads');
  const snapshot = downloads.snapshots?.[0];
  return {
    types, ids, enterprise: enterprises.hits[0].id as string, download: downloads.files[0].name as string,
    snapshot: snapshot ? { date: snapshot.date as string, name: snapshot.files[0].name as string } : undefined,
  };
}

type Values = Awaited<ReturnType<typeof liveValues>>;

/** Valid requests keyed by `METHOD path`; operations on records get one per type. */
function happyRequests(v: Values, adminToken: string): Record<string, RawRequest[]> {
  const byType = (make: (type: string) => string) => v.types.filter((t) => v.ids[t]).map((t) => ({ path: make(t) }));
  return {
    'get /search': [{ path: '/search?q=%E7%94%B5%E7%BC%86&limit=5' }, { path: '/search?type=spot-checks&limit=2&sort=newest' }],
    'get /suggest': [{ path: '/suggest?q=%E7%94%B5' }],
    'get /count': [{ path: '/count?type=spot-checks&field=result' }, { path: '/count?type=penalties&field=year' }],
    'get /{type}': byType((t) => `/${t}?limit=2`),
    'get /{type}/{id}': byType((t) => pathOf('/{type}/{id}', { type: t, id: v.ids[t]! })),
    'get /enterprises/{key}': [{ path: pathOf('/enterprises/{key}', { key: v.enterprise }) }],
    'get /changes': [{ path: '/changes?limit=3' }],
    'get /stats/failure-rates': [{ path: '/stats/failure-rates?by=year' }],
    'get /downloads': [{ path: '/downloads' }],
    'get /downloads/{name}': [{ path: pathOf('/downloads/{name}', { name: v.download }) }],
    'get /downloads/{date}/{name}': v.snapshot ? [{ path: pathOf('/downloads/{date}/{name}', v.snapshot) }] : [],
    'get /downloads/dictionary.json': [{ path: '/downloads/dictionary.json' }],
    'get /downloads/datapackage.json': [{ path: '/downloads/datapackage.json' }],
    'get /downloads/codebook.json': [{ path: '/downloads/codebook.json' }],
    'get /openapi.json': [{ path: '/openapi.json' }],
    'post /screen': [{ method: 'POST', path: '/screen', ...json({ queries: [{ key: 'a', name: '某某电缆有限公司' }, { key: 'b', uscc: '91320100MA1XXXXX0X' }] }) }],
    'post /screen/products': [{ method: 'POST', path: '/screen/products', ...json({ items: [{ key: 'a', brand: '电缆', model: 'BV 2.5' }, { key: 'b', gtin: '4006381333932' }, { key: 'c', manufacturer: '某某电缆有限公司' }] }) }],
    // Admin operations are answered only with a token; the contract test asks without one (401) too.
    'post /admin/imports': [],
    'post /admin/records/{id}/withdraw': [{ method: 'POST', path: '/admin/records/no-such-record/withdraw', ...json({ reason: 'contract test' }), headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` } }],
    'post /admin/records/{id}/restore': [],
  };
}

export async function happyCases(base: string, contract: Contract, adminToken: string): Promise<{ cases: Case[]; missing: string[] }> {
  const requests = { ...happyRequests(await liveValues(base, contract), adminToken), ...(await watchlistRequests(base)) };
  const cases: Case[] = [];
  const missing: string[] = [];
  for (const operation of contract.operations()) {
    const key = `${operation.method} ${operation.path}`;
    const list = requests[key];
    if (!list) missing.push(key);
    for (const r of list ?? []) cases.push({ operation, name: `${key} ${r.path}`, request: { ...r, method: r.method ?? 'GET', path: `/api/v1${r.path}` } });
  }
  return { cases, missing };
}

/** Sends cases two at a time (the portal has two cores) and collects every problem the contract finds. */
export async function problemsOf(base: string, contract: Contract, cases: Case[], expect?: (c: Case, a: Answer) => string[]): Promise<string[]> {
  const found: string[] = [];
  const queue = [...cases];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      try {
        const answer = await send(base, c.request);
        const problems = [...contract.problems(c.operation, answer, (c.request.method ?? 'GET').toLowerCase()), ...(expect?.(c, answer) ?? [])];
        if (problems.length) found.push(`${c.name}: ${problems.join('; ')}`);
      } catch (error) {
        found.push(`${c.name}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return found;
}
