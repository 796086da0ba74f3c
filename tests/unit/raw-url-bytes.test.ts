import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestLineEncoder, encodeRawUrlBytes } from '../../runtime/raw-url-bytes.mjs';

/** What a Node HTTP server with the encoder saw: each request's method, address and body bytes. */
let server: http.Server;
let port: number;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const seen = JSON.stringify({ method: req.method, url: req.url, body: Buffer.concat(parts).toString('hex') });
      res.end(seen);
    });
  });
  encodeRawUrlBytes(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Writes `bytes` to one connection in pieces of `piece` bytes and collects every answer's JSON line. */
async function send(bytes: Buffer, piece: number, answers: number): Promise<{ method: string; url: string; body: string }[]> {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  const done = new Promise<void>((resolve) => {
    socket.on('data', (c: Buffer) => {
      received += c.toString('latin1');
      if ((received.match(/\{"method"/g) ?? []).length >= answers) resolve();
    });
    socket.on('close', () => resolve());
  });
  for (let i = 0; i < bytes.length; i += piece) {
    socket.write(bytes.subarray(i, i + piece));
    await new Promise((resolve) => setImmediate(resolve));
  }
  await done;
  socket.destroy();
  return [...received.matchAll(/\{"method"[^}]*\}/g)].map((m) => JSON.parse(Buffer.from(m[0], 'latin1').toString('utf8')));
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
/** A body holding what looks like a request line with raw UTF-8: it must pass unchanged. */
const trap = utf8('GET /x?q=电缆 HTTP/1.1\r\n');

describe('raw UTF-8 in request lines (runtime/raw-url-bytes.mjs)', () => {
  const stream = Buffer.concat([
    utf8('GET /search?q=电缆 HTTP/1.1\r\nHost: x\r\n\r\n'),
    utf8(`POST /p?名=值 HTTP/1.1\r\nHost: x\r\nX-Note: 备注\r\nContent-Length: ${trap.length}\r\n\r\n`), trap,
    utf8(`POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${trap.length.toString(16)};ext=1\r\n`), trap, utf8('\r\n0\r\nX-Trailer: 1\r\n\r\n'),
    utf8('\r\nGET /最后 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
  ]);
  const expected = [
    { method: 'GET', url: '/search?q=%E7%94%B5%E7%BC%86', body: '' },
    { method: 'POST', url: '/p?%E5%90%8D=%E5%80%BC', body: trap.toString('hex') },
    { method: 'POST', url: '/c', body: trap.toString('hex') },
    { method: 'GET', url: '/%E6%9C%80%E5%90%8E', body: '' },
  ];

  it.each([1, 3, 7, 64, stream.length])('are percent-encoded on every request of a connection, bodies untouched (pieces of %i bytes)', async (piece) => {
    expect(await send(stream, piece, expected.length)).toEqual(expected);
  });

  it('passes everything after an upgrade or unclear framing through unchanged', () => {
    for (const headers of ['Upgrade: websocket\r\nConnection: Upgrade', 'Content-Length: 5\r\nTransfer-Encoding: chunked', 'Transfer-Encoding: gzip', 'Content-Length: 0x10']) {
      const encode = createRequestLineEncoder();
      encode(utf8(`GET /a HTTP/1.1\r\n${headers}\r\n\r\n`));
      expect(encode(trap), headers).toEqual(trap);
    }
    const encode = createRequestLineEncoder();
    expect(encode(utf8('GET /电 HTTP/1.1\r\n')).toString('latin1')).toBe('GET /%E7%94%B5 HTTP/1.1\r\n');
    expect(encode(utf8('X-Name: 电\r\n\r\n'))).toEqual(utf8('X-Name: 电\r\n\r\n'));
  });
});
