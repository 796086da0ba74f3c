import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { defineMiddleware } from 'astro:middleware';
import { splitLocale } from './lib/i18n.ts';
import { SECURITY_HEADERS } from '../core/security-headers.mjs';
import { TYPE_PATTERN } from '../types/registry.ts';
import { isDoublyEncodedLocalePath } from './lib/hostile-path.ts';
import { badAddress, isDataFile, MALFORMED_URL_HEADER } from './lib/bad-address.ts';
import { apiNotFound, refuseWrongMethod } from './lib/wrong-method.ts';
import { cachedOrRendering, cacheKey, keepEncoding, keepPage, type CachedPage } from './lib/page-cache.ts';

/** A record's or an enterprise's permalink. */
const PERMALINK = new RegExp(`^/(${TYPE_PATTERN}|enterprises)/[^/]+$`);

/** How long browsers and caches may keep a response: permalinks longer than listings. */
function cacheControlFor(path: string): string {
  if (path.startsWith('/api/health') || path.startsWith('/api/v1/admin') || path.startsWith('/api/trpc')) return 'no-store';
  // A key's own watchlists and delivery log: never kept by a shared cache, never stale after a change.
  if (path.startsWith('/api/v1/watchlists')) return 'no-store';
  if (PERMALINK.test(path)) {
    return 'public, max-age=300, stale-while-revalidate=600';
  }
  return 'public, max-age=60, stale-while-revalidate=300';
}

/**
 * A GET that succeeded gets Cache-Control and an ETag from its body, and a request that already
 * holds that version gets 304 Not Modified without the body. Pages are also kept for a few
 * seconds (lib/page-cache.ts) under `cacheKey`.
 */
async function withCaching(request: Request, path: string, response: Response, cacheKey?: string): Promise<Response> {
  // Streamed files (bulk downloads) bring their own ETag and are never buffered here.
  if (request.method !== 'GET' || response.status !== 200 || response.headers.has('etag')) return response;
  const headers = new Headers(response.headers);
  if (!headers.has('cache-control')) headers.set('cache-control', cacheControlFor(path));
  if (headers.get('cache-control') === 'no-store') return new Response(response.body, { status: 200, headers });
  const body = new Uint8Array(await response.arrayBuffer());
  headers.set('etag', `W/"${createHash('sha1').update(body).digest('base64url')}"`);
  const page = cacheKey ? keepPage(cacheKey, { status: 200, headers: [...headers], body }) : undefined;
  return fromBuffer(request, headers, body, page);
}

/** 304 when the client holds this version, else the body, compressed when it helps. */
function fromBuffer(request: Request, headers: Headers, body: Uint8Array<ArrayBuffer>, page?: CachedPage): Response {
  if (request.headers.get('if-none-match') === headers.get('etag')) return new Response(null, { status: 304, headers });
  return compressed(request, headers, body, page);
}

const COMPRESSIBLE = /^(text\/|application\/(json|xml|atom\+xml|javascript))|\+xml/;

/** Text responses over 1 KiB go out as Brotli or gzip when the client accepts it (once per cached page). */
function compressed(request: Request, headers: Headers, body: Uint8Array<ArrayBuffer>, page?: CachedPage): Response {
  const accepts = request.headers.get('accept-encoding') ?? '';
  if (body.length < 1024 || !COMPRESSIBLE.test(headers.get('content-type') ?? '') || headers.has('content-encoding')) {
    return new Response(body, { status: 200, headers });
  }
  headers.append('vary', 'Accept-Encoding');
  const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : undefined;
  if (!encoding) return new Response(body, { status: 200, headers });
  let encoded = page?.encoded.get(encoding);
  if (!encoded) {
    encoded = encoding === 'br'
      ? new Uint8Array(brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } }))
      : new Uint8Array(gzipSync(body, { level: 6 }));
    if (page) keepEncoding(page, encoding, encoded);
  }
  headers.set('content-encoding', encoding);
  return new Response(encoded, { status: 200, headers });
}

/**
 * English pages are the Chinese page files rendered with `locals.lang = 'en'`: /en/search is
 * served by pages/search.astro. Every response gets the security headers.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const { lang, path } = splitLocale(context.url.pathname);
  context.locals.lang = lang;
  if (context.request.headers.has(MALFORMED_URL_HEADER) || isDoublyEncodedLocalePath(context.url)) {
    return withSecurityHeaders(await badAddress(context.request, path, context.clientAddress, () => next('/400')));
  }
  const wrongMethod = await refuseWrongMethod(context.request, path, () => next('/405'));
  if (wrongMethod) return withSecurityHeaders(wrongMethod);
  // Data files (.json, .csv, .xml, .txt) are the same in every language: send /en/… to the one URL.
  if (lang === 'en' && isDataFile(path)) {
    return new Response(null, { status: 308, headers: { location: `${path}${context.url.search}`, ...SECURITY_HEADERS } });
  }
  const key = cacheKey(context.request, context.url);
  const render = async () => withCaching(context.request, path, lang === 'en' && !path.startsWith('/api/') ? await next(`${path}${context.url.search}`) : await next(), key);
  const result = key ? await cachedOrRendering(key, render) : await render();
  return withSecurityHeaders(result instanceof Response ? apiNotFound(path, result) : fromBuffer(context.request, new Headers(result.headers), result.body, result));
});

function withSecurityHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
}
