import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { guard } from './access/guard.ts';
import { withLimitedBody } from './request-body.ts';
import { DomainError, errorResponse, toDomainError } from './errors.ts';
import { appRouter, createContext, requestIdOf } from './root.ts';

/** The most calls one batched request may hold (tRPC's `maxBatchSize`; httpBatchLink `maxItems`). */
export const MAX_BATCH_SIZE = 10;

/** The procedures a request names: `a.b,c.d` with `?batch=1` is a batch of two calls. */
function proceduresOf(url: URL): string[] {
  const path = url.pathname.replace(/^\/api\/trpc\/?/, '');
  return url.searchParams.get('batch') === '1' ? path.split(',') : [path];
}

/**
 * A 405's Allow header. tRPC answers a query at GET and a mutation at POST only, and refuses the
 * other with 405: so a refused GET was a mutation's and a refused POST a query's.
 */
function allowAfter405(method: string): string {
  if (method === 'GET' || method === 'HEAD') return 'POST';
  if (method === 'POST') return 'GET, HEAD';
  return 'GET, HEAD, POST';
}

/**
 * Serves the tRPC procedures at /api/trpc for TypeScript clients, rate-limited like /api/v1, each
 * call of a batch counted as a request. Bodies are read within the JSON limit first (413 beyond
 * it, 415 when not JSON), because the tRPC adapter itself would read any body whole.
 */
export function handleTrpc(request: Request, clientAddress?: string): Promise<Response> {
  const procedures = proceduresOf(new URL(request.url));
  if (procedures.length > MAX_BATCH_SIZE) {
    const refusal = new DomainError('BAD_REQUEST', `A batch holds at most ${MAX_BATCH_SIZE} calls, this one ${procedures.length}; split it (httpBatchLink's maxItems)`);
    return guard(request, clientAddress, errorResponse, async () => errorResponse(refusal, requestIdOf(request)));
  }
  return guard(request, clientAddress, errorResponse, async () => {
    let limited: Request;
    try {
      limited = await withLimitedBody(request);
    } catch (error) {
      return errorResponse(error, requestIdOf(request));
    }
    // One context for the whole request, made before tRPC looks for the procedure: an error for
    // an unknown one carries the same request id as the X-Request-Id header.
    const ctx = createContext(limited);
    const response = await fetchRequestHandler({
      endpoint: '/api/trpc', req: limited, router: appRouter, createContext: () => ctx, maxBatchSize: MAX_BATCH_SIZE,
      responseMeta: () => ({ headers: { 'x-request-id': ctx.requestId } }),
      // What the caller is told is only "Internal error"; the log keeps the cause.
      onError: ({ error }) => {
        if (toDomainError(error).code === 'INTERNAL_SERVER_ERROR') console.error(`[${ctx.requestId}]`, error);
      },
    });
    if (response.status === 405) response.headers.set('allow', allowAfter405(request.method));
    return response;
  }, { calls: procedures.length });
}
