import { HtmlValidate } from 'html-validate';
import { describe, expect, inject, it } from 'vitest';
import { rawRequests, type RawAnswer } from '../setup/raw-http.ts';

const base = inject('baseUrl');

const SECURITY = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options'];
const RATE_LIMIT = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'];

/** The one error shape, with the security headers. */
function expectErrorShape(answer: RawAnswer, status: number, what: string) {
  expect(answer.status, what).toBe(status);
  expect(answer.headers['content-type'], what).toMatch(/^application\/json/);
  const body = JSON.parse(answer.body);
  expect(Object.keys(body), what).toEqual(['error']);
  expect(body.error.code, what).toMatch(/^[A-Z_]+$/);
  expect(body.error.message, what).toBeTypeOf('string');
  expect(body.error.requestId, what).toBe(answer.headers['x-request-id']);
  for (const name of SECURITY) expect(answer.headers[name], `${what}: ${name}`).toBeTruthy();
  return body.error as { code: string; message: string };
}

describe('malformed addresses', () => {
  const MALFORMED = ['%E0%A4%A', '%zz', '%ff', '%C3%28', '%'];

  it('are a 400 in the error shape, with security and RateLimit-* headers, on /api/v1 and /api/trpc', async () => {
    const targets = MALFORMED.flatMap((bad) => [`/api/v1/search?q=${bad}`, `/api/v1/${bad}`, `/api/trpc/search.query?input=${bad}`, `/api/health?x=${bad}`]);
    const answers = await rawRequests(base, targets.map((target) => ({ target })));
    answers.forEach((answer, i) => {
      const error = expectErrorShape(answer, 400, targets[i]!);
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(/percent-encoding/);
      if (!targets[i]!.startsWith('/api/health')) for (const name of RATE_LIMIT) expect(answer.headers[name], `${targets[i]}: ${name}`).toMatch(/^\d+$/);
    });
  });

  it('on pages are the HTML error page with status 400 and the security headers', async () => {
    const targets = ['/search?q=%zz', '/en/search?q=%E0%A4%A', '/spot-checks/%ff', '/en/%25zz'];
    const answers = await rawRequests(base, targets.map((target) => ({ target })));
    answers.forEach((answer, i) => {
      expect(answer.status, targets[i]).toBe(400);
      expect(answer.headers['content-type'], targets[i]).toMatch(/^text\/html/);
      expect(answer.body, targets[i]).toContain('data-testid="bad-address"');
      for (const name of SECURITY) expect(answer.headers[name], `${targets[i]}: ${name}`).toBeTruthy();
    });
    expect(answers[1]!.body).toContain('This address cannot be read');
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'void-style': 'off', 'no-trailing-whitespace': 'off' } });
    const report = await validator.validateString(answers[0]!.body, 'the 400 page');
    expect(report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  });

  it('unknown routes: the error shape under /api, the HTML 404 page elsewhere', async () => {
    const [api, trpc, page] = await rawRequests(base, [{ target: '/api/v1/no-such-route/at/all' }, { target: '/api/trpc/no.such' }, { target: '/no-such-page' }]);
    expect(expectErrorShape(api!, 404, 'api').code).toBe('NOT_FOUND');
    // tRPC keeps its own envelope (its clients read a numeric `code`), with the portal's code in `data`.
    expect(trpc!.status).toBe(404);
    expect(JSON.parse(trpc!.body).error.data).toMatchObject({ code: 'NOT_FOUND', requestId: trpc!.headers['x-request-id'] });
    for (const name of [...SECURITY, ...RATE_LIMIT]) expect(trpc!.headers[name], name).toBeTruthy();
    expect(page!.status).toBe(404);
    expect(page!.headers['content-type']).toMatch(/^text\/html/);
    for (const name of SECURITY) expect(page!.headers[name], name).toBeTruthy();
  });
});

describe('requests Node\'s HTTP parser refuses', () => {
  it('get their status in the error shape with the security headers, not a bare status line', async () => {
    for (const [target, headers, status] of [
      ['/api/v1/search?q=a\u0001b', {}, 400],
      ['/api/v1/search', { 'x-bad header': '1' }, 400],
      ['/search', { 'x-padding': 'A'.repeat(20_000) }, 431],
    ] as const) {
      const [answer] = await rawRequests(base, [{ target, headers }]);
      expect(answer!.headers.connection, target).toBe('close');
      expectErrorShape(answer!, status, `${target} ${Object.keys(headers)}`);
    }
  });
});

describe('raw UTF-8 in the query string', () => {
  it('is read as if percent-encoded, on every request of a kept-alive connection', async () => {
    const encoded = await (await fetch(`${base}/api/v1/search?q=${encodeURIComponent('电缆')}&limit=3`)).json();
    expect(encoded.meta.total).toBeGreaterThan(0);
    const answers = await rawRequests(base, [
      { target: '/api/v1/search?q=电缆&limit=3' },
      { target: '/api/v1/search?q=电缆&limit=3' },
      { method: 'HEAD', target: '/search?q=电缆' },
      { target: '/search?q=电缆' },
      { target: '/api/v1/search?q=电缆&limit=3' },
    ]);
    for (const i of [0, 1, 4]) {
      expect(answers[i]!.status, `request ${i}`).toBe(200);
      expect(JSON.parse(answers[i]!.body).meta.total).toBe(encoded.meta.total);
    }
    expect(answers[2]!.status).toBe(200);
    expect(answers[3]!.status).toBe(200);
    expect(answers[3]!.body).toContain('电缆');
  });

  it('bytes that are not UTF-8 are the 400 of a malformed address, and the connection goes on', async () => {
    const notUtf8 = Buffer.concat([Buffer.from('/api/v1/search?q='), Buffer.from([0xff, 0xe7, 0x94])]);
    const answers = await rawRequests(base, [{ target: notUtf8 }, { target: '/api/v1/search?q=电缆&limit=1' }]);
    expect(expectErrorShape(answers[0]!, 400, 'not UTF-8').message).toMatch(/percent-encoding/);
    expect(answers[1]!.status).toBe(200);
  });
});
