import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../setup/portal-process.ts';

/**
 * The SDK in sdk/ as a platform uses it: built with its own tsconfig into a node_modules of a
 * throwaway project, imported by its package name (through package.json `exports`), and called
 * against the running portal. Its usage example type-checks against the built declarations, and
 * its wrong calls do not.
 */
const base = inject('baseUrl');
const run = promisify(execFile);
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const NODE = process.execPath;

type Sdk = typeof import('../../sdk/src/index.ts');
let sdk: Sdk;
let project: string;

beforeAll(async () => {
  project = await fs.mkdtemp(path.join(os.tmpdir(), 'sdk-user-'));
  const installed = path.join(project, 'node_modules/@quality-portal/sdk');
  await fs.mkdir(installed, { recursive: true });
  await fs.copyFile(path.join(ROOT, 'sdk/package.json'), path.join(installed, 'package.json'));
  await run(NODE, [TSC, '-p', path.join(ROOT, 'sdk/tsconfig.json'), '--outDir', path.join(installed, 'dist')]);
  const entry = createRequire(path.join(project, 'index.js')).resolve('@quality-portal/sdk');
  expect(path.relative(installed, entry)).toBe(path.join('dist', 'index.js'));
  sdk = (await import(pathToFileURL(entry).href)) as Sdk;
  // The throwaway project is an ES module project, as the examples' top-level await needs.
  await fs.writeFile(path.join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
}, 120_000);

afterAll(async () => {
  if (project) await fs.rm(project, { recursive: true, force: true });
});

const client = () => sdk.createPortalClient({ baseUrl: base });

/** A platform's TypeScript settings: strict, Node's own module resolution (package.json `exports`). */
const USER_COMPILER_OPTIONS = {
  module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, skipLibCheck: true,
  types: ['node'], typeRoots: [path.join(ROOT, 'node_modules/@types')],
};

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The bulk downloads are written shortly after the portal starts; the page's examples include them. */
async function downloadsReady(): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if ((await fetch(`${base}/api/v1/downloads`)).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the bulk downloads were never ready');
}

describe('the SDK against the running portal', () => {
  it('searches, lists a type, reads one of its records and counts by a field', async () => {
    const { data: found, error, response } = await sdk.search({ client: client(), query: { q: '电缆', limit: 3 } });
    expect(error).toBeUndefined();
    expect(response?.status).toBe(200);
    expect(found!.hits.length).toBeGreaterThan(0);
    expect(found!.meta.total).toBeGreaterThanOrEqual(found!.hits.length);

    // A type the SDK's types accept as a path parameter (a misspelt one would not compile).
    const type = 'spot-checks' as const;
    const listing = await sdk.listByType({ client: client(), path: { type }, query: { sort: 'newest', limit: 2 }, throwOnError: true });
    expect(listing.data.hits.length).toBeGreaterThan(0);
    expect(new Set(listing.data.hits.map((hit) => hit.type))).toEqual(new Set([type]));

    const id = listing.data.hits[0]!.id;
    const record = await sdk.getRecord({ client: client(), path: { type, id }, throwOnError: true });
    expect(record.data.type).toBe(type);
    expect(record.data.record).toMatchObject({ id });
    expect(record.data.versions.length).toBeGreaterThan(0);

    const counted = await sdk.count({ client: client(), query: { type, field: 'year' }, throwOnError: true });
    expect(counted.data.results.length).toBeGreaterThan(0);
    for (const result of counted.data.results) expect(result.count).toBeGreaterThan(0);
  });

  it('reads an enterprise profile, by the id a search for enterprises gives', async () => {
    const { data } = await sdk.search({ client: client(), query: { type: 'enterprises', limit: 1 }, throwOnError: true });
    const key = data.hits[0]!.id;
    const profile = await sdk.getEnterprise({ client: client(), path: { key }, throwOnError: true });
    expect(profile.data.enterprise).toMatchObject({ id: key });
    expect(Object.keys(profile.data.flags ?? {})).toEqual(expect.arrayContaining(['repeatFailure']));
    expect(Array.isArray(profile.data.timeline)).toBe(true);
  });

  it('pages through the change feed with its cursor, never repeating a change', async () => {
    const first = await sdk.changes({ client: client(), query: { limit: 2 }, throwOnError: true });
    expect(first.data.changes!).toHaveLength(2);
    const second = await sdk.changes({ client: client(), query: { limit: 2, since: first.data.meta?.next_cursor ?? undefined }, throwOnError: true });
    expect(second.data.changes!.length).toBeGreaterThan(0);
    const seen = new Set(first.data.changes!.map((change) => change.seq));
    for (const change of second.data.changes!) expect(seen.has(change.seq), change.seq).toBe(false);
    // The second page starts right after the first: asking from the first page's last change gives it again.
    const again = await sdk.changes({ client: client(), query: { limit: 2, since: first.data.changes!.at(-1)!.seq }, throwOnError: true });
    expect(again.data.changes!.map((change) => change.seq)).toEqual(second.data.changes!.map((change) => change.seq));
  });

  it('screens a batch with a POST body', async () => {
    const { data: hits } = await sdk.search({ client: client(), query: { type: 'enterprises', limit: 1 }, throwOnError: true });
    const name = hits.hits[0]!.title;
    const { data } = await sdk.screen({ client: client(), body: { queries: [{ key: 'seller-1', name }, { key: 'nobody', name: '并不存在的某某公司' }] }, throwOnError: true });
    const byKey = new Map(data.results!.map((result) => [result.key, result]));
    expect(byKey.get('seller-1')!.matches!.length).toBeGreaterThan(0);
    expect(byKey.get('nobody')!.matches ?? []).toEqual([]);
  });

  it('gives a 404 and a 400 as the portal’s error shape, in `error`, or thrown with throwOnError', async () => {
    const missing = await sdk.getRecord({ client: client(), path: { type: 'spot-checks', id: 'no-such-record' } });
    expect(missing.data).toBeUndefined();
    expect(missing.response?.status).toBe(404);
    const notFound: import('../../sdk/src/index.ts').PortalError = missing.error!;
    expect(notFound.error).toMatchObject({ code: 'NOT_FOUND', requestId: missing.response?.headers.get('x-request-id') });
    expect(notFound.error.message.length).toBeGreaterThan(0);

    const bad = await sdk.search({ client: client(), query: { limit: -5 } });
    expect(bad.response?.status).toBe(400);
    expect(bad.error!.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/limit/) });

    await expect(sdk.count({ client: client(), query: { type: 'spot-checks', field: 'no-such-field' as never }, throwOnError: true }))
      .rejects.toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/field/) } });
  });

  it('sends the API key as a bearer token: an unknown key is refused, not taken for anonymous use', async () => {
    const keyed = sdk.createPortalClient({ baseUrl: `${base}/`, apiKey: 'qp_not-a-real-key' });
    const { error, response } = await sdk.search({ client: keyed, query: { q: '电缆' } });
    expect(response?.status).toBe(401);
    expect(error).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('type-checks its usage example against the built package, where a wrong call is a type error', async () => {
    await fs.copyFile(path.join(ROOT, 'sdk/examples/usage.ts'), path.join(project, 'usage.ts'));
    const tsconfig = { compilerOptions: { ...USER_COMPILER_OPTIONS, noEmit: true }, files: ['usage.ts'] };
    await fs.writeFile(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const check = () => run(NODE, [TSC, '-p', path.join(project, 'tsconfig.json')], { cwd: project }).then(() => '', (failure: { stdout: string }) => failure.stdout || 'failed');
    expect(await check()).toBe('');
    // Without the @ts-expect-error marks the wrong calls are reported: the check can fail.
    const usage = await fs.readFile(path.join(project, 'usage.ts'), 'utf8');
    await fs.writeFile(path.join(project, 'usage.ts'), usage.replace(/\/\/ @ts-expect-error/g, '//'));
    expect(await check()).toMatch(/usage\.ts\(\d+,\d+\): error TS\d+/);
  }, 120_000);

  it('runs every SDK example of /developers, as printed, against this portal', async () => {
    await downloadsReady();
    const html = await (await fetch(`${base}/en/developers`, { headers: { 'cache-control': 'no-cache', authorization: `Bearer ${inject('adminToken')}` } })).text();
    const examples = new Map<string, string>();
    examples.set('first-steps', decode(/<pre[^>]*data-testid="sdk-usage"[^>]*>([\s\S]*?)<\/pre>/.exec(html)![1]!));
    for (const part of html.split('<details class="api-op"').slice(1)) {
      const code = /<pre[^>]*data-testid="typescript"[^>]*data-sdk="true"[^>]*>([\s\S]*?)<\/pre>/.exec(part)?.[1];
      if (code) examples.set(/data-operation="([^"]+)"/.exec(part)![1]!, decode(code));
    }
    expect(examples.size).toBeGreaterThan(8);
    const dir = path.join(project, 'page-examples');
    await fs.mkdir(dir, { recursive: true });
    for (const [id, code] of examples) await fs.writeFile(path.join(dir, `${id}.ts`), code);
    const tsconfig = { compilerOptions: { ...USER_COMPILER_OPTIONS, rootDir: 'page-examples', outDir: 'page-examples-out' }, include: ['page-examples'] };
    await fs.writeFile(path.join(project, 'tsconfig.page.json'), JSON.stringify(tsconfig));
    const compiled = await run(NODE, [TSC, '-p', 'tsconfig.page.json'], { cwd: project }).then(() => '', (failure: { stdout: string }) => failure.stdout || 'failed');
    expect(compiled).toBe('');
    const failed: string[] = [];
    for (const id of examples.keys()) {
      // throwOnError in the examples: an error answer ends the program with a non-zero exit.
      // A whole bulk CSV file is printed by the download example: room for it.
      const outcome = await run(NODE, [path.join(project, 'page-examples-out', `${id}.js`)], { cwd: project, maxBuffer: 256 * 1024 * 1024 }).then(
        ({ stdout }) => (stdout.trim().length > 0 ? '' : `${id}: printed nothing`),
        (failure: { message: string; stderr: string }) => `${id}: ${failure.message.slice(0, 300)} ${failure.stderr.slice(0, 500)}`,
      );
      if (outcome) failed.push(outcome);
    }
    expect(failed).toEqual([]);
  }, 180_000);
});
