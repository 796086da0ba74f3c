import type { APIRoute } from 'astro';
import { pagesSitemap, XML_CONTENT_TYPE } from '../../../api/services/sitemap.ts';

/** /sitemaps/pages.xml: the site's own pages and the campaigns, in both languages. */
export const GET: APIRoute = () =>
  new Response(pagesSitemap(), { headers: { 'content-type': XML_CONTENT_TYPE, 'cache-control': 'public, max-age=86400' } });
