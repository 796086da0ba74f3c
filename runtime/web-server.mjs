// The web tier: the built Astro app (dist/server/entry.mjs) behind a node:http server of our
// own, because the adapter's standalone server keeps Node's defaults, which let a slow client
// hold a connection for minutes (slowloris). Plain JavaScript: it runs on the project's Node
// without a TypeScript loader, like the built entry it imports.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import { encodeRawUrlBytes } from './raw-url-bytes.mjs';
import { SECURITY_HEADERS } from '../core/security-headers.mjs';
import { jsonLogger } from '../core/json-log.mjs';
import { observeRequest } from './request-log.mjs';

/** Slow-client limits. Documented in SECURITY.md; the hostile tests check the headers timeout. */
export const SERVER_TIMEOUTS = {
  /** All request headers must arrive within this; a trickle of header lines is cut off (408). */
  headersTimeout: 10_000,
  /** The whole request, body included (admin uploads up to 200 MB need about 2 MB/s). */
  requestTimeout: 120_000,
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeout: 5_000,
  /** A socket with no traffic in either direction for this long is closed. */
  socketTimeout: 60_000,
  /** How often the limits above are checked. */
  connectionsCheckingInterval: 1_000,
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Import the built app without letting it start the adapter's own server.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import(pathToFileURL(path.join(root, 'dist/server/entry.mjs')).href);

// runtime/start.ts passes LOG_LEVEL and PORTAL_ROLE as it parsed them (core/env.ts).
const log = jsonLogger({ level: process.env.LOG_LEVEL || 'info', role: process.env.PORTAL_ROLE || 'all' });

const listenHost = process.env.HOST ?? 'localhost';
const listenPort = Number(process.env.PORT ?? 4321);
/**
 * The Host every request is handed to the app with: the listening address (a wildcard shown as
 * localhost, as core/public-url.ts does). The portal prints absolute URLs from PUBLIC_URL or this
 * address, never from what a client sent; and a client's Host becomes the app's request URL, where
 * one such as `user@evil.example` made the Request constructor throw (URLs with credentials), a 500.
 */
const shownHost = listenHost === '0.0.0.0' || listenHost === '::' ? 'localhost' : listenHost;
const ownHost = `${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${listenPort}`;

const server = http.createServer(
  {
    headersTimeout: SERVER_TIMEOUTS.headersTimeout,
    requestTimeout: SERVER_TIMEOUTS.requestTimeout,
    keepAliveTimeout: SERVER_TIMEOUTS.keepAliveTimeout,
    connectionsCheckingInterval: SERVER_TIMEOUTS.connectionsCheckingInterval,
  },
  (req, res) => {
    if (draining) res.setHeader('connection', 'close');
    observeRequest(req, res, log);
    req.headers.host = ownHost;
    markMalformedUrl(req);
    if (req.method === 'HEAD') answerAsGetWithoutBody(req, res);
    return handler(req, res);
  },
);
encodeRawUrlBytes(server);
server.on('clientError', answerUnparsable);
/**
 * Set by this server alone (a client's own is dropped) on a request whose address is not valid
 * percent-encoded UTF-8; site/middleware.ts (MALFORMED_URL_HEADER) answers it with a 400 in the
 * API's error shape or as an HTML page, with the usual headers.
 */
const MALFORMED_URL_HEADER = 'x-portal-malformed-url';

/**
 * The adapter's handler answers an address that decodeURI refuses (`%zz`, `%ff`, a cut-off
 * `%E0%A4%A`) with a bare text `Bad request.`, outside the app. Such a request is handed to the
 * app instead, marked, with its percent signs escaped so that the address can be parsed and routed.
 */
function markMalformedUrl(req) {
  delete req.headers[MALFORMED_URL_HEADER];
  try {
    decodeURI(req.url);
  } catch {
    req.headers[MALFORMED_URL_HEADER] = '1';
    req.url = req.url.replace(/%/g, '%25');
  }
}

/**
 * HEAD is answered wherever GET is, with the GET's status and headers: the app sees a GET, and
 * Node sends no body because its response was made for a HEAD request. The response ends as soon
 * as its headers are out, so that the adapter cancels the body's stream (on `close`) instead of
 * reading a bulk file to the end for nothing; what it still writes is dropped.
 */
function answerAsGetWithoutBody(req, res) {
  req.method = 'GET';
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    const written = writeHead.apply(this, args);
    this.write = () => true;
    this.end();
    return written;
  };
}

/** What Node's parser refuses, as Node answers it (status and reason), but in the API's error shape. */
const PARSER_REFUSALS = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'REQUEST_HEADER_FIELDS_TOO_LARGE', 'The request headers are larger than 16 KiB'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'Payload Too Large', 'PAYLOAD_TOO_LARGE', 'The chunk extensions are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'TIMEOUT', 'The request headers did not arrive within 10 s'],
};
const NOT_HTTP = [400, 'Bad Request', 'BAD_REQUEST', 'The request is not valid HTTP/1.1 (a control character in the address, a malformed header…)'];

/**
 * A request Node's HTTP parser refused (a control character in the address, a malformed header,
 * the headers timeout): Node would answer with a status line alone. The same status, with the
 * error shape and the security headers, then the connection is closed as Node does.
 */
function answerUnparsable(error, socket) {
  if (socket.writable && !socket._httpMessage?._headerSent && error.code !== 'ECONNRESET') {
    const [status, reason, code, message] = PARSER_REFUSALS[error.code] ?? NOT_HTTP;
    const requestId = randomUUID();
    const body = JSON.stringify({ error: { code, message, requestId } });
    const headers = { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'x-request-id': requestId, 'cache-control': 'no-store', connection: 'close' };
    socket.write(`HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`);
  }
  socket.destroy(error);
}

server.timeout = SERVER_TIMEOUTS.socketTimeout;
server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveTimeout;
server.listen(listenPort, listenHost);
/**
 * On SIGTERM the server stops accepting and lets requests in flight finish (a load balancer's
 * rolling restart must not cut answers off): a kept-alive connection is closed as soon as it is
 * idle, and whatever is still open after DRAIN_MS (a stalled client, a long poll) is closed then.
 */
const DRAIN_MS = 5_000;
let draining = false;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (draining) return;
    draining = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 50).unref();
    setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
  });
}
