import type { APIRoute } from 'astro';
import { getPortal } from '../../api/portal.ts';
import { onReplica } from '../../api/read-routing.ts';
import { sitemapIndex, XML_CONTENT_TYPE } from '../../api/services/sitemap.ts';

/** /sitemap.xml: the sitemap index — the site pages' file and the files of every visible record (api/services/sitemap.ts). */
export const GET: APIRoute = async () =>
  new Response(await onReplica(getPortal(), (portal) => sitemapIndex(portal)), { headers: { 'content-type': XML_CONTENT_TYPE, 'cache-control': 'public, max-age=3600' } });
