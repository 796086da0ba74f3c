import { requestIdOf } from '../root.ts';
import { DomainError } from '../errors.ts';
import { checkAccess } from './limiter.ts';

type ErrorResponder = (error: unknown, requestId: string) => Response;

/** Public GET endpoints may be read from any origin; the admin routes get no CORS at all. */
const isPublicApi = (pathname: string) => /^\/api\/v1(\/|$)/.test(pathname) && !/^\/api\/v1\/admin(\/|$)/.test(pathname);

const EXPOSED = 'RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, X-Request-Id';
const CORS_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED };

/**
 * Wraps an API handler (/api/v1, /api/trpc): answers CORS preflights for the public endpoints,
 * then rate-limits (see limiter.ts) and puts the RateLimit-* headers, and CORS headers on public
 * endpoints, on every response, errors included. Preflights are not counted: browsers send them
 * on their own, without the caller's key. `methods`: what the address answers (for the
 * preflight's Access-Control-Allow-Methods), empty when nothing is there; `calls`: how many
 * requests this one counts as (the calls of a tRPC batch).
 */
export async function guard(
  request: Request,
  clientAddress: string | undefined,
  onError: ErrorResponder,
  serve: () => Promise<Response>,
  { methods = ['GET', 'HEAD'], calls = 1 }: { methods?: string[]; calls?: number } = {},
): Promise<Response> {
  const cors = isPublicApi(new URL(request.url).pathname);
  if (cors && request.method === 'OPTIONS') {
    if (methods.length === 0) return onError(new DomainError('NOT_FOUND', 'No API endpoint here'), requestIdOf(request));
    return preflight(methods);
  }
  let access;
  let response: Response;
  if (request.method === 'GET' || request.method === 'HEAD') {
    // A read has no side effects, so it is counted and answered at the same time: the limiter's
    // round trip to PostgreSQL adds nothing to the response time. An answer to a caller over the
    // limit is thrown away (and the limiter then refuses that caller without asking PostgreSQL
    // until its window ends, so this costs at most one answer per window).
    const [decision, served] = await Promise.all([checkAccess(request, clientAddress, calls), serve()]);
    access = decision;
    if (access.error) await served.body?.cancel().catch(() => {});
    response = access.error ? onError(access.error, requestIdOf(request)) : served;
  } else {
    access = await checkAccess(request, clientAddress, calls);
    response = access.error ? onError(access.error, requestIdOf(request)) : await serve();
  }
  // POST /api/v1/screen is read from browsers too (with an API key): every public answer allows it.
  const corsHeaders = cors ? CORS_HEADERS : {};
  return withHeaders(response, { ...access.headers, ...corsHeaders });
}

function preflight(methods: string[]): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': methods.filter((m) => m !== 'OPTIONS').join(', '),
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '86400',
    },
  });
}

/** Adds headers; a response with immutable headers (e.g. from fetch) is copied first. */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}
