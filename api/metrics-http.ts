import { meiliUrls, parseEnv } from '../core/env.ts';
import { isAdminRequest } from './admin-auth.ts';
import { DomainError, errorResponse } from './errors.ts';
import { requestIdOf } from './root.ts';
import { getPortal } from './portal.ts';
import { renderMetrics } from './services/metrics.ts';

/** Set by runtime/web-server.mjs (request-log.mjs) on a request straight from loopback, never by a client. */
const DIRECT_LOOPBACK_HEADER = 'x-portal-direct-loopback';

/** The first Meilisearch address as a label: origin only (no credentials, no path). */
function meiliInstance(): string {
  const [url] = meiliUrls(parseEnv().MEILI_URL);
  return url ? new URL(url).origin : 'unknown';
}

/**
 * GET /metrics (Prometheus text). Not public: the backlogs and request rates tell an outsider
 * when the portal is busy or behind. Allowed to a scraper on the same machine that connects
 * directly (loopback, no proxy header), and to anyone with an admin token
 * (`Authorization: Bearer <one of ADMIN_TOKENS>`), which is how a scraper on the internal network
 * reads it.
 */
export async function handleMetrics(request: Request): Promise<Response> {
  const requestId = requestIdOf(request);
  if (request.headers.get(DIRECT_LOOPBACK_HEADER) !== '1' && !isAdminRequest(request)) {
    return errorResponse(new DomainError('UNAUTHORIZED', '/metrics needs an admin token (Authorization: Bearer …) unless read directly from this machine'), requestId);
  }
  try {
    const { contentType, body } = await renderMetrics(getPortal(), meiliInstance());
    return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store', 'x-request-id': requestId } });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
