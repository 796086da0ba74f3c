import { z } from 'zod';
import { metaSchema } from '../services/list-meta.ts';
import { recordTypeSchema } from '../services/record-schemas.ts';

/**
 * GET /downloads as it is served (api/services/downloads.ts reads ops/downloads' manifest). Loose:
 * the manifest grows new formats and fields, and a client should keep what it does not know.
 */
export const downloadFileSchema = z
  .looseObject({
    type: recordTypeSchema,
    format: z.string().describe('The file’s format: ndjson.gz (one record per line, gzip) or csv'),
    name: z.string().describe('Its file name: GET /downloads/{name}'),
    url: z.string().describe('Its path'),
    records: z.number().int().describe('How many records it holds'),
    bytes: z.number().int().describe('Its size in bytes'),
    sha256: z.string().describe('SHA-256 of its bytes (hex): also its ETag'),
    generatedAt: z.string().describe('When it was written (ISO 8601)'),
  })
  .meta({ id: 'DownloadFile', description: 'One bulk file: the full published set of one type in one format' });

export const downloadsResponseSchema = z
  .object({ files: z.array(downloadFileSchema).describe('Every file, per type and format'), meta: metaSchema })
  .meta({ id: 'DownloadsResponse', description: 'The bulk downloads' });
