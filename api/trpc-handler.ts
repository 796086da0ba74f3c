import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { guard } from './access/guard.ts';
import { withLimitedBody } from './request-body.ts';
import { errorResponse, toDomainError } from './errors.ts';
import { appRouter, createContext, requestIdOf } from './root.ts';

/**
 * Serves the tRPC procedures at /api/trpc for TypeScript clients, rate-limited like /api/v1.
 * Bodies are read within the JSON limit first (413 beyond it, 415 when not JSON), because the
 * tRPC adapter itself would read any body whole.
 */
export function handleTrpc(request: Request, clientAddress?: string): Promise<Response> {
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
    return fetchRequestHandler({
      endpoint: '/api/trpc', req: limited, router: appRouter, createContext: () => ctx,
      responseMeta: () => ({ headers: { 'x-request-id': ctx.requestId } }),
      // What the caller is told is only "Internal error"; the log keeps the cause.
      onError: ({ error }) => {
        if (toDomainError(error).code === 'INTERNAL_SERVER_ERROR') console.error(`[${ctx.requestId}]`, error);
      },
    });
  });
}
