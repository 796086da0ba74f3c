import type { APIRoute } from 'astro';
import { robotsTxt } from '../../api/services/sitemap.ts';

/** /robots.txt: crawl everything but the API; the sitemap index is named, at the public origin. */
export const GET: APIRoute = () =>
  new Response(robotsTxt(), { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=86400' } });
