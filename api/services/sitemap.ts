import { and, asc, gte, lt, sql, type SQL } from 'drizzle-orm';
import { RECORD_TYPES, TYPES, typeNamed, type RecordType } from '../../types/registry.ts';
import { isVisible } from '../../db/schema/index.ts';
import { campaigns } from '../../core/taxonomy.ts';
import { publicOrigin } from '../../core/public-url.ts';
import type { Portal } from '../portal.ts';
import { changedAtSql, xmlEscape } from './feeds.ts';

/**
 * The sitemap is an index (`/sitemap.xml`) of sitemap files: `/sitemaps/pages.xml` (site pages
 * and campaigns) and, per record type, files of its visible records in id order, each file a
 * range of ids `[from, to)`. The index cuts the ids into ranges of SITEMAP_RECORDS_PER_FILE; a
 * file reads its range by the primary key (keyset), so no request walks past records it does not
 * list, however many there are. Ranges partition the ids, so a crawler that reads the files hours
 * after the index still sees every record once: records added since only make a file longer,
 * up to SITEMAP_RECORDS_CAP.
 *
 * Each record is listed in both languages (its Chinese page and its English page under /en/),
 * each `<url>` naming both versions with xhtml:link alternates (hreflang).
 */
export const SITEMAP_RECORDS_PER_FILE = 5_000;
/**
 * At most this many records in one file: 20,000 URLs, under the protocol's 50,000. With a
 * 200-character origin and 160-character paths a URL with its alternates is under 1,300 bytes,
 * so a file stays under 26 MB (the protocol allows 50 MB); SITEMAP_MAX_BYTES guards it anyway.
 */
export const SITEMAP_RECORDS_CAP = 10_000;
export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;
export const SITEMAP_XMLNS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

/** Site pages the sitemap lists, before campaigns and records. */
export const SITEMAP_PAGES = ['/', '/search', '/stats', '/data', '/data/dictionary', '/developers', '/campaigns', ...TYPES.flatMap((t) => (t.nav.path.startsWith('/search') ? [] : [t.nav.path]))];

/** A site path in both languages: Chinese at the path itself, English under /en/. */
const languages = (path: string) => ({ zh: path, en: path === '/' ? '/en/' : `/en${path}` });

/** One `<url>` per language of `path`, each naming both (hreflang), with its lastmod. */
function urlEntries(origin: string, path: string, lastmod?: Date): string[] {
  const urls = languages(path);
  const alternates = [
    `<xhtml:link rel="alternate" hreflang="zh-CN" href="${xmlEscape(origin + urls.zh)}"/>`,
    `<xhtml:link rel="alternate" hreflang="en" href="${xmlEscape(origin + urls.en)}"/>`,
    `<xhtml:link rel="alternate" hreflang="x-default" href="${xmlEscape(origin + urls.zh)}"/>`,
  ].join('');
  const mod = lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : '';
  return [urls.zh, urls.en].map((url) => `<url><loc>${xmlEscape(origin + url)}</loc>${mod}${alternates}</url>`);
}

const URLSET_HEAD = ['<?xml version="1.0" encoding="utf-8"?>', `<urlset xmlns="${SITEMAP_XMLNS}" xmlns:xhtml="http://www.w3.org/1999/xhtml">`];
const URLSET_TAIL = ['</urlset>', ''];

/** `/sitemaps/pages.xml`: the site's own pages and the campaigns, in both languages. */
export function pagesSitemap(origin: string = publicOrigin()): string {
  const paths = [...SITEMAP_PAGES, ...campaigns.map((c) => `/campaigns/${encodeURIComponent(c.slug)}`)];
  return [...URLSET_HEAD, ...paths.flatMap((path) => urlEntries(origin, path)), ...URLSET_TAIL].join('\n');
}

/** One record file of the index: a type's ids from `from` (inclusive) to `to` (exclusive); open ends unset. */
export interface SitemapRange {
  type: RecordType;
  from?: string;
  to?: string;
}

/** Where a range's file is: `/sitemaps/{type}.xml?from=…&to=…`. */
export function sitemapFilePath({ type, from, to }: SitemapRange): string {
  const query = new URLSearchParams();
  if (from !== undefined) query.set('from', from);
  if (to !== undefined) query.set('to', to);
  return `/sitemaps/${type}.xml${query.size ? `?${query}` : ''}`;
}

/** Seconds since the epoch, as PostgreSQL's `extract(epoch …)` gives them (the driver leaves timestamps as text). */
const fromEpoch = (seconds: number | string) => new Date(Math.round(Number(seconds) * 1000));

interface IndexedRange extends SitemapRange {
  lastmod: Date;
}

/**
 * A type's visible records cut into ranges of `perFile` ids: one pass over the table, numbering
 * the rows in id order; each range starts at its first id and ends where the next one starts.
 */
async function rangesOf({ db }: Portal, type: RecordType, perFile: number): Promise<IndexedRange[]> {
  const { table } = typeNamed(type);
  if (!Number.isSafeInteger(perFile) || perFile < 1) throw new RangeError(`records per sitemap file must be a positive whole number, not ${perFile}`);
  const rows = await db.db.execute<{ first: string; lastmod: number }>(sql`
    select min(id) as first, extract(epoch from max(changed_at))::float8 as lastmod
    from (
      select ${table.id} as id, ${changedAtSql(type)} as changed_at, (row_number() over (order by ${table.id}) - 1) / ${sql.raw(String(perFile))} as bucket
      from ${table} where ${isVisible(table.status)}
    ) numbered
    group by bucket order by bucket`);
  return rows.map((row, i) => ({
    type,
    // The first range starts at the beginning and the last runs to the end, so no id falls outside.
    from: i === 0 ? undefined : row.first,
    to: rows[i + 1]?.first,
    lastmod: fromEpoch(row.lastmod),
  }));
}

let cached: { at: number; perFile: number; ranges: IndexedRange[] } | undefined;
const CACHE_MS = 5 * 60_000;

/** Every record file of the index, by type (kept for five minutes: finding the ranges reads every row). */
export async function sitemapRanges(portal: Portal, perFile = SITEMAP_RECORDS_PER_FILE): Promise<IndexedRange[]> {
  if (cached && cached.perFile === perFile && Date.now() - cached.at < CACHE_MS) return cached.ranges;
  const ranges: IndexedRange[] = [];
  for (const type of RECORD_TYPES) ranges.push(...(await rangesOf(portal, type, perFile)));
  cached = { at: Date.now(), perFile, ranges };
  return ranges;
}

/** `/sitemap.xml`: the sitemap index — the pages' file, then each record file with its newest change. */
export async function sitemapIndex(portal: Portal, { origin = publicOrigin(), perFile = SITEMAP_RECORDS_PER_FILE } = {}): Promise<string> {
  const entry = (path: string, lastmod?: Date) =>
    `<sitemap><loc>${xmlEscape(origin + path)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ''}</sitemap>`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<sitemapindex xmlns="${SITEMAP_XMLNS}">`,
    entry('/sitemaps/pages.xml'),
    ...(await sitemapRanges(portal, perFile)).map((range) => entry(sitemapFilePath(range), range.lastmod)),
    '</sitemapindex>',
    '',
  ].join('\n');
}

/** A record file: the type's visible records with ids in `[from, to)`, in id order, with their last change. */
export async function recordsSitemap({ db }: Portal, { type, from, to }: SitemapRange, origin: string = publicOrigin()): Promise<string> {
  const { table } = typeNamed(type);
  const where: SQL[] = [isVisible(table.status)];
  if (from !== undefined) where.push(gte(table.id, from));
  if (to !== undefined) where.push(lt(table.id, to));
  const rows = await db.db
    .select({ id: table.id, changedAt: sql<number>`extract(epoch from ${changedAtSql(type)})::float8`.mapWith(Number) })
    .from(table)
    .where(and(...where))
    .orderBy(asc(table.id))
    .limit(SITEMAP_RECORDS_CAP);
  const out = [...URLSET_HEAD];
  let bytes = out.join('\n').length + URLSET_TAIL.join('\n').length;
  for (const row of rows) {
    const entries = urlEntries(origin, `/${type}/${encodeURIComponent(row.id)}`, fromEpoch(row.changedAt));
    // Every character is ASCII (ids and paths percent-encoded, the origin in punycode): length is bytes.
    bytes += entries.reduce((n, e) => n + e.length + 1, 0);
    if (bytes > SITEMAP_MAX_BYTES) break;
    out.push(...entries);
  }
  return [...out, ...URLSET_TAIL].join('\n');
}

/** robots.txt: everything may be crawled except the API; the sitemap index is named. */
export function robotsTxt(origin: string = publicOrigin()): string {
  return ['User-agent: *', 'Allow: /', 'Disallow: /api/', '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
}
