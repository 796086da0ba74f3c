// Plain JavaScript, for runtime/web-server.mjs: every request gets a request id, one access-log
// line and its place in the HTTP metrics, measured where requests enter and leave the process
// (the app's own middleware sees neither the parser's refusals nor the end of a streamed body).
import { randomUUID } from 'node:crypto';
import client from 'prom-client';

/** A caller's X-Request-Id is kept when it is this sane (the same rule as api/root.ts's requestIdOf). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Set by this server alone (a client's own is dropped) on a request that came straight from a
 * loopback address, not through a proxy: the app lets such a request read /metrics without a token.
 */
export const DIRECT_LOOPBACK_HEADER = 'x-portal-direct-loopback';

/**
 * The HTTP metrics, in a registry of their own. The app (api/services/metrics.ts, bundled
 * separately by Astro) finds it on globalThis under this key and prints it with its own gauges.
 */
const REGISTRY_KEY = Symbol.for('portal.http-metrics');
const registry = new client.Registry();
globalThis[REGISTRY_KEY] = registry;

const requests = new client.Counter({
  name: 'portal_http_requests_total',
  help: 'HTTP requests answered, by method, route group and status',
  labelNames: ['method', 'route', 'status'],
  registers: [registry],
});
const duration = new client.Histogram({
  name: 'portal_http_request_duration_seconds',
  help: 'Time from the request to the end of its response, by method, route group and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});
client.collectDefaultMetrics({ register: registry, prefix: 'portal_web_' });

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const ASSET = /^\/(_astro\/|favicon|fonts\/|images\/)|\.(css|js|mjs|svg|png|ico|jpg|jpeg|webp|woff2?)$/;
const DATA_FILE = /\.(json|csv|xml|txt)$/;

/**
 * A route group for the metrics' labels, never the raw path: a label per path would make one
 * time series per record and let any client grow the metrics without bound.
 */
export function routeGroup(pathname) {
  if (pathname === '/metrics') return 'metrics';
  if (pathname === '/api/health') return 'health';
  if (pathname.startsWith('/api/v1/downloads')) return 'download';
  if (pathname.startsWith('/api/v1/admin')) return 'admin';
  if (pathname.startsWith('/api/')) return 'api';
  if (ASSET.test(pathname)) return 'asset';
  if (DATA_FILE.test(pathname)) return 'data';
  return 'page';
}

const loopback = (address) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/**
 * Before the app sees the request: its id (kept or made) in the request for the app and in the
 * response's X-Request-Id; when the response is done (or the client went away), one access-log
 * line and the metrics. The path is logged without its query string, which may hold what a user
 * searched for or a token.
 */
export function observeRequest(req, res, log) {
  const started = process.hrtime.bigint();
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  req.headers['x-request-id'] = id;
  res.setHeader('x-request-id', id);
  delete req.headers[DIRECT_LOOPBACK_HEADER];
  if (loopback(req.socket.remoteAddress) && !req.headers['x-forwarded-for'] && !req.headers.forwarded) req.headers[DIRECT_LOOPBACK_HEADER] = '1';
  const verb = req.method;
  const method = METHODS.has(verb) ? verb : 'OTHER';
  const pathname = (req.url ?? '/').split('?')[0].slice(0, 300);
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // A client that left before the answer was sent: nginx's convention, 499.
    const status = res.writableFinished ? res.statusCode : 499;
    const labels = { method, route: routeGroup(pathname), status: String(status) };
    requests.inc(labels);
    duration.observe(labels, seconds);
    log.info({ req_id: id, method: verb, path: pathname, status, duration_ms: Math.round(seconds * 10_000) / 10 }, 'request');
  };
  res.once('finish', finish);
  res.once('close', finish);
  return id;
}
