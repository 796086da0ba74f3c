import net from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { bigJson, tenMegabytesChunked } from '../hostile/body-cases.ts';
import { send, sendRaw } from '../hostile/send.ts';

const base = inject('baseUrl');
const adminToken = inject('adminToken');
const JSON_TYPE = { 'content-type': 'application/json' };
const admin = { authorization: `Bearer ${adminToken}` };

const errorOf = (body: string) => JSON.parse(body).error as { code: string; message: string; requestId: string };

describe('request body limits', () => {
  it('a JSON body over 2 MB is a 413 in the error shape on REST and tRPC, declared or chunked', async () => {
    for (const path of ['/api/v1/screen', '/api/trpc/screen.run', '/api/v1/admin/records/sc-0000000000000000/withdraw']) {
      for (const body of [bigJson(2 * 1024 * 1024 + 10), tenMegabytesChunked]) {
        const answer = await send(base, { method: 'POST', path, headers: { ...JSON_TYPE, ...admin }, body });
        expect(answer.status, path).toBe(413);
        expect(errorOf(answer.body)).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('2 MB'), requestId: expect.any(String) });
        expect(answer.headers['x-request-id']).toBe(errorOf(answer.body).requestId);
      }
    }
  });

  it('a body just under the limit is read and validated (400 for what is wrong in it, not 413)', async () => {
    const answer = await send(base, { method: 'POST', path: '/api/v1/screen', headers: JSON_TYPE, body: bigJson(2_000_000) });
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body).message).toMatch(/name: must be at most 300 characters/);
  });

  it('the admin upload has its own, larger limit (200 MB), refused from Content-Length without waiting for the body', async () => {
    const answer = await send(base, {
      method: 'POST',
      path: '/api/v1/admin/imports',
      headers: { ...admin, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(300 * 1024 * 1024) },
      body: '--x--\r\n',
    });
    expect(answer.status).toBe(413);
    expect(errorOf(answer.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/201 MB; use npm run import/) });
  });

  it('a body that is not JSON is a 415, broken JSON a 400, each saying what to send', async () => {
    const wrongType = await send(base, { method: 'POST', path: '/api/v1/screen', headers: { 'content-type': 'text/plain' }, body: '{"queries":[]}' });
    expect(wrongType.status).toBe(415);
    expect(errorOf(wrongType.body)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('application/json') });
    const trpcWrongType = await send(base, { method: 'POST', path: '/api/trpc/screen.run', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(trpcWrongType.status).toBe(415);
    const broken = await send(base, { method: 'POST', path: '/api/v1/screen', headers: JSON_TYPE, body: '{"queries":[' });
    expect(broken.status).toBe(400);
    expect(errorOf(broken.body)).toMatchObject({ code: 'BAD_REQUEST', message: 'The body is not valid JSON' });
    const trpcBroken = await send(base, { method: 'POST', path: '/api/trpc/screen.run', headers: JSON_TYPE, body: '{"queries":[' });
    expect(trpcBroken.status).toBe(400);
    expect(JSON.parse(trpcBroken.body).error.data.code).toBe('BAD_REQUEST');
  });

  it('tRPC errors never carry a stack trace', async () => {
    const answer = await send(base, { path: `/api/trpc/search.query?input=${encodeURIComponent('{"limit":-1}')}` });
    expect(answer.status).toBe(400);
    const { error } = JSON.parse(answer.body);
    expect(error.data).toEqual({ code: 'BAD_REQUEST', httpStatus: 400, requestId: expect.any(String) });
    expect(answer.body).not.toMatch(/stack|\.ts:\d+|node_modules/);
  });

  it('NUL in any input is a 400 that says so, not a database error', async () => {
    const answer = await send(base, { path: '/api/v1/enterprises/a%00b' });
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body).message).toMatch(/NUL/);
  });
});

describe('rate limiting', () => {
  it('every API route and data export counts against the limit (RateLimit-* headers); health does not', async () => {
    const limited = [
      { path: '/api/v1/search?q=x' },
      { path: '/api/v1/openapi.json' },
      { path: '/api/v1/downloads' },
      { path: '/api/v1/spot-checks/sc-0000000000000000' },
      { path: '/api/trpc/search.query?input=%7B%7D' },
      { path: '/api/v1/screen', method: 'POST', headers: JSON_TYPE, body: '{"queries":[{"key":"a","name":"x"}]}' },
      { path: '/api/v1/admin/imports', method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--\r\n' },
      { path: '/export.csv?q=x&type=penalties' },
      { path: '/spot-checks/sc-0000000000000000.json' },
    ];
    for (const request of limited) {
      const answer = await send(base, request);
      expect(answer.headers['ratelimit-limit'], request.path).toMatch(/^\d+$/);
      expect(answer.headers['ratelimit-remaining'], request.path).toMatch(/^\d+$/);
    }
    expect((await send(base, { path: '/api/health' })).headers['ratelimit-limit']).toBeUndefined();
  });
});

describe('server timeouts and malformed HTTP', () => {
  it('a client that trickles its headers (slowloris) is cut off with 408 after the 10 s headers timeout', async () => {
    const url = new URL(base);
    const started = Date.now();
    const { closedAfter, received } = await new Promise<{ closedAfter: number; received: string }>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname, () => socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n'));
      let received = '';
      const drip = setInterval(() => socket.writable && socket.write(`X-Drip-${Date.now()}: 1\r\n`), 500);
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => {
        clearInterval(drip);
        resolve({ closedAfter: Date.now() - started, received });
      });
      socket.on('error', () => {});
      setTimeout(() => {
        clearInterval(drip);
        socket.destroy();
        reject(new Error('the server kept a trickling connection open for 30 s'));
      }, 30_000);
    });
    expect(closedAfter).toBeGreaterThan(9_000);
    expect(closedAfter).toBeLessThan(20_000);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 40_000);

  it('raw NUL, control characters and garbage in the request line are a 400 from the HTTP parser', async () => {
    for (const line of ['GET /search?q=a\u0000b HTTP/1.1', 'GET /api/v1/search?q=\u001b[31m HTTP/1.1', 'GARBAGE', 'GET / HTTP/9.9']) {
      const answer = await sendRaw(base, Buffer.from(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`, 'latin1'));
      expect(answer, JSON.stringify(line)).toMatch(/^HTTP\/1\.1 (400|505)/);
      expect(answer).not.toMatch(/\n\s+at |node_modules/);
    }
  });

  it('a request line longer than the header limit is a 431 or 414, not a hang', async () => {
    const answer = await send(base, { path: `/search?q=${'a'.repeat(100_000)}` });
    expect([414, 431]).toContain(answer.status);
  });
});
