import type { HostileCase } from './corpus.ts';
import { HUGE_TEXT } from './payloads.ts';

const JSON_TYPE = { 'content-type': 'application/json' };
const TEN_MB = 10 * 1024 * 1024;
const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;

/** 10 MB in 64 KiB chunks with no Content-Length (chunked): only counting can stop it. */
export function* tenMegabytesChunked(): Iterable<Uint8Array> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  for (let sent = 0; sent < TEN_MB; sent += chunk.length) yield chunk;
}

/** A JSON body of `bytes` bytes: one long string inside a valid object. */
export const bigJson = (bytes: number) => `{"queries":[{"key":"a","name":"${'A'.repeat(bytes)}"}]}`;

interface JsonEndpoint {
  name: string;
  path: string;
  headers?: Record<string, string>;
  /** What a valid body looks like, with `$` where the hostile value goes. */
  template: string;
  /** The answer to a well-formed body with a hostile value: 200 is fine when it is only data. */
  valueAllow: number[];
}

/** Every route that reads a JSON body; the admin ones with a valid token (they read past auth). */
export function jsonEndpoints(adminToken: string): JsonEndpoint[] {
  const admin = { authorization: `Bearer ${adminToken}` };
  return [
    { name: 'REST screen', path: '/api/v1/screen', template: '{"queries":[{"key":"k","name":$}]}', valueAllow: [200, 400] },
    { name: 'tRPC screen.run', path: '/api/trpc/screen.run', template: '{"queries":[{"key":"k","name":$}]}', valueAllow: [200, 400] },
    { name: 'REST admin withdraw', path: '/api/v1/admin/records/sc-0000000000000000/withdraw', headers: admin, template: '{"reason":$}', valueAllow: [400, 404] },
    { name: 'tRPC admin.withdraw', path: '/api/trpc/admin.withdraw', headers: admin, template: '{"id":"sc-0000000000000000","reason":$}', valueAllow: [400, 404] },
    { name: 'REST admin restore', path: '/api/v1/admin/records/pn-0000000000000000/restore', headers: admin, template: '{"operator":$}', valueAllow: [400, 404] },
  ];
}

/** Hostile JSON values for the `$` of a template, as JSON text. */
const VALUES: [string, string][] = [
  ['lone surrogate', '"\\ud800 \\udfff"'],
  ['NUL', '"a\\u0000b"'],
  ['100k characters', JSON.stringify(HUGE_TEXT)],
  ['script tag', '"<script>alert(1)</script>"'],
  ['sql', `"'; DROP TABLE penalties; --"`],
  ['rtl and zero width', '"\\u202Eabc\\u200B"'],
  ['object instead of string', '{"$ne":null}'],
  ['huge number', '1e309'],
  ['deep object', deepObject],
];

/** Malformed, oversized and mistyped bodies for every JSON route. */
export function bodyCases(adminToken: string): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const e of jsonEndpoints(adminToken)) {
    const post = (name: string, body: HostileCase['body'], allow: number[], headers: Record<string, string> = JSON_TYPE): HostileCase => ({
      name: `${e.name}: ${name}`,
      method: 'POST',
      path: e.path,
      headers: { ...headers, ...e.headers },
      body,
      allow,
    });
    cases.push(
      post('malformed JSON', '{oops', [400]),
      post('truncated JSON', '{"queries":[{"key":"a"', [400]),
      post('top-level array', '[1,2,3]', [400]),
      post('top-level string', '"x"', [400]),
      // Unknown keys are dropped, so on a route whose fields are all optional this is a valid (empty) body.
      post('10,000 nested objects', deepObject, [400, 404]),
      post('10,000 nested arrays', deepArray, [400]),
      post('prototype keys', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}', [400, 404]),
      post('10 MB body', bigJson(TEN_MB), [413]),
      post('10 MB chunked body without length', tenMegabytesChunked, [413]),
      post('text/plain', '{"queries":[]}', [415], { 'content-type': 'text/plain' }),
      post('form encoded', 'queries=1&reason=x', [415], { 'content-type': 'application/x-www-form-urlencoded' }),
      post('multipart', '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--b--\r\n', [415], { 'content-type': 'multipart/form-data; boundary=b' }),
      post('xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', [415], { 'content-type': 'application/xml' }),
      post('no content type', '{"reason":"x"}', [415], {}),
      post('binary bytes', Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x81]), [400, 415]),
    );
    for (const [name, value] of VALUES) cases.push(post(`value ${name}`, e.template.replace('$', value), e.valueAllow));
  }
  return cases;
}

const FORM = (boundary: string, filename: string, content: string, fields = '') =>
  `${fields}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n${content}\r\n--${boundary}--\r\n`;
const typeField = (boundary: string, type: string) => `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\n${type}\r\n`;

/**
 * The admin upload: credentials first (nothing is read without them), then hostile forms. Files
 * with hostile content are in hostile-import.test.ts, which also checks the database.
 */
export function adminUploadCases(adminToken: string): HostileCase[] {
  const path = '/api/v1/admin/imports';
  const multipart = { 'content-type': 'multipart/form-data; boundary=xyz' };
  const form = FORM('xyz', 'a.csv', 'x');
  const wrongCredentials: [string, Record<string, string>][] = [
    ['no credentials', {}],
    ['wrong bearer', { authorization: 'Bearer not-the-admin-token-0000000000' }],
    ['basic auth', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['empty bearer', { authorization: 'Bearer ' }],
    ['sql in bearer', { authorization: "Bearer ' OR '1'='1" }],
    ['8k bearer', { authorization: `Bearer ${'x'.repeat(8000)}` }],
    ['token with a suffix', { authorization: `Bearer ${adminToken}x` }],
    ['token in the query string', {}],
  ];
  const cases: HostileCase[] = wrongCredentials.map(([name, headers]) => ({
    name: `admin upload, ${name}`,
    method: 'POST',
    path: name.includes('query') ? `${path}?token=${adminToken}` : path,
    headers: { ...multipart, ...headers },
    body: form,
    allow: [401],
  }));
  for (const [name, headers] of wrongCredentials) {
    cases.push({ name: `admin withdraw, ${name}`, method: 'POST', path: '/api/v1/admin/records/sc-0000000000000000/withdraw', headers: { ...JSON_TYPE, ...headers }, body: '{"reason":"x"}', allow: [401] });
    cases.push({ name: `tRPC admin.restore, ${name}`, method: 'POST', path: '/api/trpc/admin.restore', headers: { ...JSON_TYPE, ...headers }, body: '{"id":"sc-0000000000000000"}', allow: [401] });
  }
  const admin = { authorization: `Bearer ${adminToken}` };
  const upload = (name: string, body: HostileCase['body'], allow: number[], headers: Record<string, string> = multipart): HostileCase => ({
    name: `admin upload: ${name}`, method: 'POST', path, headers: { ...headers, ...admin }, body, allow,
  });
  cases.push(
    upload('JSON instead of a form', '{"type":"penalties"}', [415], JSON_TYPE),
    upload('multipart without boundary', form, [400, 415], { 'content-type': 'multipart/form-data' }),
    upload('broken multipart', '--xyz\r\nthis is not a part', [400]),
    upload('form without a file', typeField('xyz', 'penalties') + '--xyz--\r\n', [400]),
    upload('unknown type', FORM('xyz', 'a.csv', 'a,b', typeField('xyz', "penalties' OR 1=1")), [400]),
    upload('NUL in a field', FORM('xyz', 'a.csv', 'a,b', typeField('xyz', 'penalties') + '--xyz\r\nContent-Disposition: form-data; name="authority"\r\n\r\na\u0000b\r\n'), [400]),
    upload('executable file', FORM('xyz', 'evil.exe', 'MZ', typeField('xyz', 'penalties')), [400]),
    upload('traversal file name', FORM('xyz', '../../../../tmp/evil.csv', 'a,b\n1,2', typeField('xyz', 'penalties')), [422]),
    upload('over the upload limit, declared', 'x', [413], { ...multipart, 'content-length': String(300 * 1024 * 1024) }),
  );
  return cases;
}
