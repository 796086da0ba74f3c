import { z } from 'zod';
import { DOWNLOAD_FORMATS, DOWNLOADS, MANIFEST, MANIFEST_KEY, type DownloadFile } from '../../ops/downloads/build.ts';
import { SNAPSHOT_DATE, snapshotDates, snapshotKey } from '../../ops/downloads/snapshots.ts';
import { portalStorage } from '../../storage/from-env.ts';
import { readText } from '../../storage/storage.ts';
import { RECORD_TYPES } from '../../types/registry.ts';
import { errorResponse, NotFoundError, UnavailableError } from '../errors.ts';
import type { Portal } from '../portal.ts';
import { listMeta, metaSchema } from './list-meta.ts';
import { serveFile } from './download-file.ts';
import { codebook } from './codebook.ts';
import { dataDictionary, datapackage } from './data-catalogue.ts';

export const downloadFileSchema = z.object({
  type: z.enum(RECORD_TYPES).describe('The record type the file holds'),
  format: z.enum(DOWNLOAD_FORMATS).describe('ndjson.gz: one JSON record a line, gzipped; csv: UTF-8 with BOM, one value a cell; csv.gz: the same CSV gzipped'),
  name: z.string().describe('The file name, e.g. penalties.csv.gz'),
  url: z.string().describe('Where to download it, relative to the portal (Range and If-None-Match supported)'),
  records: z.number().int().describe('How many records it holds (published and corrected ones)'),
  bytes: z.number().int().describe('Its size in bytes, as sent (compressed for .gz)'),
  sha256: z.string().describe('The SHA-256 of its bytes, in hex; also its ETag'),
  generatedAt: z.string().describe('When it was written (ISO 8601, UTC)'),
  publishedFrom: z.string().nullable().optional().describe('The earliest publication date of its records (YYYY-MM-DD); null when it holds none'),
  publishedTo: z.string().nullable().optional().describe('The latest publication date of its records (YYYY-MM-DD); null when it holds none'),
}).meta({ id: 'DownloadFile', description: 'One bulk file: the full published set of one type in one format' });

export const downloadsResponseSchema = z.object({
  files: z.array(downloadFileSchema).describe('The current files, rebuilt after each publication'),
  snapshots: z
    .array(z.object({ date: z.string().describe('The snapshot\'s day (YYYY-MM-DD, UTC)'), files: z.array(downloadFileSchema).describe('Its files, at /api/v1/downloads/{date}/{name}') }))
    .describe('Dated snapshots, newest first: every day of the last 7, and the first of each month'),
  catalogue: z
    .object({
      dictionary: z.string().describe('Every type\'s fields: name, kind, meaning in Chinese and English, example, the header regulators publish'),
      datapackage: z.string().describe('A Frictionless Tabular Data Package describing the CSV files'),
      codebook: z.string().describe('Every coded column\'s codes with their Chinese and English labels'),
    })
    .describe('Where the descriptions of the files are'),
  meta: metaSchema,
}).meta({ id: 'DownloadsResponse', description: 'The bulk downloads, their dated snapshots and where their descriptions are' });
export type DownloadsResponse = z.infer<typeof downloadsResponseSchema>;

/**
 * A manifest's files (the current one's, or a snapshot's), from the portal's storage
 * (storage/from-env.ts: DATA_DIR, STORAGE_DIR or a bucket, shared by every instance).
 */
async function readManifest(key: string): Promise<DownloadFile[] | undefined> {
  const text = await readText(portalStorage(), key).catch(() => {
    throw new UnavailableError('The bulk downloads cannot be read just now; try again in a minute');
  });
  try {
    return text === undefined ? undefined : (JSON.parse(text) as { files: DownloadFile[] }).files;
  } catch {
    return undefined;
  }
}

/** The current files; 503 until the first build has written them. */
export async function currentFiles(): Promise<DownloadFile[]> {
  const files = await readManifest(MANIFEST_KEY);
  if (!files) throw new UnavailableError('The bulk downloads are being prepared; try again in a minute');
  return files;
}

const withUrl = (prefix: string) => (f: DownloadFile) => ({ ...f, url: `/api/v1/downloads/${prefix}${f.name}` });

/** GET /api/v1/downloads: every file with its size, record count, SHA-256 and time, and the snapshots. */
export async function listDownloads(portal: Portal): Promise<DownloadsResponse> {
  const files = (await currentFiles()).map(withUrl(''));
  const snapshots = [];
  const dates = await snapshotDates(portalStorage()).catch(() => {
    throw new UnavailableError('The bulk downloads cannot be read just now; try again in a minute');
  });
  for (const date of dates) {
    const listed = await readManifest(snapshotKey(date, MANIFEST));
    if (listed) snapshots.push({ date, files: listed.map(withUrl(`${date}/`)) });
  }
  const catalogue = Object.fromEntries(Object.keys(CATALOGUE).map((name) => [name, `/api/v1/downloads/${name}.json`])) as DownloadsResponse['catalogue'];
  return { files, snapshots, catalogue, meta: { ...(await listMeta(portal, { total: files.length })) } };
}

/** The JSON files that describe the downloads, computed from the descriptors and the manifest. */
const CATALOGUE: Record<'dictionary' | 'datapackage' | 'codebook', (portal: Portal) => Promise<unknown> | unknown> = {
  dictionary: () => dataDictionary(),
  datapackage: async () => datapackage(await currentFiles()),
  codebook: (portal) => codebook(portal),
};

const FILE_NAME = /^[a-z-]+\.(ndjson\.gz|csv\.gz|csv)$/;

/** GET /api/v1/downloads/{name} or /{date}/{name}: one listed file; names outside its manifest are 404. */
async function downloadFile(request: Request, rest: string, requestId: string): Promise<Response> {
  const parts = rest.split('/');
  const [date, name] = parts.length === 2 ? parts : [undefined, parts[0]!];
  if (parts.length > 2 || !FILE_NAME.test(name!) || (date !== undefined && !SNAPSHOT_DATE.test(date))) throw new NotFoundError(`No download at /api/v1/downloads/${rest}`);
  const keyOf = (fileName: string) => (date === undefined ? `${DOWNLOADS}/${fileName}` : snapshotKey(date, fileName));
  const files = date === undefined ? await currentFiles() : await readManifest(keyOf(MANIFEST));
  if (!files) throw new NotFoundError(`No snapshot of ${date}: GET /api/v1/downloads lists the snapshots kept`);
  const file = files.find((f) => f.name === name);
  if (!file) throw new NotFoundError(`No download named "${name}"${date ? ` in the snapshot of ${date}` : ''}`);
  return serveFile(request, file, portalStorage(), keyOf(file.name), requestId);
}

/**
 * A JSON answer. No Content-Length: the site's middleware compresses JSON for clients that accept
 * it (and adds the ETag a GET is revalidated with).
 */
function jsonResponse(body: unknown, requestId: string): Response {
  return new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId },
  });
}

/**
 * Everything under /api/v1/downloads (`route`: the path without /api/v1/). api/rest.ts has already
 * refused other methods than GET (405), and the web server answers HEAD as a GET without a body.
 */
export async function serveDownloads(request: Request, route: string, ctx: { portal: Portal; requestId: string }): Promise<Response> {
  try {
    if (route === 'downloads') return jsonResponse(await listDownloads(ctx.portal), ctx.requestId);
    const rest = route.slice('downloads/'.length);
    const described = Object.entries(CATALOGUE).find(([name]) => rest === `${name}.json`);
    if (described) return jsonResponse(await described[1](ctx.portal), ctx.requestId);
    return await downloadFile(request, rest, ctx.requestId);
  } catch (error) {
    return errorResponse(error, ctx.requestId);
  }
}
