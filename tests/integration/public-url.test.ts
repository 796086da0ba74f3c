import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Portal } from '../../api/portal.ts';
import { recordsSitemap, SITEMAP_MAX_BYTES, SITEMAP_MAX_URLS, SITEMAP_XMLNS, sitemapIndex, sitemapRanges } from '../../api/services/sitemap.ts';
import { connect, type DbHandle } from '../../db/client.ts';
import { VISIBLE_STATUSES } from '../../db/schema/index.ts';
import { freePort } from '../../runtime/ports.ts';
import { meiliClient } from '../../search/meili.ts';
import { RECORD_TYPES, typeNamed, type RecordType } from '../../types/registry.ts';
import { send } from '../hostile/send.ts';
import { startPortal, type PortalProcess } from '../setup/portal-process.ts';

/**
 * Absolute URLs come from PUBLIC_URL, else the listening address: the shared test portal has no
 * PUBLIC_URL and listens on 127.0.0.1, so its public origin is `base` itself; a second portal
 * below runs with PUBLIC_URL set. Whatever Host a client sends changes nothing.
 */
const base = inject('baseUrl');
const XHTML = 'http://www.w3.org/1999/xhtml';
const HOSTILE = 'evil.example';

let db: DbHandle;
beforeAll(() => void (db = connect(inject('databaseUrl'), { max: 2 })));
afterAll(() => db?.close());

const get = (origin: string, path: string, headers: Record<string, string> = {}) => send(origin, { path, headers });
const xml = (text: string) => parseDocument(text, { xmlMode: true });
type Node = Parameters<typeof DomUtils.getElementsByTagName>[1];
const elements = (node: Node, name: string) => DomUtils.getElementsByTagName(name, node, true);
const texts = (node: Node, name: string) => elements(node, name).map((e) => DomUtils.textContent(e));
/** The document element, which must be `name` in the sitemap namespace. */
function rootOf(text: string, name: string) {
  const doc = xml(text);
  const root = DomUtils.findOne(() => true, doc.children, false);
  expect(root?.name).toBe(name);
  expect(root?.attribs.xmlns).toBe(SITEMAP_XMLNS);
  return root!;
}

/** The ids of a type's visible records, from the database. */
async function visibleIds(type: RecordType): Promise<string[]> {
  const table = typeNamed(type).table;
  const rows = await db.db.select({ id: table.id }).from(table).where(sql`${table.status} in (${sql.join(VISIBLE_STATUSES.map((s) => sql`${s}`), sql`, `)})`);
  return rows.map((r) => r.id).sort();
}

/** `<link rel=canonical>` and the hreflang alternates of a page's head. */
function headLinks(html: string): Record<string, string> {
  const head = html.slice(0, html.indexOf('</head>'));
  const links: Record<string, string> = {};
  for (const [, attrs] of head.matchAll(/<link\b([^>]*)>/g)) {
    const a = Object.fromEntries([...attrs!.matchAll(/([a-z-]+)="([^"]*)"/g)].map(([, k, v]) => [k, v!.replaceAll('&amp;', '&')]));
    if (a.rel === 'canonical') links.canonical = a.href!;
    if (a.rel === 'alternate' && a.hreflang) links[a.hreflang] = a.href!;
  }
  return links;
}

/** A urlset file: each `<url>` with its loc, lastmod and hreflang alternates; the document's namespaces. */
function readUrlset(text: string) {
  const root = rootOf(text, 'urlset');
  expect(root.attribs['xmlns:xhtml']).toBe(XHTML);
  return elements(root, 'url').map((url) => ({
    loc: texts(url, 'loc')[0]!,
    lastmod: texts(url, 'lastmod')[0],
    alternates: Object.fromEntries(elements(url, 'xhtml:link').map((l) => [l.attribs.hreflang, l.attribs.href])),
  }));
}

function readIndex(text: string) {
  const root = rootOf(text, 'sitemapindex');
  return elements(root, 'sitemap').map((s) => ({ loc: texts(s, 'loc')[0]!, lastmod: texts(s, 'lastmod')[0] }));
}

/**
 * Every record URL of the sitemap of the portal at `server`, whose URLs start with `origin`, by
 * type (Chinese pages; each also has its /en/ twin), and the site pages.
 */
async function walkSitemap(server: string, origin = server, headers: Record<string, string> = {}) {
  const index = await get(server, '/sitemap.xml', headers);
  expect(index.status).toBe(200);
  expect(index.headers['content-type']).toBe('application/xml; charset=utf-8');
  const files = readIndex(index.body);
  const records = new Map<RecordType, string[]>(RECORD_TYPES.map((t) => [t, []]));
  const pages: string[] = [];
  for (const file of files) {
    expect(file.loc.startsWith(`${origin}/sitemaps/`), file.loc).toBe(true);
    const answer = await get(server, file.loc.slice(origin.length), headers);
    expect(answer.status, file.loc).toBe(200);
    expect(Buffer.byteLength(answer.body)).toBeLessThanOrEqual(SITEMAP_MAX_BYTES);
    const urls = readUrlset(answer.body);
    expect(urls.length).toBeLessThanOrEqual(SITEMAP_MAX_URLS);
    for (const url of urls) {
      const path = url.loc.slice(origin.length);
      expect(url.loc.startsWith(`${origin}/`), url.loc).toBe(true);
      const zh = path.replace(/^\/en(?=\/)/, '') || '/';
      expect(url.alternates).toEqual({ 'zh-CN': `${origin}${zh}`, en: `${origin}${zh === '/' ? '/en/' : `/en${zh}`}`, 'x-default': `${origin}${zh}` });
      const record = /^\/([a-z-]+)\/([^/]+)$/.exec(path);
      if (record && RECORD_TYPES.includes(record[1] as RecordType)) {
        expect(url.lastmod && Date.parse(url.lastmod) <= Date.parse(file.lastmod!), url.loc).toBe(true);
        records.get(record[1] as RecordType)!.push(decodeURIComponent(record[2]!));
      } else if (!path.startsWith('/en')) pages.push(path);
    }
  }
  return { files, records, pages };
}

describe('the sitemap index', () => {
  it('points to files that together list every visible record once per language, and the site pages; robots.txt names it', async () => {
    const { files, records, pages } = await walkSitemap(base);
    expect(files[0]!.loc).toBe(`${base}/sitemaps/pages.xml`);
    for (const type of RECORD_TYPES) {
      const ids = records.get(type)!;
      expect(ids.length, type).toBeGreaterThan(0);
      expect(new Set(ids).size, `${type}: no record twice`).toBe(ids.length);
      expect([...ids].sort(), type).toEqual(await visibleIds(type));
    }
    for (const page of ['/', '/search', '/stats', '/data', '/developers', '/campaigns', '/typical-cases']) expect(pages).toContain(page);
    expect(pages.some((p) => p.startsWith('/campaigns/'))).toBe(true);

    const robots = await get(base, '/robots.txt');
    expect(robots.body).toMatch(new RegExp(`^Sitemap: ${base}/sitemap\\.xml$`, 'm'));
  });

  it('cuts the records into id ranges read by key: small files still cover every record exactly once', async () => {
    const portal: Portal = { db, counters: db, meili: meiliClient({ url: 'http://127.0.0.1:9', masterKey: 'unused-unused-unused' }) };
    const perFile = 40;
    const origin = 'https://sitemap.test';
    const index = readIndex(await sitemapIndex(portal, { origin, perFile }));
    const ranges = await sitemapRanges(portal, perFile);
    expect(index.map((f) => f.loc).slice(1)).toEqual(ranges.map((r) => `${origin}/sitemaps/${r.type}.xml${r.from || r.to ? `?${new URLSearchParams({ ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) })}` : ''}`));
    for (const type of RECORD_TYPES) {
      const ofType = ranges.filter((r) => r.type === type);
      const ids = [];
      for (const [i, range] of ofType.entries()) {
        // The first range is open at the start, the last at the end; each starts where the one before ends.
        expect(range.from === undefined, `${type} #${i}`).toBe(i === 0);
        expect(range.to === undefined, `${type} #${i}`).toBe(i === ofType.length - 1);
        if (i > 0) expect(range.from).toBe(ofType[i - 1]!.to);
        const urls = readUrlset(await recordsSitemap(portal, range, origin));
        const records = urls.filter((u) => !u.loc.startsWith(`${origin}/en/`));
        expect(records.length).toBeLessThanOrEqual(perFile);
        if (i < ofType.length - 1) expect(records.length).toBe(perFile);
        ids.push(...records.map((u) => decodeURIComponent(u.loc.split('/').pop()!)));
      }
      expect(ids.sort(), type).toEqual(await visibleIds(type));
    }
  });

  it('refuses what is not a sitemap file', async () => {
    expect((await get(base, '/sitemaps/no-such-type.xml')).status).toBe(404);
    for (const query of ['?from=a&from=b', '?page=2', `?from=${'x'.repeat(400)}`, '?from=sc-%00']) {
      const answer = await get(base, `/sitemaps/${RECORD_TYPES[0]}.xml${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body).toContain('/sitemap.xml');
    }
  });
});

/** A record's page, a list page and an English page: their canonical and hreflang links. */
async function pagePaths(): Promise<string[]> {
  const [id] = await visibleIds('penalties');
  return ['/', `/penalties/${id}`, `/en/penalties/${id}`, '/en/search?q=x'];
}

/** What a client sees at `origin` for the things that print absolute URLs, sending `headers`. */
async function absoluteUrls(origin: string, headers: Record<string, string> = {}) {
  const out: Record<string, string> = {};
  for (const path of ['/feeds/all.xml', '/feeds/penalties.xml', '/sitemap.xml', '/sitemaps/pages.xml', '/robots.txt', '/export.csv?type=typical-cases']) {
    const answer = await get(origin, path, headers);
    expect(answer.status, path).toBe(200);
    out[path] = answer.body;
  }
  for (const path of await pagePaths()) {
    const answer = await get(origin, path, headers);
    expect(answer.status, path).toBe(200);
    out[path] = JSON.stringify(headLinks(answer.body));
  }
  const developers = await get(origin, '/developers', headers);
  expect(developers.status).toBe(200);
  out['/developers'] = [...developers.body.matchAll(/https?:\/\/[^\s"'<>&]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org')).join('\n');
  return out;
}

/** The feeds' ids and their links, parsed. */
function feedIds(text: string) {
  const doc = xml(text);
  return { ids: texts(doc, 'id'), links: elements(doc, 'link').map((l) => l.attribs.href!) };
}

describe('absolute URLs without PUBLIC_URL', () => {
  it('are the listening address in feeds, sitemap, robots.txt, canonical and hreflang links, the export and /developers', async () => {
    const seen = await absoluteUrls(base);
    for (const [path, body] of Object.entries(seen)) {
      const origins = [...body.matchAll(/https?:\/\/[A-Za-z0-9.-]+(:\d+)?/g)].map((m) => m[0])
        // Not the portal's: standards' namespaces, the licence, and a platform's own server in the webhook examples (example.com is reserved for documentation).
        .filter((o) => !/^https?:\/\/(www\.w3\.org|www\.sitemaps\.org|creativecommons\.org|[a-z.]+\.example\.com)$/.test(o));
      expect(origins.length, path).toBeGreaterThan(0);
      expect(new Set(origins), path).toEqual(new Set([base]));
    }
    const [id] = await visibleIds('penalties');
    expect(JSON.parse(seen[`/penalties/${id}`]!)).toEqual({
      canonical: `${base}/penalties/${id}`,
      'zh-CN': `${base}/penalties/${id}`,
      en: `${base}/en/penalties/${id}`,
      'x-default': `${base}/penalties/${id}`,
    });
    expect(JSON.parse(seen['/en/search?q=x']!).canonical).toBe(`${base}/en/search?q=x`);
    // Feed and entry ids are tag: URIs, not addresses.
    const feed = feedIds(seen['/feeds/all.xml']!);
    expect(feed.ids.length).toBeGreaterThan(1);
    for (const id of feed.ids) expect(id).toMatch(/^tag:quality-transparency-portal,2026:(feeds\/all|[a-z-]+\/[^/#]+#v\d+-[a-z]+)$/);
  });

  it('never come from the Host or X-Forwarded-Host a client sends, and a hostile Host is never a 5xx', async () => {
    const honest = await absoluteUrls(base);
    const forgeries: Record<string, string>[] = [{ host: HOSTILE }, { host: `${HOSTILE}:8443`, 'x-forwarded-host': HOSTILE, 'x-forwarded-proto': 'https' }];
    for (const headers of forgeries) {
      const forged = await absoluteUrls(base, headers);
      for (const path of Object.keys(honest)) {
        expect(forged[path], `${path} with ${JSON.stringify(headers)}`).not.toContain('evil');
        expect(forged[path], path).toBe(honest[path]);
      }
    }
    for (const host of ['[::1', 'a'.repeat(4000), 'evil.example:99999', 'evil.example/../x', '"><script>alert(1)</script>', '', 'user@evil.example']) {
      for (const path of ['/', '/feeds/all.xml', '/sitemap.xml', '/robots.txt', '/export.csv?type=typical-cases', '/api/v1/search?q=x']) {
        const answer = await get(base, path, { host });
        expect(answer.status, `${path} with Host ${host.slice(0, 40)}`).toBeLessThan(500);
        expect(answer.body).not.toContain('evil.example');
        expect(answer.body).not.toContain('<script>alert');
      }
    }
  });

  it('leave the OpenAPI servers entry relative, so the document works wherever it was fetched from', async () => {
    const doc = JSON.parse((await get(base, '/api/v1/openapi.json', { host: HOSTILE })).body);
    expect(doc.servers.map((s: { url: string }) => s.url)).toEqual(['/api/v1']);
  });
});

describe('absolute URLs with PUBLIC_URL', () => {
  const PUBLIC = 'https://Portal.Example.org/';
  const origin = 'https://portal.example.org';
  let portal: PortalProcess;
  let listening: string;
  beforeAll(async () => {
    portal = startPortal({
      DATA_DIR: path.join(inject('tmpDir'), 'public-url'),
      DATABASE_URL: inject('databaseUrl'),
      MEILI_URL: inject('meiliUrl'),
      MEILI_MASTER_KEY: inject('meiliKey'),
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      PUBLIC_URL: PUBLIC,
    });
    listening = await portal.ready;
  });
  afterAll(async () => {
    await portal?.stop();
  });

  it('prints the normalised PUBLIC_URL everywhere, whatever Host is sent; feed and entry ids do not change', async () => {
    expect(portal.output()).toContain(`Portal ready on ${listening} (public address ${origin})`);
    const seen = await absoluteUrls(listening, { host: HOSTILE });
    for (const [path, body] of Object.entries(seen)) {
      expect(body, path).not.toContain('evil');
      expect(body, path).not.toContain(listening);
      expect(body, path).toContain(`${origin}/`);
    }
    const [id] = await visibleIds('penalties');
    expect(JSON.parse(seen[`/en/penalties/${id}`]!)).toMatchObject({ canonical: `${origin}/en/penalties/${id}`, 'zh-CN': `${origin}/penalties/${id}` });
    expect(seen['/robots.txt']).toContain(`Sitemap: ${origin}/sitemap.xml`);
    expect(seen['/developers']).toContain(`${origin}/api/v1/`);

    const here = feedIds(seen['/feeds/all.xml']!);
    const there = feedIds((await get(base, '/feeds/all.xml')).body);
    expect(here.ids).toEqual(there.ids);
    expect(here.links.every((l) => l.startsWith(`${origin}/`))).toBe(true);
    expect(there.links.every((l) => l.startsWith(`${base}/`))).toBe(true);

    const { records } = await walkSitemap(listening, origin, { host: HOSTILE });
    for (const type of RECORD_TYPES) expect(records.get(type)!.length, type).toBe((await visibleIds(type)).length);
  });

  it('is the OpenAPI document’s server, whatever Host is sent', async () => {
    const doc = JSON.parse((await get(listening, '/api/v1/openapi.json', { host: HOSTILE })).body);
    expect(doc.servers.map((s: { url: string }) => s.url)).toEqual([`${origin}/api/v1`]);
  });
});
