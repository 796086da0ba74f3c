import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { importFile } from '../../ingest/import-file.ts';
import type { Tx } from '../../ingest/write-batch.ts';
import { expireDisclosures } from '../../ops/lifecycle/status.ts';
import { SUPPORTED_EXTENSIONS } from '../../ingest/read-table.ts';
import { DomainError } from '../errors.ts';
import type { Portal } from '../portal.ts';
import { nulPathIn } from '../unsafe-text.ts';
import { changedHere } from '../change-watch.ts';
import { RECORD_TYPES } from '../../types/registry.ts';

/** Form fields of POST /api/v1/admin/imports, besides the file: the command's options. */
export const adminImportFields = z.object({
  type: z.enum(RECORD_TYPES, { error: `must be one of: ${RECORD_TYPES.join(', ')}` }).describe('The record type of the file’s rows'),
  authority: z.string().max(200).optional().describe('The publishing authority, when the file does not name it'),
  announcementNo: z.string().max(200).optional().describe('The announcement’s number, when the file does not print it'),
  announcementTitle: z.string().max(500).optional().describe('The announcement’s title'),
  publishedAt: z.string().max(40).optional().describe('The publication date (YYYY-MM-DD), when the file does not give it'),
  level: z.string().max(40).optional().describe('Spot checks: national, provincial, municipal or county'),
  category: z.string().max(100).optional().describe('A product category slug for every row'),
  campaign: z.string().max(100).optional().describe('A campaign slug for every row'),
  sourceUrl: z.string().max(2000).optional().describe('Where the announcement is published'),
  source: z.string().max(60).optional().describe('Foreign alerts: the publisher, when the file’s headers do not show it'),
  result: z.enum(['合格', '不合格', 'qualified', 'unqualified']).optional().describe('Spot checks: the result of every row, for a list of only qualified or only unqualified products'),
  unqualifiedItems: z.string().max(2000).optional().describe('Spot checks: the failed items of every row, when the list prints them once'),
  batchesTested: z.string().regex(/^\d{1,9}$/, 'must be a whole number').transform(Number).optional().describe('Spot checks: the batches the announcement says it tested'),
  batchesFailed: z.string().regex(/^\d{1,9}$/, 'must be a whole number').transform(Number).optional().describe('Spot checks: the batches it says failed'),
  operator: z.string().trim().min(1).max(100).default('admin-api').describe('Who imported it, for the audit log'),
  partial: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').default(false).describe('true: write the good rows and report the bad ones, instead of rejecting the file'),
  dryRun: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').default(false).describe('true: validate and report, write nothing'),
});

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
// The formats the importer reads, and the ones it refuses with advice on converting them (a 422
// that says what to do, rather than a bare "unsupported type").
const EXTENSIONS = new Set([...SUPPORTED_EXTENSIONS, '.pdf', '.doc', '.wps', '.et', '.ett', '.rtf', '.ofd', '.mht', '.mhtml', '.odt', '.ods']);

/**
 * Imports one uploaded file exactly as `npm run import` would and returns the same report.
 * The upload is kept in a private temporary folder only for the duration of the import.
 */
export async function importUpload(portal: Portal, file: File, fields: z.output<typeof adminImportFields>) {
  const name = path.basename(file.name || 'upload.csv').replace(/[^\p{L}\p{N}._-]/gu, '_');
  const ext = path.extname(name).toLowerCase();
  if (!EXTENSIONS.has(ext)) throw new DomainError('BAD_REQUEST', `file: unsupported type "${ext || '(none)'}"; send ${SUPPORTED_EXTENSIONS.join(', ')}`);
  if (file.size > MAX_UPLOAD_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', `file: larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; use npm run import for big files`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'portal-upload-'));
  try {
    const target = path.join(dir, name);
    await fs.writeFile(target, Buffer.from(await file.arrayBuffer()));
    const { operator, ...options } = fields;
    const nul = nulPathIn(fields);
    if (nul) throw new DomainError('BAD_REQUEST', `${nul}: must not contain NUL characters (U+0000)`);
    // Records already past their disclosure period are expired in the import's own transaction.
    const beforeCommit = async (tx: Tx) => void (await expireDisclosures(tx, operator));
    const result = await importFile(portal.db, target, { ...options, operator, archive: portal.storage, beforeCommit });
    if (result.created + result.corrected > 0) changedHere(portal);
    // Where the original is archived is the server's business, not the uploader's.
    const { archived: _archived, ...report } = result;
    return { ...report, file: name };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The import report (the same as `npm run import` prints); its row-level detail is described by the fields below. */
export const importReportSchema = z
  .looseObject({
    importId: z.number().int().nullable().describe('The import’s id in the audit log; null when nothing was written'),
    file: z.string().describe('The file’s name'),
    fileSha256: z.string().describe('SHA-256 of the file: the name under which its bytes are archived'),
    status: z.enum(['succeeded', 'rejected']).describe('succeeded: every row written; rejected: nothing written'),
    rows: z.number().int().describe('Rows read'),
    created: z.number().int().describe('Records created'),
    corrected: z.number().int().describe('Records corrected (a new version)'),
    unchanged: z.number().int().describe('Rows that repeat a record as it is'),
    rejected: z.number().int().describe('Rows with a problem'),
    errors: z.array(z.record(z.string(), z.unknown())).describe('The first 1,000 problems: sheet, row, column, value, reason'),
    errorCount: z.number().int().describe('Every problem found'),
    warnings: z.array(z.record(z.string(), z.unknown())).describe('What the report says without rejecting anything: inferred results, unmapped columns, skipped rows'),
    warningCount: z.number().int().describe('Every warning'),
  })
  .meta({ id: 'ImportReport', description: 'What an import did, row by row' });
