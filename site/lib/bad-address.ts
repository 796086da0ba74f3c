import { guard } from '../../api/access/guard.ts';
import { DomainError, errorResponse } from '../../api/errors.ts';
import { requestIdOf } from '../../api/root.ts';

/**
 * Set by runtime/web-server.mjs, and only by it (a client's own header of that name is dropped),
 * on a request whose address is not valid percent-encoded UTF-8 (`%zz`, `%ff`, `%E0%A4%A`).
 */
export const MALFORMED_URL_HEADER = 'x-portal-malformed-url';

const MESSAGE = 'The address is not valid percent-encoding of UTF-8 text (see RFC 3986); encode "%" as %25';

/** The data API's paths and data files: their errors are JSON in the one error shape, pages get an HTML page. */
export const isDataPath = (path: string) => path.startsWith('/api/') || isDataFile(path);

/** Data files (.json, .csv, .xml, .txt): the same in every language. */
export const isDataFile = (path: string) => /\.(json|csv|xml|txt)$/.test(path);

/** The rate-limited API, whose handlers answer their own methods and errors. */
export const isRateLimitedApi = (path: string) => /^\/api\/(v1|trpc)(\/|$)/.test(path);

/**
 * The answer to an unreadable address: on /api/v1 and /api/trpc a rate-limited 400 in the error
 * shape (with RateLimit-* and CORS like any API answer), on other data URLs the same shape, on
 * pages the HTML 400 page (`renderPage`).
 */
export async function badAddress(request: Request, path: string, clientAddress: string | undefined, renderPage: () => Promise<Response>): Promise<Response> {
  const refuse = async () => errorResponse(new DomainError('BAD_REQUEST', MESSAGE), requestIdOf(request));
  if (isRateLimitedApi(path)) return guard(request, clientAddress, errorResponse, refuse);
  if (isDataPath(path)) return refuse();
  const page = await renderPage();
  return new Response(page.body, { status: 400, headers: page.headers });
}
