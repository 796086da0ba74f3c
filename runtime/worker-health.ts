import http from 'node:http';
import type { Leadership } from './leader.ts';

export interface WorkerStatus {
  role: 'worker';
  /** True on the one worker that runs the background work. */
  leader: boolean;
  /** When it became leader (ISO 8601); absent on a standby. */
  leaderSince?: string;
  pid: number;
}

/**
 * A worker serves no pages; it answers `GET /api/health` on PORT so that operators, orchestrators
 * and tests see whether it is alive and whether it leads. Anything else is a 404.
 */
export function serveWorkerHealth(host: string, port: number, leadership: () => Leadership | undefined): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname !== '/api/health' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'A worker answers only GET /api/health' } }));
      return;
    }
    const current = leadership();
    const since = current?.leaderSince();
    const status: WorkerStatus = { role: 'worker', leader: current?.isLeader() ?? false, ...(since ? { leaderSince: since } : {}), pid: process.pid };
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : JSON.stringify(status));
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
