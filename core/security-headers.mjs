// Plain JavaScript: site/middleware.ts puts these on every answer of the app, and
// runtime/web-server.mjs (which runs without a TypeScript loader) on the answers Node's HTTP
// parser makes before the app sees a request.

/** Security headers on every response. Scripts and styles only from this origin. */
export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};
