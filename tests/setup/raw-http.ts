import net from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends requests over one kept-alive TCP connection exactly as given (fetch and node:http would
 * percent-encode or refuse raw bytes in the target), one after the other, and reads each answer.
 * `target` may hold any bytes: a string is written as UTF-8, a Buffer as it is.
 */
export async function rawRequests(base: string, requests: { method?: string; target: string | Buffer; headers?: Record<string, string> }[]): Promise<RawAnswer[]> {
  const { hostname, port } = new URL(base);
  const socket = net.connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let buffered = Buffer.alloc(0);
  let wake: (() => void) | undefined;
  let ended = false;
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    wake?.();
  });
  socket.on('close', () => {
    ended = true;
    wake?.();
  });
  const more = () => new Promise<void>((resolve) => (wake = resolve));
  const answers: RawAnswer[] = [];
  try {
    for (const request of requests) {
      const headerLines = Object.entries({ host: `${hostname}:${port}`, 'accept-encoding': 'identity', ...request.headers }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
      socket.write(Buffer.concat([Buffer.from(`${request.method ?? 'GET'} `), Buffer.from(request.target), Buffer.from(` HTTP/1.1\r\n${headerLines}\r\n`)]));
      let end: number;
      while ((end = buffered.indexOf('\r\n\r\n')) < 0) {
        if (ended) throw new Error(`connection closed before an answer to ${request.target}`);
        await more();
      }
      const [statusLine, ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
      buffered = buffered.subarray(end + 4);
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const status = Number(statusLine!.split(' ')[1]);
      let body: Buffer;
      if (request.method === 'HEAD' || status === 204 || status === 304) body = Buffer.alloc(0);
      else if (headers['transfer-encoding'] === 'chunked') body = await readChunked();
      else {
        const length = Number(headers['content-length'] ?? 0);
        while (buffered.length < length) {
          if (ended) throw new Error('connection closed inside a body');
          await more();
        }
        body = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
      }
      answers.push({ status, headers, body: body.toString('utf8') });
    }
  } finally {
    socket.destroy();
  }
  return answers;

  async function readChunked(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      let lineEnd: number;
      while ((lineEnd = buffered.indexOf('\r\n')) < 0) await more();
      const size = parseInt(buffered.subarray(0, lineEnd).toString('latin1'), 16);
      while (buffered.length < lineEnd + 2 + size + 2) {
        if (ended) throw new Error('connection closed inside a chunk');
        await more();
      }
      parts.push(buffered.subarray(lineEnd + 2, lineEnd + 2 + size));
      buffered = buffered.subarray(lineEnd + 2 + size + 2);
      if (size === 0) return Buffer.concat(parts);
    }
  }
}
