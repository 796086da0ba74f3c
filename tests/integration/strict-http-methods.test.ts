import { HtmlValidate } from 'html-validate';
import { describe, expect, inject, it } from 'vitest';
import { rawRequests } from '../setup/raw-http.ts';

const base = inject('baseUrl');

/** The bulk downloads are written shortly after the portal starts. */
async function downloadUrl(): Promise<string> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await fetch(`${base}/api/v1/downloads`);
    if (response.status === 200) return ((await response.json()) as { files: { url: string }[] }).files[0]!.url;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the bulk downloads were never ready');
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

describe('HEAD', () => {
  it('answers wherever GET does, with the GET\'s status and headers and no body', async () => {
    const targets = [
      '/api/v1/search?q=%E7%94%B5%E7%BC%86&limit=2', '/api/v1/openapi.json', '/api/v1/downloads', await downloadUrl(),
      '/api/v1/stats/failure-rates', `/api/trpc/search.query?input=${input({ q: '电缆', limit: 2 })}`, '/api/health',
      '/', '/search?q=%E7%94%B5%E7%BC%86', '/en/stats', '/feeds/all.xml', '/sitemap.xml', '/sitemaps/pages.xml', '/robots.txt',
    ];
    // HEAD then GET of each on one connection: a HEAD answer with a body would garble the next one.
    const answers = await rawRequests(base, targets.flatMap((target) => [{ method: 'HEAD', target }, { target }]));
    targets.forEach((target, i) => {
      const [head, get] = [answers[2 * i]!, answers[2 * i + 1]!];
      expect(get.status, target).toBe(200);
      expect(head.status, target).toBe(200);
      expect(head.body, target).toBe('');
      for (const name of ['content-type', 'cache-control', 'content-security-policy', 'access-control-allow-origin', 'ratelimit-limit']) {
        expect(head.headers[name], `${target}: ${name}`).toBe(get.headers[name]);
      }
    });
  });
});

describe('wrong methods', () => {
  it('are a 405 with Allow, in the error shape on the API', async () => {
    const cases: [string, string, string][] = [
      ['POST', '/api/v1/search', 'GET, HEAD, OPTIONS'],
      ['DELETE', '/api/v1/openapi.json', 'GET, HEAD, OPTIONS'],
      ['PUT', '/api/v1/downloads', 'GET, HEAD, OPTIONS'],
      ['GET', '/api/v1/screen', 'POST, OPTIONS'],
      ['GET', '/api/v1/admin/imports', 'POST'],
      ['POST', `/api/trpc/search.query?input=${input({ q: 'x' })}`, 'GET, HEAD'],
      ['GET', '/api/trpc/screen.run', 'POST'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' || method === 'HEAD' ? undefined : '{}' });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow'), `${method} ${path}`).toBe(allow);
      const body = (await response.json()) as any;
      const code = path.startsWith('/api/trpc') ? body.error.data.code : body.error.code;
      expect(code, `${method} ${path}`).toBe('METHOD_NOT_SUPPORTED');
    }
  });
});

describe('wrong methods outside the API', () => {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'void-style': 'off', 'no-trailing-whitespace': 'off' } });

  it('pages are a 405 HTML page with Allow, data files a 405 in the error shape', async () => {
    for (const [method, path] of [['POST', '/search?q=x'], ['DELETE', '/'], ['PUT', '/en/stats'], ['OPTIONS', '/data']]) {
      const response = await fetch(`${base}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow'), `${method} ${path}`).toBe('GET, HEAD');
      expect(response.headers.get('content-type'), `${method} ${path}`).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy'), `${method} ${path}`).toBeTruthy();
      const html = await response.text();
      expect(html, `${method} ${path}`).toContain('data-testid="wrong-method"');
      const report = await validator.validateString(html, `${method} ${path}`);
      expect(report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
    }
    for (const [method, path] of [['POST', '/feeds/all.xml'], ['DELETE', '/api/health'], ['PUT', '/sitemap.xml'], ['POST', '/export.csv']]) {
      const response = await fetch(`${base}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow'), `${method} ${path}`).toBe('GET, HEAD');
      expect(response.headers.get('content-security-policy'), `${method} ${path}`).toBeTruthy();
      expect(((await response.json()) as any).error.code, `${method} ${path}`).toBe('METHOD_NOT_SUPPORTED');
    }
  });

  it('an address under /api/ that nothing serves is a 404 in the error shape', async () => {
    for (const path of ['/api/nothing', '/api/v2/search', '/api/healthz']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as any).error.code, path).toBe('NOT_FOUND');
      expect(response.headers.get('content-security-policy'), path).toBeTruthy();
    }
  });
});

describe('CORS preflight', () => {
  const preflight = (path: string, method: string) =>
    fetch(`${base}${path}`, { method: 'OPTIONS', headers: { origin: 'https://platform.example', 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type' } });

  it('names each public route\'s methods and allows Authorization and Content-Type, POST /screen included', async () => {
    for (const [path, methods] of [['/api/v1/screen', 'POST'], ['/api/v1/search', 'GET, HEAD'], ['/api/v1/spot-checks/sc-x', 'GET, HEAD'], ['/api/v1/openapi.json', 'GET, HEAD']] as const) {
      const response = await preflight(path, methods.split(',')[0]!);
      expect(response.status, path).toBe(204);
      expect(response.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(response.headers.get('access-control-allow-methods'), path).toBe(methods);
      expect(response.headers.get('access-control-allow-headers')!.toLowerCase().split(/,\s*/), path).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    }
    // And the screening answer itself may be read by the page that asked.
    const screened = await fetch(`${base}/api/v1/screen`, { method: 'POST', headers: { origin: 'https://platform.example', 'content-type': 'application/json' }, body: JSON.stringify({ queries: [{ key: 'a', name: '电缆' }] }) });
    expect(screened.status).toBe(200);
    expect(screened.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('admin routes and unknown routes get no CORS', async () => {
    for (const path of ['/api/v1/admin/imports', '/api/v1/admin/records/x/withdraw', '/api/v1/no-such-route']) {
      const response = await preflight(path, 'POST');
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(response.headers.get('access-control-allow-methods'), path).toBeNull();
    }
  });
});
