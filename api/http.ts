import { createContext } from './root.ts';
import { errorResponse } from './rest.ts';
import { health } from './services/health.ts';

/** GET /api/health: 200 while the database answers (search may be degraded), 503 when it does not. */
export async function handleHealth(request: Request): Promise<Response> {
  const ctx = createContext(request);
  try {
    const body = await health(ctx.portal);
    return new Response(JSON.stringify(body), {
      status: body.db === 'ok' ? 200 : 503,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-request-id': ctx.requestId },
    });
  } catch (error) {
    return errorResponse(error, ctx.requestId);
  }
}
