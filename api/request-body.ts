import { DomainError } from './errors.ts';

/**
 * Request body limits. Bodies are read as a stream and counted, so an oversized body is refused
 * after at most `max` bytes, never buffered whole; a declared Content-Length over the limit is
 * refused before anything is read. The admin upload limit is MAX_UPLOAD_BYTES
 * (api/services/admin-import.ts); everything else under /api takes JSON of at most 2 MiB: the
 * largest valid screening batch (1,000 queries with every field at its maximum length in
 * Chinese) is about 1.8 MB.
 */
export const MAX_JSON_BODY_BYTES = 2 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const tooLarge = (max: number, hint = '') =>
  new DomainError('PAYLOAD_TOO_LARGE', `The request body is larger than ${megabytes(max)}${hint}`);

/** Whether the request says it has a body at all (a length above 0, or chunked). */
export function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return Number(length) > 0;
  return request.headers.has('transfer-encoding') && request.body !== null;
}

/** 413 when Content-Length already says the body is over `max`, without keeping any of it. */
export async function checkDeclaredLength(request: Request, max: number, hint = ''): Promise<void> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (!Number.isFinite(length) || length > max) throw await refusing(request, tooLarge(max, hint));
}

/**
 * `error`, after reading and dropping the unread body when at most DISCARD_LIMIT_BYTES of it are
 * still to come (see there); a body declared larger than that is not waited for.
 */
export async function refusing(request: Request, error: DomainError): Promise<DomainError> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (request.body && !request.bodyUsed && Number.isFinite(length) && length <= DISCARD_LIMIT_BYTES) {
    await discardRest(request.body.getReader());
  }
  return error;
}

/**
 * What is left of an oversized body is read and dropped, up to this many more bytes, before the
 * 413 goes out: a client that is still sending would otherwise see the connection reset and lose
 * the answer. Beyond this the connection is cut.
 */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * The body's stream, cut off with a 413 once more than `max` bytes have come through: nothing
 * past the limit is kept (the rest is drained and dropped, see DISCARD_LIMIT_BYTES).
 */
export function limitedBody(request: Request, max: number, hint = '', onExceeded?: () => void): ReadableStream<Uint8Array> | null {
  if (!request.body) return null;
  const reader = request.body.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen <= max) return controller.enqueue(value);
      onExceeded?.();
      await discardRest(reader);
      controller.error(tooLarge(max, hint));
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let dropped = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      dropped += value.byteLength;
      if (dropped > DISCARD_LIMIT_BYTES) return void (await reader.cancel());
    }
  } catch {
    // The client went away: nothing left to drain.
  }
}

/** The whole body as bytes, at most `max` of them (413 beyond that). */
export async function readBodyBytes(request: Request, max: number, hint = ''): Promise<Uint8Array> {
  await checkDeclaredLength(request, max, hint);
  const stream = limitedBody(request, max, hint);
  if (!stream) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk);
      total += chunk.byteLength;
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // The client went away or the server's own backstop limit cut the stream.
    throw new DomainError('BAD_REQUEST', 'The request body could not be read completely');
  }
  return Buffer.concat(chunks, total);
}

const isJsonType = (type: string | null) => /^application\/(json|[\w.+-]+\+json)\s*(;|$)/i.test((type ?? '').trim());

/**
 * A JSON object body of at most MAX_JSON_BODY_BYTES: none at all is `{}`; a body that is not
 * declared as JSON is a 415, more than the limit a 413, and text that is not a JSON object a 400.
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  await checkDeclaredLength(request, MAX_JSON_BODY_BYTES);
  if (hasBody(request) && !isJsonType(request.headers.get('content-type'))) {
    throw await refusing(request, new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json'));
  }
  const bytes = await readBodyBytes(request, MAX_JSON_BODY_BYTES);
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === '') return {};
  if (!isJsonType(request.headers.get('content-type'))) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DomainError('BAD_REQUEST', 'The body is not valid JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new DomainError('BAD_REQUEST', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * A copy of a tRPC request whose body has been read within the JSON limit, so the tRPC adapter
 * (which reads bodies whole) never sees more than MAX_JSON_BODY_BYTES. GET and HEAD pass as they are.
 */
export async function withLimitedBody(request: Request): Promise<Request> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return request;
  const bytes = await readBodyBytes(request, MAX_JSON_BODY_BYTES);
  if (bytes.byteLength > 0 && !isJsonType(request.headers.get('content-type'))) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send tRPC input as JSON with Content-Type: application/json');
  }
  const headers = new Headers(request.headers);
  headers.delete('transfer-encoding');
  headers.set('content-length', String(bytes.byteLength));
  return new Request(request.url, { method: request.method, headers, body: bytes.byteLength ? (bytes as Uint8Array<ArrayBuffer>) : null, signal: request.signal });
}
