import { asc, desc } from 'drizzle-orm';
import { TYPES } from '../../types/registry.ts';
import { isVisible } from '../../db/schema/index.ts';
import { campaigns } from '../../core/taxonomy.ts';
import type { Portal } from '../portal.ts';
import { xmlEscape } from './feeds.ts';

/** Record pages per type in the sitemap: 4 types × 5,000 × 2 languages stays under 50,000 URLs. */
export const SITEMAP_RECORDS_PER_TYPE = 5000;
export const SITEMAP_MAX_URLS = 50_000;
/** Site pages every sitemap lists, before campaigns and records. */
export const SITEMAP_PAGES = ['/', '/search', '/stats', '/data', '/campaigns', ...TYPES.flatMap((t) => (t.nav.path.startsWith('/search') ? [] : [t.nav.path]))];

/** A site path in both languages: Chinese at the path itself, English under /en/. */
const languages = (path: string) => ({ zh: path, en: path === '/' ? '/en/' : `/en${path}` });

interface SitemapPath {
  path: string;
  lastmod?: Date;
}

/** Every path the sitemap lists (in Chinese; each gets its English twin). */
export async function sitemapPaths({ db }: Portal): Promise<SitemapPath[]> {
  const paths: SitemapPath[] = SITEMAP_PAGES.map((path) => ({ path }));
  paths.push(...campaigns.map((c) => ({ path: `/campaigns/${encodeURIComponent(c.slug)}` })));
  // The types listed in full first (typical cases: few and much cited), then the newest records of each other type.
  const types = [...TYPES.filter((t) => t.sitemapAll), ...TYPES.filter((t) => !t.sitemapAll)];
  for (const { name: type, table } of types) {
    const rows = await db.db
      .select({ id: table.id, updatedAt: table.updatedAt })
      .from(table)
      .where(isVisible(table.status))
      .orderBy(desc(table.publishedAt), asc(table.id))
      .limit(SITEMAP_RECORDS_PER_TYPE);
    paths.push(...rows.map((r) => ({ path: `/${type}/${encodeURIComponent(r.id)}`, lastmod: r.updatedAt })));
  }
  return paths.slice(0, Math.floor(SITEMAP_MAX_URLS / 2));
}

let cached: { key: string; at: number; xml: string } | undefined;
const CACHE_MS = 5 * 60_000;

/**
 * sitemap.xml: each page once per language, each `<url>` naming both language versions with
 * xhtml:link alternates (hreflang). Cached for five minutes: it lists tens of thousands of URLs.
 */
export async function buildSitemap(portal: Portal, origin: string): Promise<string> {
  if (cached && cached.key === origin && Date.now() - cached.at < CACHE_MS) return cached.xml;
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  ];
  for (const { path, lastmod } of await sitemapPaths(portal)) {
    const urls = languages(path);
    const alternates = [
      `<xhtml:link rel="alternate" hreflang="zh-CN" href="${xmlEscape(origin + urls.zh)}"/>`,
      `<xhtml:link rel="alternate" hreflang="en" href="${xmlEscape(origin + urls.en)}"/>`,
      `<xhtml:link rel="alternate" hreflang="x-default" href="${xmlEscape(origin + urls.zh)}"/>`,
    ].join('');
    const mod = lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : '';
    for (const url of [urls.zh, urls.en]) out.push(`<url><loc>${xmlEscape(origin + url)}</loc>${mod}${alternates}</url>`);
  }
  out.push('</urlset>', '');
  const xml = out.join('\n');
  cached = { key: origin, at: Date.now(), xml };
  return xml;
}

/** robots.txt: everything may be crawled except the API; the sitemap is named. */
export function robotsTxt(origin: string): string {
  return ['User-agent: *', 'Allow: /', 'Disallow: /api/', '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
}
