import type { z } from 'zod';
import { restoreInput, withdrawInput } from '../routers/admin.ts';
import { enterpriseInput } from '../routers/enterprises.ts';
import { failureRatesInput } from '../routers/stats.ts';
import { adminImportFields } from '../services/admin-import.ts';
import { changesInput } from '../services/changes.ts';
import { countInput } from '../services/count.ts';
import { screenInput } from '../services/screen-input.ts';
import { screenProductsInput } from '../services/screen-products-input.ts';
import { SCORING_RULE } from '../services/screen-products-score.ts';
import { searchInput } from '../services/search.ts';
import { suggestInput } from '../services/suggest.ts';
import { RECORD_TYPES } from '../../types/registry.ts';
import { EXAMPLES } from './examples.ts';
import { ADMIN_ERRORS, COMMON_HEADERS, GET_ERRORS, GET_ONE_ERRORS, ok, POST_ERRORS } from './responses.ts';
import { inputSchema, ref, type JsonSchema } from './schemas.ts';
import { watchlistPaths } from './watchlist-paths.ts';

/** A zod object's fields as OpenAPI query (or path) parameters, each described. */
function parameters(schema: z.ZodType, where: 'query' | 'path' = 'query', omit: string[] = []): Record<string, unknown>[] {
  const json = inputSchema(schema);
  return Object.entries(json.properties ?? {})
    .filter(([name]) => !omit.includes(name))
    .map(([name, property]) => {
      const { description, ...rest } = property;
      return {
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        description,
        schema: rest as JsonSchema,
      };
    });
}

const typeParam = { name: 'type', in: 'path', required: true, description: 'The record type', schema: { type: 'string', enum: [...RECORD_TYPES] } };
const idParam = (what: string) => ({ name: 'id', in: 'path', required: true, description: `The ${what}’s id`, schema: { type: 'string', minLength: 1, maxLength: 300 } });
const jsonBody = (schema: unknown, example: unknown) => ({ required: true, content: { 'application/json': { schema, example } } });

/** Said of every GET: HEAD answers the same headers without a body; OPTIONS is the CORS preflight. */
const GET_NOTE = ' HEAD is accepted wherever GET is (same status and headers, no body); OPTIONS answers the CORS preflight. Any other method is a 405 with Allow.';
const get = (operationId: string, summary: string, description: string, rest: Record<string, unknown>) => ({
  get: { operationId, summary, description: description + GET_NOTE, ...rest },
});

const fileParam = { name: 'name', in: 'path', required: true, description: 'The file’s name, as /downloads lists it', schema: { type: 'string' } };
const fileContent = { 'application/gzip': { schema: { type: 'string', contentMediaType: 'application/gzip' } }, 'text/csv': { schema: { type: 'string' } } };
/** A bulk file: whole, in part (Range), or not modified; errors as for any GET of one thing. */
const FILE_RESPONSES = {
  '200': { description: 'The file', headers: { ...COMMON_HEADERS, ETag: { $ref: '#/components/headers/ETag' } }, content: fileContent },
  '206': { description: 'The part of the file the Range header asked for (Content-Range says which)', headers: { ...COMMON_HEADERS, ETag: { $ref: '#/components/headers/ETag' } }, content: fileContent },
  '416': { description: 'The range asked for is outside the file', headers: COMMON_HEADERS },
  ...GET_ONE_ERRORS,
};
/** /downloads/{file}.json: one of the descriptions of the downloads. */
const catalogueFile = (file: string, operationId: string, summary: string, description: string, schema: string) => ({
  [`/downloads/${file}.json`]: get(operationId, summary, description, { responses: { '200': ok(ref(schema), EXAMPLES[operationId as keyof typeof EXAMPLES]), ...GET_ERRORS } }),
});

/** The product-screening body with its items named (ProductScreeningItem). */
function productsBody(): JsonSchema {
  const body = inputSchema(screenProductsInput);
  const items = body.properties!.items!;
  return { ...body, properties: { ...body.properties, items: { ...items, items: ref('ProductScreeningItem') } } };
}

export function paths(): Record<string, unknown> {
  return {
    '/search': get('search', 'Federated or per-type search', 'Full-text search over every record type and the enterprise register, with filters, facets, sort and cursor paging. Answers from PostgreSQL, marked meta.degraded, while the search engine is unreachable.', {
      parameters: parameters(searchInput),
      responses: { '200': ok(ref('SearchResponse'), EXAMPLES.search), ...GET_ERRORS },
    }),
    '/suggest': get('suggest', 'Enterprise and brand names for a prefix', 'Search-as-you-type: names, aliases and brands of enterprises that match the prefix.', {
      parameters: parameters(suggestInput),
      responses: { '200': ok(ref('SuggestResponse'), EXAMPLES.suggest), ...GET_ERRORS },
    }),
    '/count': get('count', 'Counts by a field, every term', 'Counts of published records of one type by one field, most frequent first, never truncated. Each type has its own countable fields (`x-countable-fields` on the field parameter); any other pair is a 400 naming the fields of that type.', {
      parameters: parameters(countInput),
      responses: { '200': ok(ref('CountResponse'), EXAMPLES.count), ...GET_ERRORS },
    }),
    '/{type}': get('listByType', 'One type’s listing', 'The records of one type: the same filters, sort and paging as /search with the type fixed.', {
      parameters: [typeParam, ...parameters(searchInput, 'query', ['type'])],
      responses: { '200': ok(ref('SearchResponse'), EXAMPLES.listByType), ...GET_ONE_ERRORS },
    }),
    '/{type}/{id}': get('getRecord', 'One record with its versions and history', 'Every published field of one record, its labels in both languages, related records, versions and lifecycle events. Withdrawn and expired records are answered too: their status says so.', {
      parameters: [typeParam, idParam('record')],
      responses: { '200': ok(ref('RecordResponse'), EXAMPLES.getRecord), ...GET_ONE_ERRORS },
    }),
    '/enterprises/{key}': get('getEnterprise', 'Enterprise profile by USCC or id', 'An enterprise, the facts behind its verdict, its flags and the timeline of every visible record about it.', {
      parameters: parameters(enterpriseInput, 'path'),
      responses: { '200': ok(ref('EnterpriseProfile'), EXAMPLES.getEnterprise), ...GET_ONE_ERRORS },
    }),
    '/screen': {
      post: {
        operationId: 'screen',
        summary: 'Batch screening of sellers and products',
        description: 'Up to 1,000 names, USCCs, licence numbers or brands per request, each answered with its best matches and their flags. Changes nothing. OPTIONS answers the CORS preflight (Authorization and Content-Type headers allowed).',
        requestBody: jsonBody(inputSchema(screenInput), { queries: [{ key: 'supplier-17', uscc: '91330110MA2XXXXX0X' }, { key: 'supplier-18', name: '深圳市示例电缆股份有限公司' }, { key: 'supplier-19', name: '宁波示例灯饰有限公司', brand: '示例光' }], threshold: 0.7 }),
        responses: { '200': ok(ref('ScreenResponse'), EXAMPLES.screen, { etag: false }), ...POST_ERRORS },
      },
    },
    '/screen/products': {
      post: {
        operationId: 'screenProducts',
        summary: 'Batch screening of product listings',
        description: `Up to 1,000 listings per request (brand, model, batch, manufacturer, USCC, GTIN, platform, store), each answered with the failed spot-check batches and foreign alerts that match, with per-field evidence. An item needs a key and at least one identifying field (brand, model, gtin, manufacturer, manufacturer_uscc); product_name, batch, platform and store only add to a match. A malformed item (no identifying field, a GTIN with a bad check digit, a malformed USCC, a key used twice) is answered with its own error and the rest are screened; a malformed body is a 400. ${SCORING_RULE} Changes nothing. OPTIONS answers the CORS preflight.`,
        requestBody: jsonBody(productsBody(), EXAMPLES.screenProductsRequest),
        responses: { '200': ok(ref('ProductScreenResponse'), EXAMPLES.screenProducts, { etag: false }), ...POST_ERRORS },
      },
    },
    '/changes': get('changes', 'The change feed', 'Every create, correction, withdrawal, restore and expiry, in commit order; the cursor never skips a change. Poll with since=meta.next_cursor to keep a synced copy.', {
      parameters: parameters(changesInput),
      responses: { '200': ok(ref('ChangesResponse'), EXAMPLES.changes), ...GET_ERRORS },
    }),
    '/stats/failure-rates': get('failureRates', 'Spot-check failure rates by category or year', 'From the totals announcements print (or their full result lists); unqualified-only lists without totals are left out and counted in coverage.excludedRows.', {
      parameters: parameters(failureRatesInput),
      responses: { '200': ok(ref('FailureRates'), EXAMPLES.failureRates), ...GET_ERRORS },
    }),
    '/downloads': get('listDownloads', 'The bulk downloads', 'The full published set of each type as NDJSON.gz, CSV and CSV.gz, with sizes, record counts and SHA-256; the dated snapshots kept (every day of the last 7 and the first of each month); and where the data dictionary, the Frictionless data package and the codebook are. 503 while the files are being prepared.', {
      responses: { '200': ok(ref('DownloadsResponse'), EXAMPLES.listDownloads), ...GET_ERRORS },
    }),
    ...catalogueFile('dictionary', 'dataDictionary', 'The data dictionary', 'Every field of every record type: its name (the CSV column and NDJSON key), kind, meaning in Chinese and English, an example, and the header regulators publish it under. The page /data/dictionary shows the same.', 'DataDictionary'),
    ...catalogueFile('datapackage', 'dataPackage', 'A Frictionless data package of the CSV downloads', 'A Tabular Data Package descriptor: one resource per CSV file with its absolute URL, bytes, sha256 hash and Table Schema; the licence as an SPDX id with its URL.', 'DataPackage'),
    ...catalogueFile('codebook', 'codebook', 'The codebook of coded columns', 'For every coded column (result, level, penalty kinds, licence actions, categories…) the codes it allows and those the records hold, with their Chinese and English words, from the glossary the pages use.', 'Codebook'),
    '/downloads/{name}': get('download', 'One bulk file', 'One listed file, streamed. Its ETag is its SHA-256: If-None-Match answers 304; Range answers 206 with the part asked for (If-Range honoured), 416 when the range is outside the file.', {
      parameters: [fileParam],
      responses: FILE_RESPONSES,
    }),
    '/downloads/{date}/{name}': get('downloadSnapshot', 'One file of a dated snapshot', 'A file as it was on that day (the snapshots /downloads lists: every day of the last 7 and the first of each month), with the same ETag, Range and HEAD behaviour as the current files.', {
      parameters: [{ name: 'date', in: 'path', required: true, description: 'The snapshot’s day (YYYY-MM-DD), as /downloads lists it', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } }, fileParam],
      responses: FILE_RESPONSES,
    }),
    ...watchlistPaths(),
    '/admin/imports': {
      post: {
        operationId: 'adminImport',
        summary: 'Import a file',
        description: 'Imports one file as `npm run import` would (admin token). A rejected file is a 422 with the row-level report beside the error; nothing is written.',
        security: [{ apiKey: [] }],
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { ...inputSchema(adminImportFields), properties: { ...inputSchema(adminImportFields).properties, file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The file: CSV, XLSX, XLS, DOCX, HTML or Markdown' } }, required: ['file'] } } } },
        responses: {
          '200': ok(ref('ImportReport'), EXAMPLES.adminImport, { etag: false, description: 'The import report' }),
          '422': { description: 'The file was rejected: the error and the row-level report', headers: COMMON_HEADERS, content: { 'application/json': { schema: { allOf: [ref('Error'), { type: 'object', properties: { report: ref('ImportReport') } }] } } } },
          ...ADMIN_ERRORS,
        },
      },
    },
    '/admin/records/{id}/withdraw': {
      post: {
        operationId: 'adminWithdraw', summary: 'Withdraw a record', description: 'Withdraws a record with a reason (admin token): it leaves search and verdicts, its permalink shows the reason.',
        security: [{ apiKey: [] }], parameters: [idParam('record')],
        requestBody: jsonBody(inputSchema(withdrawInput.omit({ id: true })), { reason: '发布机关撤回该批次结果', type: RECORD_TYPES[0] }),
        responses: { '200': ok(ref('LifecycleResult'), EXAMPLES.adminLifecycle, { etag: false }), ...ADMIN_ERRORS },
      },
    },
    '/admin/records/{id}/restore': {
      post: {
        operationId: 'adminRestore', summary: 'Restore a withdrawn record', description: 'Restores a withdrawn record (admin token) to published, or corrected when it has several versions.',
        security: [{ apiKey: [] }], parameters: [idParam('record')],
        requestBody: jsonBody(inputSchema(restoreInput.omit({ id: true })), { type: RECORD_TYPES[0] }),
        responses: { '200': ok(ref('LifecycleResult'), { ...EXAMPLES.adminLifecycle, status: 'published', previousStatus: 'withdrawn' }, { etag: false }), ...ADMIN_ERRORS },
      },
    },
  };
}
