import { createHash } from 'node:crypto';
import { defineMiddleware } from 'astro:middleware';
import { splitLocale } from './lib/i18n.ts';

/** Security headers on every response. Scripts and styles only from this origin. */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** How long browsers and caches may keep a response: permalinks longer than listings. */
function cacheControlFor(path: string): string {
  if (path.startsWith('/api/health') || path.startsWith('/api/v1/admin') || path.startsWith('/api/trpc')) return 'no-store';
  if (/^\/(spot-checks|penalties|license-revocations|typical-cases|enterprises)\/[^/]+$/.test(path)) {
    return 'public, max-age=300, stale-while-revalidate=600';
  }
  return 'public, max-age=60, stale-while-revalidate=300';
}

/**
 * A GET that succeeded gets Cache-Control and an ETag from its body, and a request that already
 * holds that version gets 304 Not Modified without the body.
 */
async function withCaching(request: Request, path: string, response: Response): Promise<Response> {
  if (request.method !== 'GET' || response.status !== 200) return response;
  const headers = new Headers(response.headers);
  if (!headers.has('cache-control')) headers.set('cache-control', cacheControlFor(path));
  if (headers.get('cache-control') === 'no-store') return new Response(response.body, { status: 200, headers });
  const body = new Uint8Array(await response.arrayBuffer());
  const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
  headers.set('etag', etag);
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}

/**
 * English pages are the Chinese page files rendered with `locals.lang = 'en'`: /en/search is
 * served by pages/search.astro. Every response gets the security headers.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const { lang, path } = splitLocale(context.url.pathname);
  context.locals.lang = lang;
  // Data files (.json, .csv, .xml, .txt) are the same in every language: send /en/… to the one URL.
  if (lang === 'en' && /\.(json|csv|xml|txt)$/.test(path)) {
    return new Response(null, { status: 308, headers: { location: `${path}${context.url.search}`, ...SECURITY_HEADERS } });
  }
  const rendered = lang === 'en' && !path.startsWith('/api/') ? await next(`${path}${context.url.search}`) : await next();
  const response = await withCaching(context.request, path, rendered);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
});
