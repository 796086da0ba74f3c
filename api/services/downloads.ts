import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { MANIFEST, type DownloadFile } from '../../ops/downloads/build.ts';
import { parseEnv } from '../../core/env.ts';
import { DomainError, NotFoundError, UnavailableError } from '../errors.ts';
import type { Portal } from '../portal.ts';
import { listMeta } from './list-meta.ts';

/** Where the portal writes the bulk files: DATA_DIR/downloads (shared storage when scaled out). */
const downloadsDir = () => path.resolve(parseEnv().DATA_DIR, 'downloads');

async function manifest(): Promise<DownloadFile[]> {
  try {
    return (JSON.parse(await fs.readFile(path.join(downloadsDir(), MANIFEST), 'utf8')) as { files: DownloadFile[] }).files;
  } catch {
    throw new UnavailableError('The bulk downloads are being prepared; try again in a minute');
  }
}

/** GET /api/v1/downloads: every file with its size, record count, SHA-256 and time. */
export async function listDownloads(portal: Portal) {
  const files = (await manifest()).map((f) => ({ ...f, url: `/api/v1/downloads/${f.name}` }));
  return { files, meta: await listMeta(portal, { total: files.length }) };
}

/** GET /api/v1/downloads/{name}: one listed file, streamed; names outside the manifest are 404. */
export async function downloadFile(name: string, ifNoneMatch: string | null): Promise<Response> {
  if (!/^[a-z-]+\.(ndjson\.gz|csv)$/.test(name)) throw new DomainError('NOT_FOUND', `No download named "${name}"`);
  const file = (await manifest()).find((f) => f.name === name);
  if (!file) throw new NotFoundError(`No download named "${name}"`);
  const etag = `"${file.sha256}"`;
  const headers = {
    'content-type': file.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/gzip',
    'content-disposition': `attachment; filename="${file.name}"`,
    etag,
    'cache-control': 'public, max-age=300',
  };
  if (ifNoneMatch === etag) return new Response(null, { status: 304, headers });
  const stream = Readable.toWeb(createReadStream(path.join(downloadsDir(), file.name))) as ReadableStream;
  return new Response(stream, { headers: { ...headers, 'content-length': String(file.bytes) } });
}
