import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { DomainError, ERROR_STATUS, type ErrorCode } from './errors.ts';
import { appRouter, createContext, type serverCaller } from './root.ts';
import { createCallerFactory, zodMessage } from './trpc.ts';

type Caller = ReturnType<typeof serverCaller>;

/** REST routes under /api/v1: each is a path pattern and the tRPC procedure it calls. */
const ROUTES: { pattern: RegExp; call: (caller: Caller, params: string[], query: Record<string, string>) => Promise<unknown> }[] = [
  { pattern: /^search$/, call: (c, _p, q) => c.search.query(q) },
  { pattern: /^enterprises\/([^/]+)$/, call: (c, [key]) => c.enterprises.profile({ key: key! }) },
  { pattern: /^([a-z-]+)\/([^/]+)$/, call: (c, [type, id]) => c.records.byId({ type: type as never, id: id! }) },
];

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** Serves GET /api/v1/*: the same procedures as tRPC, as plain JSON for Java, Go and Python clients. */
export async function handleRest(request: Request): Promise<Response> {
  const ctx = createContext(request);
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/api\/v1\/?/, '').replace(/\/$/, '');
  try {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new DomainError('METHOD_NOT_SUPPORTED', `Method ${request.method} is not allowed here; use GET`);
    }
    const query = Object.fromEntries(url.searchParams);
    for (const route of ROUTES) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      const params = match.slice(1).map((p) => safeDecode(p));
      const body = await route.call(createCallerFactory(appRouter)(ctx), params, query);
      return new Response(JSON.stringify(body), { status: 200, headers: { ...JSON_HEADERS, 'x-request-id': ctx.requestId } });
    }
    throw new DomainError('NOT_FOUND', `No API endpoint at /api/v1/${path}`);
  } catch (error) {
    return errorResponse(error, ctx.requestId);
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new DomainError('BAD_REQUEST', 'The path is not valid percent-encoding');
  }
}

/** Every error, whatever its origin, as `{ error: { code, message, requestId } }`. */
export function errorResponse(error: unknown, requestId: string): Response {
  const { code, message } = describe(error);
  if (code === 'INTERNAL_SERVER_ERROR') console.error(`[${requestId}]`, error);
  return new Response(JSON.stringify({ error: { code, message, requestId } }), {
    status: ERROR_STATUS[code],
    headers: { ...JSON_HEADERS, 'x-request-id': requestId },
  });
}

function describe(error: unknown): { code: ErrorCode; message: string } {
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  if (cause instanceof DomainError) return { code: cause.code, message: cause.message };
  if (cause instanceof ZodError) return { code: 'BAD_REQUEST', message: zodMessage(cause) };
  if (error instanceof TRPCError && error.code in ERROR_STATUS && error.code !== 'INTERNAL_SERVER_ERROR') {
    return { code: error.code as ErrorCode, message: error.message };
  }
  return { code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' };
}
