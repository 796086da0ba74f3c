import { describe, expect, inject, it } from 'vitest';
import { printJson, printText } from '../../site/lib/api-examples/trim.ts';

/**
 * /developers shows, for every public operation of the OpenAPI document, a curl request against
 * this portal and the portal's real answer to it: fetching that curl URL gives the same JSON
 * (trimmed the same way). Both languages.
 */
const base = inject('baseUrl');
const FRESH = { 'cache-control': 'no-cache', authorization: `Bearer ${inject('adminToken')}` };

interface Shown {
  id: string;
  status: number;
  summary: string;
  curl: string;
  typescript: string;
  /** Whether the TypeScript example uses the SDK (the document's operations) or fetch. */
  sdk: boolean;
  python: string;
  response: string;
}

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The operations on the page, freshly rendered (Cache-Control: no-cache with a credential skips the page caches; an anonymous one would not). */
async function shown(prefix: '' | '/en'): Promise<Shown[]> {
  const response = await fetch(`${base}${prefix}/developers`, { headers: FRESH });
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).not.toContain('data-testid="missing-examples"');
  return html.split('<details class="api-op"').slice(1).map((part) => {
    const pre = (testid: string) => decode(new RegExp(`<pre[^>]*data-testid="${testid}"[^>]*>([\\s\\S]*?)</pre>`).exec(part)?.[1] ?? '');
    return {
      id: /data-operation="([^"]+)"/.exec(part)![1]!,
      status: Number(/data-status="(\d+)"/.exec(part)![1]),
      summary: decode(/<summary>([\s\S]*?)<\/summary>/.exec(part)![1]!),
      curl: pre('curl'),
      typescript: pre('typescript'),
      sdk: /data-testid="typescript"[^>]*data-sdk="true"/.test(part),
      python: pre('python'),
      response: pre('response'),
    };
  });
}

/** Runs a curl command as the page prints it: its URL, -X method and -d body. */
async function runCurl(command: string): Promise<Response> {
  const unquote = (text: string) => text.replace(/'\\''/g, "'");
  const url = unquote(/^curl (?:-X \w+ )?'((?:[^']|'\\'')*)'/.exec(command)![1]!);
  const method = /^curl -X (\w+)/.exec(command)?.[1] ?? 'GET';
  const data = /-d '((?:[^']|'\\'')*)'/.exec(command)?.[1];
  const headers: Record<string, string> = data ? { 'content-type': 'application/json' } : {};
  return fetch(url, { method, headers, body: data === undefined ? undefined : unquote(data) });
}

async function answerOf(command: string): Promise<{ status: number; text: string }> {
  const response = await runCurl(command);
  const json = /^application\/json\b/.test(response.headers.get('content-type') ?? '');
  return { status: response.status, text: json ? printJson(await response.json()) : printText(await response.text()) };
}

/** The one value of an answer that is a measurement, not data: how long screening took. */
/** Measured times differ from one fetch to the next: the search's took_ms, health's per-dependency latencyMs. */
const steady = (text: string) => text.replace(/"(took_ms|latencyMs)": \d+/g, '"$1": 0');

/** The public operations the live OpenAPI document lists (admin ones need a token, watchlist ones a key). */
async function documentedOperations(): Promise<string[]> {
  const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string; tags?: string[] }>> };
  // Admin operations need a token; the watchlist ones act on a key's own lists and have their own section.
  return Object.values(doc.paths).flatMap((item) => Object.values(item).filter((op) => !op.tags?.includes('admin') && !op.tags?.includes('watchlists')).map((op) => op.operationId));
}

/** The bulk downloads are written shortly after the portal starts; the examples include them. */
async function downloadsReady(): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if ((await fetch(`${base}/api/v1/downloads`)).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the bulk downloads were never ready');
}

describe('/developers', () => {
  it.each(['', '/en'] as const)('%s/developers has every public operation with a curl request on this portal, described in the page language', async (prefix) => {
    await downloadsReady();
    const ops = await shown(prefix);
    const ids = ops.map((op) => op.id);
    for (const id of await documentedOperations()) expect(ids, id).toContain(id);
    // The SDK, how to install it from the repository's sdk/ folder, and a first call.
    const html = await (await fetch(`${base}${prefix}/developers`)).text();
    expect(html).toContain('id="sdk"');
    expect(decode(/data-testid="sdk-install"[^>]*>([\s\S]*?)<\/pre>/.exec(html)![1]!)).toMatch(/cd sdk\nnpm install && npm pack/);
    expect(decode(/data-testid="sdk-usage"[^>]*>([\s\S]*?)<\/pre>/.exec(html)![1]!)).toContain(`baseUrl: '${base}',`);
    expect(ids).toEqual(expect.arrayContaining(['health', 'openapi']));
    const documented = await documentedOperations();
    for (const op of ops) {
      // TypeScript: the SDK's function named by the operationId for the document's operations, fetch for the others.
      expect(op.sdk, op.id).toBe(documented.includes(op.id));
      if (op.sdk) {
        expect(op.typescript, op.id).toContain(`import { createPortalClient, ${op.id} } from '@quality-portal/sdk';`);
        expect(op.typescript, op.id).toContain(`createPortalClient({ baseUrl: '${base}' })`);
        expect(op.typescript, op.id).toContain(`await ${op.id}({`);
      } else {
        expect(op.typescript, op.id).toMatch(/await fetch\(url\)/);
      }
      expect(op.python, op.id).toMatch(/^import requests\n/);
      expect(op.python, op.id).toContain(`requests.${/^curl -X POST/.test(op.curl) ? 'post' : 'get'}(`);
      expect(op.curl, op.id).toMatch(new RegExp(`^curl (-X POST )?'${base.replace(/[.]/g, '\\.')}/api/`));
      expect(op.status, `${op.id}: ${op.response}`).toBe(200);
      expect(op.response.length, op.id).toBeGreaterThan(0);
      // The line that says what it is for: Chinese on /developers, English on /en/developers.
      const description = op.summary.replace(/^\s*(GET|POST) \S+/, '');
      if (prefix === '') expect(description, op.id).toMatch(/[\u4e00-\u9fff]/);
      else expect(description, op.id).not.toMatch(/[\u4e00-\u9fff]/);
    }
    // The watchlist operations, each with a keyed request and the document's example, and how to verify a delivery.
    expect(html).toContain('id="watchlists"');
    expect(html).not.toContain('data-testid="missing-keyed-examples"');
    const keyed = [...html.matchAll(/data-keyed-operation="([^"]+)"/g)].map((m) => m[1]);
    const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string; tags?: string[] }>> };
    const watchlistOps = Object.values(doc.paths).flatMap((item) => Object.values(item).filter((op) => op.tags?.includes('watchlists')).map((op) => op.operationId));
    expect(watchlistOps.length).toBeGreaterThan(5);
    expect(keyed.sort()).toEqual(watchlistOps.sort());
    expect(decode(/data-testid="webhook-verify-typescript"[^>]*>([\s\S]*?)<\/pre>/.exec(html)![1]!)).toContain('createHmac');
    expect(decode(/data-testid="webhook-verify-python"[^>]*>([\s\S]*?)<\/pre>/.exec(html)![1]!)).toContain('hmac.compare_digest');
    // Real parameters: a record, an enterprise and a search that the portal answers with data.
    const search = JSON.parse(ops.find((op) => op.id === 'search')!.response) as { hits: unknown[]; answer?: unknown };
    expect(search.hits.length).toBeGreaterThan(0);
    const screen = JSON.parse(ops.find((op) => op.id === 'screen')!.response) as { results: { matches: unknown[] }[] };
    expect(screen.results[0]!.matches.length).toBeGreaterThan(0);
  });

  it.each(['', '/en'] as const)('%s/developers shows the answer that fetching each curl URL gives', async (prefix) => {
    await downloadsReady();
    // The bulk files are rebuilt in the background a while after a change (other test files make
    // some): a page made just before a rebuild is taken again rather than failing.
    let mismatches: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      mismatches = [];
      for (const op of await shown(prefix)) {
        const live = await answerOf(op.curl);
        if (live.status !== op.status || steady(live.text) !== steady(op.response)) mismatches.push(`${op.id}:\n${op.response}\n---- live ${live.status}:\n${live.text}`);
      }
      if (mismatches.length === 0) break;
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
