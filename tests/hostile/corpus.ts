import { encodePayload, PAGING_VALUES, TEXT_PAYLOADS, type Payload } from './payloads.ts';
import type { RawRequest } from './send.ts';

/** One hostile request and what is acceptable as its answer. */
export interface HostileCase extends RawRequest {
  name: string;
  /** Acceptable statuses. Default: anything from 200 to 499 (a correct answer or a clear refusal). */
  allow?: number[];
}

/** Where user text goes in a query string; `{}` is replaced by the percent-encoded payload. */
export const QUERY_TARGETS = [
  '/api/v1/search?q={}',
  '/api/v1/search?q=x&type={}',
  '/api/v1/search?q=x&region={}&authority={}',
  '/api/v1/search?q=x&cursor={}&sort={}',
  '/api/v1/suggest?q={}',
  '/api/v1/count?type=spot-checks&field={}',
  '/api/v1/changes?since={}&types={}',
  '/api/v1/penalties?q={}&year={}',
  '/search?q={}',
  '/en/search?q={}&category={}',
  '/typical-cases?q={}&campaign={}',
  '/export.csv?q={}&type={}',
  '/sitemaps/spot-checks.xml?from={}&to={}',
  '/api/health?check={}',
];

/** Path parameters of every route that has one; `{}` is replaced by the percent-encoded payload. */
export const PATH_TARGETS = [
  '/api/v1/spot-checks/{}',
  '/api/v1/enterprises/{}',
  '/api/v1/downloads/{}',
  '/api/v1/{}',
  '/spot-checks/{}',
  '/penalties/{}.json',
  '/license-revocations/{}',
  '/enterprises/{}',
  '/en/enterprises/{}',
  '/typical-cases/{}',
  '/campaigns/{}',
  '/feeds/{}.xml',
  '/sitemaps/{}.xml',
  '/stats/{}.csv',
];

/** tRPC takes its input as JSON in `?input=`; raw payloads go inside the JSON string as they are. */
const trpcInput = (p: Payload) =>
  p.raw !== undefined ? `%7B%22q%22%3A%22${p.raw}%22%7D` : encodeURIComponent(JSON.stringify({ q: p.text }));

/** Every text payload in every query slot and every path parameter, plus tRPC. */
function textCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const payload of TEXT_PAYLOADS) {
    const value = encodePayload(payload);
    for (const target of [...QUERY_TARGETS, ...PATH_TARGETS]) {
      cases.push({ name: `${payload.name} in ${target}`, path: target.replaceAll('{}', value) });
    }
    cases.push({ name: `${payload.name} in tRPC search.query`, path: `/api/trpc/search.query?input=${trpcInput(payload)}` });
    cases.push({ name: `${payload.name} in tRPC enterprises.profile`, path: `/api/trpc/enterprises.profile?input=${encodeURIComponent(JSON.stringify({ key: payload.text ?? payload.raw }))}` });
  }
  return cases;
}

/** Route-level traversal that must never leave the route: raw `..`, encoded dots and slashes. */
const TRAVERSALS = [
  '/../../../../etc/passwd',
  '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/%2e%2e%2f%2e%2e%2fpackage.json',
  '/..%2f..%2f..%2fpackage.json',
  '/..%252f..%252fpackage.json',
  '/..%5c..%5cpackage.json',
  '/.%00./package.json',
  '/_astro/../../package.json',
  '/_astro/%2e%2e/%2e%2e/package.json',
  '/api/v1/downloads/..%2F..%2F.data%2Fmeili-master-key',
  '/api/v1/downloads/%2e%2e%2fmanifest.json',
  '/api/v1/downloads/....//....//etc/passwd',
  '/api/v1/spot-checks/..%2F..%2Fadmin%2Fimports',
  '/api/v1/admin%2fimports',
  '/api/v1/%2e%2e/%2e%2e/package.json',
  '/api/trpc/..%2f..%2fpackage.json',
  '/api/trpc/admin.withdraw%2f..%2fsearch.query',
  '/spot-checks/..%2F..%2Fpackage.json',
  '/spot-checks/%2e%2e%2fpackage.json.json',
  '/feeds/..%2f..%2fpackage.json.xml',
  '/stats/..%2f..%2f..%2fpackage.json.csv',
  '/typical-cases/..%2f..%2fcontent%2ftypical-cases%2f2023-gas-hose-rubber.md',
  '/en/..%2f..%2fpackage.json',
  // URL semantics: the same address as /api/v1/openapi.json, served as that.
  '/en/%2e%2e/api/v1/openapi.json',
  '//etc/passwd',
  '/suggest.js%00.html',
  '/robots.txt%2f..%2fpackage.json',
  '/%ff%fe%fd',
];

/** Every paging parameter with every hostile number. */
function pagingCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const value of PAGING_VALUES) {
    for (const target of [
      '/api/v1/search?q=%E7%94%B5%E7%BC%86&limit={}',
      '/api/v1/search?q=%E7%94%B5%E7%BC%86&offset={}',
      '/api/v1/spot-checks?limit={}&offset={}',
      '/api/v1/changes?limit={}',
      '/search?q=%E7%94%B5%E7%BC%86&page={}',
      '/en/typical-cases?page={}',
    ]) {
      cases.push({ name: `paging ${value || '(empty)'} in ${target}`, path: target.replaceAll('{}', value) });
    }
  }
  for (const limit of ['-1', '1e309', '1.5', '"NaN"', 'null', '{}', '[1]', '1e21']) {
    cases.push({ name: `tRPC limit ${limit}`, path: `/api/trpc/search.query?input=${encodeURIComponent(`{"q":"x","limit":${limit}}`)}` });
  }
  return cases;
}

/** Query strings with everything at once: repeated keys, array syntax, prototype keys. */
const ODD_QUERIES: HostileCase[] = [
  { name: 'repeated keys', path: '/api/v1/search?q=a&q=b&type=penalties&type=spot-checks' },
  { name: 'array syntax keys', path: '/api/v1/search?q[]=a&type[$ne]=x' },
  { name: 'prototype keys', path: '/api/v1/search?__proto__[isAdmin]=1&constructor[prototype][x]=1&q=x' },
  { name: 'prototype keys on a page', path: '/search?__proto__=x&toString=1&q=x' },
  { name: 'thousands of parameters', path: `/api/v1/search?${Array.from({ length: 1500 }, (_, i) => `p${i}=1`).join('&')}` },
  { name: 'tRPC batch of unknown procedures', path: `/api/trpc/nope.a,admin.withdraw,search.query?batch=1&input=${encodeURIComponent('{"0":{},"1":{"id":"x","reason":"y"},"2":{"q":"x"}}')}` },
  { name: 'tRPC malformed input json', path: '/api/trpc/search.query?input=%7Boops' },
  { name: 'tRPC input array', path: `/api/trpc/search.query?input=${encodeURIComponent('[[[[[]]]]]')}` },
  { name: 'tRPC deeply nested input', path: `/api/trpc/search.query?input=${encodeURIComponent('['.repeat(2000) + ']'.repeat(2000))}` },
  { name: 'tRPC unknown procedure', path: '/api/trpc/constructor' },
  { name: 'tRPC prototype procedure', path: '/api/trpc/__proto__.toString' },
  { name: 'tRPC admin query without token', path: '/api/trpc/admin.withdraw?input=%7B%7D', allow: [400, 401, 404, 405] },
];

/** The whole GET corpus: text payloads, traversals, paging and odd query strings. */
export function getCases(): HostileCase[] {
  return [
    ...textCases(),
    ...TRAVERSALS.map((path) => ({ name: `traversal ${path}`, path, allow: path.startsWith('/en/%2e%2e/') ? [200] : [400, 404, 405, 301, 308] })),
    ...pagingCases(),
    ...ODD_QUERIES,
  ];
}
