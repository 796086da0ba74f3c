import type { APIRoute } from 'astro';
import { getPortal } from '../../api/portal.ts';
import { buildSitemap } from '../../api/services/sitemap.ts';

/** /sitemap.xml: site pages, campaigns, typical cases and the newest records, in both languages. */
export const GET: APIRoute = async ({ url }) =>
  new Response(await buildSitemap(getPortal(), url.origin), {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
