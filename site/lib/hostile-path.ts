/**
 * English pages are served by rewriting /en/… to the Chinese route (site/middleware.ts), and
 * Astro decodes the rewritten path once more. An /en/ address whose path still holds percent
 * signs after decoding (from `%25`) therefore fails as invalid encoding deep in the rewrite (a
 * 500) or is decoded twice. No real page address contains a percent sign or NUL once decoded,
 * so such a request is a 400 before the rewrite (site/lib/bad-address.ts).
 */
export function isDoublyEncodedLocalePath(url: URL): boolean {
  if (!/^\/en(\/|$)/.test(url.pathname) || !url.pathname.includes('%')) return false;
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    decoded = undefined;
  }
  return decoded === undefined || /[%\u0000]/.test(decoded);
}
