import { Readable } from 'node:stream';
import type { DownloadFile } from '../../ops/downloads/build.ts';
import { CONTENT_TYPE } from '../../ops/downloads/manifest.ts';
import type { Storage } from '../../storage/storage.ts';
import { DomainError, errorResponse, UnavailableError } from '../errors.ts';

/** A single byte range of a file, both ends included. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The one range a `Range: bytes=…` header asks for in a file of `size` bytes: `undefined` to send
 * the whole file (no header, another unit, several ranges, or a malformed one — RFC 9110 lets a
 * server ignore those), 'unsatisfiable' when it starts beyond the end.
 */
export function byteRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Number(match[2]);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined;
  return { start, end: Math.min(end, size - 1) };
}

/** True when an `If-None-Match` list names `etag` (weak or strong) or is `*`. */
export function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/**
 * One listed file, stored at `key`: its ETag is its SHA-256, so `If-None-Match`
 * answers 304 without reading it; `Range` answers 206 with `Content-Range` (416 past the end), so
 * an interrupted download of a big file resumes where it stopped (`If-Range` guards against a
 * rebuilt file in between). A HEAD reads almost nothing: the web server ends the response once its
 * headers are out, and the stream is cancelled (runtime/web-server.mjs). From a bucket the bytes
 * stream through this server, so the headers and access rules stay the same on every storage.
 */
export async function serveFile(request: Request, file: DownloadFile, storage: Storage, key: string, requestId: string): Promise<Response> {
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPE[file.format],
    'content-disposition': `attachment; filename="${file.name}"`,
    etag,
    'accept-ranges': 'bytes',
    'cache-control': 'public, max-age=300',
    'last-modified': new Date(file.generatedAt).toUTCString(),
    'x-request-id': requestId,
  };
  if (matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  const ifRange = request.headers.get('if-range');
  const range = ifRange && ifRange.trim() !== etag ? undefined : byteRange(request.headers.get('range'), file.bytes);
  if (range === 'unsatisfiable') {
    const refused = errorResponse(new DomainError('RANGE_NOT_SATISFIABLE', `The range is outside the file: ${file.name} has ${file.bytes} bytes (ask for bytes=0-${Math.max(0, file.bytes - 1)} or less)`), requestId);
    refused.headers.set('content-range', `bytes */${file.bytes}`);
    return refused;
  }
  const { start, end } = range ?? { start: 0, end: file.bytes - 1 };
  const length = Math.max(0, end - start + 1);
  const partial: Record<string, string> = range ? { 'content-range': `bytes ${start}-${end}/${file.bytes}` } : {};
  let body: ReadableStream | null = null;
  if (length > 0) {
    const stored = await storage.get(key, { start, end }).catch(() => {
      throw new UnavailableError(`${file.name} cannot be read from the storage just now; try again in a minute`);
    });
    // The manifest names it, the storage has not got it (yet): a build is replacing the files.
    // Or it has the next build's file already, before that build's manifest: a length other than
    // the one this answer states would end the download broken.
    if (!stored || stored.size !== file.bytes) {
      stored?.body.destroy();
      throw new UnavailableError(`${file.name} is being replaced by a new build; try again in a minute`);
    }
    body = Readable.toWeb(stored.body) as ReadableStream;
  }
  return new Response(body, { status: range ? 206 : 200, headers: { ...headers, ...partial, 'content-length': String(length) } });
}
