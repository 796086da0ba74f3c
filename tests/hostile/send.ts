import http from 'node:http';
import net from 'node:net';

/** What came back: enough to judge a response the way a user or a client library sees it. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  /** Sent exactly as written, so traversal and broken percent-encoding reach the server unnormalized. */
  path: string;
  headers?: Record<string, string>;
  /** A string or bytes, or a generator of chunks sent with chunked transfer encoding (no length). */
  body?: string | Uint8Array | (() => Iterable<Uint8Array>);
}

/**
 * One request with node:http rather than fetch: fetch normalizes `..`, `%2e%2e` and refuses odd
 * header values before they leave, which is exactly what these tests need to send. The server may
 * answer (and stop reading) before a big body is fully sent; that answer is what counts.
 */
export function send(baseUrl: string, request: RawRequest, timeoutMs = 30_000): Promise<Answer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const body = request.body;
    const headers: Record<string, string | number> = { ...request.headers };
    if (typeof body === 'string' || body instanceof Uint8Array) headers['content-length'] ??= Buffer.byteLength(body);
    let answered = false;
    const req = http.request(
      { host: url.hostname, port: url.port, method: request.method ?? 'GET', path: request.path, headers, agent: false, insecureHTTPParser: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms: ${request.method ?? 'GET'} ${request.path.slice(0, 200)}`)));
    // The server may close after answering early (413); the answer already received is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
      reject(error);
    });
    req.on('close', () => {
      if (!answered) reject(new Error(`connection closed without an answer: ${request.method ?? 'GET'} ${request.path.slice(0, 200)}`));
    });
    if (typeof body === 'function') {
      void (async () => {
        for (const chunk of body()) {
          if (req.destroyed) return;
          if (!req.write(chunk)) await drainedOrClosed(req);
        }
        req.end();
      })();
    } else {
      req.end(body);
    }
  });
}

function drainedOrClosed(req: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.once('drain', done);
    req.once('close', done);
  });
}

/** Bytes straight onto a socket, for requests no HTTP client will form (a raw NUL in the path). */
export function sendRaw(baseUrl: string, bytes: Buffer, timeoutMs = 15_000): Promise<string> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(error)));
    socket.setTimeout(timeoutMs, () => socket.destroy());
  });
}
