import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One delivery as the receiver saw it, checked with the spec authors' own library (standardwebhooks). */
export interface Received {
  id: string;
  timestamp: string;
  verified: boolean;
  /** What the receiver answered: 200, 500…, or 0 when it held the request and never answered. */
  answered: number;
  payload: any;
}

/**
 * A webhook receiver on 127.0.0.1. `mode`: 'ok' answers 200, 'fail' answers 500, 'hold' keeps the
 * request open without answering (a delivery in flight). `failNext(n)` answers the next n with 500.
 */
export async function startReceiver() {
  const received: Received[] = [];
  let secret = '';
  let failing = 0;
  let mode: 'ok' | 'hold' = 'ok';
  const held: http.ServerResponse[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = false;
      try {
        new Webhook(secret).verify(body, request.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      const status = mode === 'hold' ? 0 : failing > 0 ? 500 : 200;
      if (failing > 0 && mode !== 'hold') failing--;
      received.push({ id: String(request.headers['webhook-id']), timestamp: String(request.headers['webhook-timestamp']), verified, answered: status, payload: JSON.parse(body) });
      if (status === 0) held.push(response);
      else response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver failing on purpose');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/portal`,
    received,
    setSecret: (value: string) => void (secret = value),
    failNext: (n: number) => void (failing = n),
    hold: () => void (mode = 'hold'),
    /** Answers nothing to the held requests (their sockets are closed) and answers 200 from now on. */
    release() {
      mode = 'ok';
      for (const response of held.splice(0)) response.socket?.destroy();
    },
    close: () => new Promise<void>((resolve) => {
      for (const response of held.splice(0)) response.socket?.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
