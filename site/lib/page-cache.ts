import { changesHeard, onPortalChange } from '../../api/change-watch.ts';
import { isAdminRequest } from '../../api/admin-auth.ts';
import { asksForFreshAnswer } from '../../api/access/keys.ts';

/**
 * A short-lived cache of rendered pages (search results, record pages, enterprise profiles) in
 * this process. Every page already tells browsers and shared caches it may be kept for 60 s
 * (Cache-Control), so keeping it here for FRESH_MS is no staler than what any proxy in front may
 * do; it turns a burst of the same search into one render, and any change to the data empties it
 * (api/change-watch.ts). Pages only: API routes count every
 * request against a rate limit and are never cached here. Bounded by entries and bytes; oldest
 * first out.
 */
const FRESH_MS = 10_000;
const STALE_MS = 30_000;
const MAX_ENTRIES = 2_000;
const MAX_BYTES = 64 * 1024 * 1024;

export interface CachedPage {
  at: number;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  /** Compressed bodies, made on first request for each encoding. */
  encoded: Map<string, Uint8Array<ArrayBuffer>>;
}

const pages = new Map<string, CachedPage>();
let bytes = 0;

/** Drops every page: published data or the search index changed (api/change-watch.ts). */
export function clearPages(): void {
  pages.clear();
  bytes = 0;
}
onPortalChange(clearPages);

/** Only HTML pages of the site, read without credentials. */
export function cacheKey(request: Request, url: URL): string | undefined {
  if (!changesHeard()) return undefined;
  // Pages are the same for everyone, so whatever a client sends it gets the kept page; only an
  // admin token with `Cache-Control: no-cache` asks for one rendered now (what /developers shows is
  // compared with live answers). Pages are not rate-limited, so neither an anonymous no-cache nor any
  // Authorization header a client makes up may cost a render.
  if (request.method !== 'GET') return undefined;
  const admin = isAdminRequest(request);
  if (admin && asksForFreshAnswer(request, admin)) return undefined;
  if (url.pathname.startsWith('/api/') || /\.[a-z0-9]+$/i.test(url.pathname)) return undefined;
  // Not the origin: pages print absolute links from the configured public origin only
  // (core/public-url.ts), so every Host a client sends gets the same page.
  return `${url.pathname}${url.search}`;
}

const rendering = new Map<string, Promise<Response>>();

/**
 * The cached page; or, when another request is already rendering this page, that page once it is
 * done, so a burst of the same new search costs one render, not one per request; or else this
 * request's own rendering (`render` stores the page through keepPage when it can be kept).
 */
export async function cachedOrRendering(key: string, render: () => Promise<Response>): Promise<CachedPage | Response> {
  const page = pages.get(key);
  if (page && Date.now() - page.at <= FRESH_MS) return page;
  const pending = rendering.get(key);
  // While one request renders a fresh copy, the others get the previous one (within STALE_MS).
  if (pending && page && Date.now() - page.at <= STALE_MS) return page;
  if (pending) {
    await pending.catch(() => {});
    const rendered = pages.get(key);
    if (rendered) return rendered;
  }
  const done = render().finally(() => rendering.delete(key));
  if (!pending) rendering.set(key, done);
  return done;
}

export function keepPage(key: string, page: Omit<CachedPage, 'at' | 'encoded'>): CachedPage {
  const old = pages.get(key);
  if (old) forget(key, old);
  const entry: CachedPage = { ...page, at: Date.now(), encoded: new Map() };
  pages.set(key, entry);
  bytes += entry.body.length;
  for (const [oldest, value] of pages) {
    if (pages.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
    forget(oldest, value);
  }
  return entry;
}

function forget(key: string, page: CachedPage): void {
  pages.delete(key);
  bytes -= page.body.length + [...page.encoded.values()].reduce((n, b) => n + b.length, 0);
}

/** Records the bytes of a compressed variant added to an entry. */
export function keepEncoding(page: CachedPage, encoding: string, body: Uint8Array<ArrayBuffer>): void {
  if (!page.encoded.has(encoding)) bytes += body.length;
  page.encoded.set(encoding, body);
}
