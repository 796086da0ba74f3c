import { randomUUID } from 'node:crypto';
import { DomainError, errorResponse, MethodNotAllowedError } from '../../api/errors.ts';
import { isDataPath, isRateLimitedApi } from './bad-address.ts';

/** Outside /api/v1 and /api/trpc (which answer their own methods) every address is read-only. */
const READ_METHODS = ['GET', 'HEAD'];

/**
 * A POST, PUT, DELETE, OPTIONS… to a page or a data file: 405 with `Allow: GET, HEAD`, in the
 * error shape for data URLs and as the HTML 405 page (`renderPage`) for pages. Astro itself would
 * render a page for any method and answer an endpoint without that method with an empty 404.
 */
export async function refuseWrongMethod(request: Request, path: string, renderPage: () => Promise<Response>): Promise<Response | undefined> {
  if (READ_METHODS.includes(request.method) || isRateLimitedApi(path)) return undefined;
  if (isDataPath(path)) return errorResponse(new MethodNotAllowedError(request.method, READ_METHODS), randomUUID());
  const page = await renderPage();
  const headers = new Headers(page.headers);
  headers.set('allow', READ_METHODS.join(', '));
  return new Response(page.body, { status: 405, headers });
}

/**
 * Astro's 404 for an address under /api/ that no handler serves is an HTML page: the API's error
 * shape instead. That includes /api/v1 addresses Astro's router does not hand to the API (a
 * decoded CR or LF in a segment), so the test is the answer's type, not the path.
 */
export function apiNotFound(path: string, response: Response): Response {
  if (response.status !== 404 || !path.startsWith('/api/') || /json/.test(response.headers.get('content-type') ?? '')) return response;
  void response.body?.cancel();
  return errorResponse(new DomainError('NOT_FOUND', `No API endpoint at ${path}`), randomUUID());
}
