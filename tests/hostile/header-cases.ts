import type { HostileCase } from './corpus.ts';

/** Routes that each header abuse is sent to: the API, tRPC, a page, an English page, data files. */
const TARGETS = ['/api/v1/search?q=x', '/api/trpc/search.query?input=%7B%22q%22%3A%22x%22%7D', '/search?q=x', '/en/search?q=x', '/feeds/all.xml', '/sitemap.xml', '/api/health'];

/** Header abuse: sizes over the server's limit, nonsense values, injection in headers the portal reads. */
const HEADERS: [string, Record<string, string>, number[]?][] = [
  ['100 KB header', { 'x-padding': 'A'.repeat(100_000) }, [431]],
  ['15 KB cookie', { cookie: `session=${'c'.repeat(15_000)}` }],
  ['nonsense Accept-Language', { 'accept-language': '*;q=NaN, zz-ZZ;q=2,,,;;;en;q=-1, z\u00e9;q=1e309' }],
  ['long Accept-Language', { 'accept-language': Array.from({ length: 800 }, (_, i) => `x${i};q=0.${i % 10}`).join(',') }],
  ['odd Accept', { accept: 'application/xml;q=2, */*;q=NaN' }],
  ['odd Accept-Encoding', { 'accept-encoding': 'br;q=NaN, gzip;q=-1, identity;q=0, *;q=0' }],
  ['script in X-Request-Id', { 'x-request-id': '<script>alert(1)</script>' }],
  ['sql in X-Forwarded-For', { 'x-forwarded-for': "' OR 1=1 --, 999.999.999.999, ::ffff:zz" }],
  ['huge If-None-Match', { 'if-none-match': `W/"${'e'.repeat(8000)}"` }],
  ['sql as API key', { authorization: "Bearer ' OR '1'='1" }, [200, 401]],
  ['overlong API key', { authorization: `Bearer qp_${'A'.repeat(4000)}` }, [200, 401]],
  ['Latin-1 bytes in a header', { 'x-note': 'caf\u00e9 \u00ff' }],
  ['forwarded host', { 'x-forwarded-host': 'evil.example', forwarded: 'host=evil.example;proto=javascript' }],
  // Absolute URLs come from PUBLIC_URL or the listening address; these once made the request URL unbuildable (a 500).
  ['Host with credentials', { host: 'user:pass@evil.example' }],
  ['Host with a path', { host: 'evil.example/../admin' }],
  ['Host out of range', { host: 'evil.example:99999' }],
  ['Host half an IPv6 address', { host: '[::1' }],
  ['range on a page', { range: 'bytes=999999999999-' }],
];

export function headerCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const [name, headers, allow] of HEADERS) {
    for (const path of TARGETS) {
      // /api/health takes no key: a bad one changes nothing there.
      cases.push({ name: `${name} on ${path}`, path, headers, allow: allow && path === '/api/health' && !allow.includes(431) ? undefined : allow });
    }
  }
  return cases;
}

/** Methods a route does not take: 405 (or 404 where no such route exists), never a 500. */
export function methodCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const method of ['PUT', 'DELETE', 'PATCH']) {
    for (const path of ['/api/v1/search', '/api/v1/screen', '/api/v1/admin/imports', '/api/v1/spot-checks/sc-0000000000000000', '/api/trpc/search.query', '/export.csv', '/feeds/all.xml', '/api/health']) {
      cases.push({ name: `${method} ${path}`, method, path, headers: { 'content-type': 'application/json' }, body: '{}', allow: [400, 401, 404, 405] });
    }
  }
  // Pages read no body: a POST with a big one is answered (or refused) without reading it.
  for (const path of ['/search?q=x', '/', '/en/stats']) {
    cases.push({ name: `POST with a 2 MB body to ${path}`, method: 'POST', path, headers: { 'content-type': 'text/plain' }, body: 'p'.repeat(2 * 1024 * 1024), allow: [200, 403, 405, 413] });
  }
  return cases;
}
