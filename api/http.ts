import { randomUUID } from 'node:crypto';
import { guard } from './access/guard.ts';
import { DomainError } from './errors.ts';
import { createContext, serverCaller } from './root.ts';
import { errorResponse } from './errors.ts';
import { queryInput } from './query-string.ts';
import { exportListingCsv } from './services/export.ts';
import { publicOrigin } from '../core/public-url.ts';
import { health } from './services/health.ts';
import { type RecordType } from '../types/registry.ts';

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

/**
 * GET /{type}/{id}.json: the record as the API returns it, for readers who want the data.
 * Rate-limited like /api/v1 (`clientAddress` is the socket's): it is the same data API.
 */
export function handleRecordJson(request: Request, type: RecordType, id: string, clientAddress?: string): Promise<Response> {
  return guard(request, clientAddress, errorResponse, () => serveRecordJson(request, type, id));
}

async function serveRecordJson(request: Request, type: RecordType, id: string): Promise<Response> {
  const ctx = createContext(request);
  try {
    const body = await serverCaller(request).records.byId({ type, id });
    return new Response(JSON.stringify(body, null, 2), {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': ctx.requestId },
    });
  } catch (error) {
    return errorResponse(error, ctx.requestId);
  }
}

/** A 404 in the API's error shape, for a data URL that names nothing (`/no-such-type/x.json`). */
export function notFoundJson(message: string): Response {
  return errorResponse(new DomainError('NOT_FOUND', message), randomUUID());
}

/**
 * GET /export.csv?…search parameters…: the listing as CSV. Up to 100 searches per request, so it
 * is rate-limited like /api/v1.
 */
export function handleExportCsv(request: Request, clientAddress?: string): Promise<Response> {
  return guard(request, clientAddress, errorResponse, () => serveExportCsv(request));
}

async function serveExportCsv(request: Request): Promise<Response> {
  const ctx = createContext(request);
  try {
    const url = new URL(request.url);
    const body = await exportListingCsv(ctx.portal, queryInput(url.searchParams), publicOrigin());
    const name = `${url.searchParams.get('type') ?? 'records'}-${new Date().toISOString().slice(0, 10)}.csv`;
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
        'x-request-id': ctx.requestId,
      },
    });
  } catch (error) {
    return errorResponse(error, ctx.requestId);
  }
}
