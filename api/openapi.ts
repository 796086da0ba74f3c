import { z } from 'zod';
import { withdrawInput, restoreInput } from './routers/admin.ts';
import { enterpriseInput } from './routers/enterprises.ts';
import { adminImportFields } from './services/admin-import.ts';
import { screenInput } from './services/screen-input.ts';
import { failureRatesInput } from './routers/stats.ts';
import { changesInput } from './services/changes.ts';
import { countInput } from './services/count.ts';
import { DATA_LICENSE } from './services/list-meta.ts';
import { searchInput } from './services/search.ts';
import { suggestInput } from './services/suggest.ts';
import { RECORD_TYPES } from '../types/registry.ts';
import { FLAG_TYPES } from '../types/enterprise-facts.ts';
import { AUDIT_ACTIONS } from '../db/schema/index.ts';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** The JSON Schema of what a client sends, from the same zod schema the server validates with. */
const inputSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** A zod object's fields as OpenAPI query (or path) parameters. */
function parameters(schema: z.ZodType, where: 'query' | 'path' = 'query', omit: string[] = []): Record<string, unknown>[] {
  const json = inputSchema(schema);
  return Object.entries(json.properties ?? {})
    .filter(([name]) => !omit.includes(name))
    .map(([name, property]) => ({
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      schema: property,
      ...(typeof property.description === 'string' ? { description: property.description } : {}),
    }));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const ok = (schema: unknown, description = 'OK') => ({ description, ...jsonBody(schema) });
const errors = {
  '400': { description: 'Bad input: the message says what is wrong', ...jsonBody(ref('Error')) },
  '429': { description: 'Over the rate limit; see Retry-After', ...jsonBody(ref('Error')) },
};
const typeParam = { name: 'type', in: 'path', required: true, schema: { type: 'string', enum: RECORD_TYPES } };

const COMPONENTS = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: { error: { type: 'object', required: ['code', 'message', 'requestId'], properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } } } },
  },
  Meta: {
    type: 'object',
    required: ['total', 'next_cursor', 'last_updated', 'license', 'disclaimer'],
    properties: {
      total: { type: 'integer' },
      next_cursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page' },
      last_updated: { type: ['string', 'null'], format: 'date-time' },
      license: { type: 'string' },
      disclaimer: { type: 'string' },
      sample_data: { type: 'boolean', description: 'True while generated, fictional sample data is served' },
    },
  },
  Hit: {
    type: 'object',
    required: ['type', 'id', 'title', 'url'],
    properties: {
      type: { type: 'string', enum: [...RECORD_TYPES, 'enterprises'] },
      id: { type: 'string' },
      title: { type: 'string' },
      subtitle: { type: 'string' },
      url: { type: 'string', description: 'Path of the record page; add `.json` for its data' },
      publishedAt: { type: 'string', format: 'date' },
      highlight: { type: 'object', properties: { title: { type: 'string', description: 'HTML: escaped text with <mark>' } } },
      heading: {
        type: 'object', description: 'Records: the title without its outcome, in Chinese and English (published names stay as published)',
        properties: { zh: { type: 'string' }, en: { type: 'string' } },
      },
      outcome: {
        type: 'object', description: 'Records: what the record found, as its badge says it',
        properties: {
          tone: { type: 'string', enum: ['adverse', 'clean', 'neutral'], description: 'adverse counts against the enterprise named; clean is a pass' },
          label: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
        },
      },
      subtitleEn: { type: 'string', description: 'Records: the firm `subtitle` names, by its known English name (from an enterprise directory)' },
      status: { type: 'string', enum: ['published', 'corrected'], description: 'Records: corrected when a newer version replaced the first' },
      authority: { type: 'string', description: 'Records: the publishing authority as published' },
    },
  },
  SearchResponse: {
    type: 'object',
    required: ['hits', 'facets', 'meta'],
    properties: {
      hits: { type: 'array', items: ref('Hit') },
      facets: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } } },
      groups: { type: 'object', additionalProperties: { type: 'object', properties: { hits: { type: 'array', items: ref('Hit') }, total: { type: 'integer' } } } },
      identifier: { type: 'object', properties: { kind: { type: 'string' }, value: { type: 'string' } } },
      answer: {
        type: 'object',
        description: 'The one enterprise the query names (full name, alias, English name, pinyin, or a core name only one enterprise has); absent when none or several do',
        required: ['id', 'name', 'url', 'by'],
        properties: { id: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' }, by: { type: 'string', enum: ['name', 'alias', 'english-name', 'pinyin', 'core-name'] } },
      },
      meta: { allOf: [ref('Meta'), { type: 'object', properties: { total_exact: { type: 'boolean', description: 'False when total is a lower bound (more matches than are counted)' }, degraded: { type: 'boolean' } } }] },
    },
  },
  Bilingual: {
    type: 'object', required: ['zh', 'en'], description: 'A text in Chinese and English',
    properties: { zh: { type: 'string' }, en: { type: 'string' } },
  },
  RecordResponse: {
    type: 'object',
    required: ['type', 'record', 'versions', 'events'],
    properties: {
      type: { type: 'string', enum: RECORD_TYPES },
      record: { type: 'object', description: 'Every published field of the record, with status and version' },
      labels: {
        type: 'object',
        description: 'Coded and fixed-vocabulary fields in Chinese and English, from the portal’s glossary: status, outcome, authority, region, productCategory, campaign and the type’s own codes (result, level, channel, penaltyTypes, violationType, action, licenseType, jurisdiction, publisher). A value the glossary cannot word keeps its published Chinese in `en`.',
        additionalProperties: {
          oneOf: [
            { $ref: '#/components/schemas/Bilingual' },
            { type: 'array', items: { $ref: '#/components/schemas/Bilingual' } },
          ],
        },
      },
      versions: { type: 'array', items: { type: 'object', properties: { version: { type: 'integer' }, createdAt: { type: 'string' }, data: { type: 'object' } } } },
      events: { type: 'array', items: { type: 'object', properties: { action: { type: 'string' }, at: { type: 'string' }, version: { type: 'integer' }, reason: { type: ['string', 'null'] } } } },
      related: { type: 'array', items: { type: 'object' } },
    },
  },
  EnterpriseResponse: {
    type: 'object',
    required: ['enterprise', 'facts', 'flags', 'timeline'],
    properties: {
      enterprise: { type: 'object' },
      facts: { type: 'object' },
      flags: { type: 'object', properties: Object.fromEntries(Object.entries(FLAG_TYPES).map(([name, type]) => [name, { type }])) },
      timeline: { type: 'array', items: { type: 'object' } },
    },
  },
  CountResponse: {
    type: 'object',
    required: ['results', 'meta'],
    properties: { results: { type: 'array', items: { type: 'object', properties: { term: { type: ['string', 'null'] }, count: { type: 'integer' } } } }, meta: ref('Meta') },
  },
};

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the server validates with. */
export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Product quality transparency portal — open-data API',
      version: '1',
      description: 'Spot checks, licence revocations, typical cases, penalty disclosures and cross-border alerts (foreign regulators’ alerts about products from China, each under its publisher’s licence). Every list response has `meta`; every error is `{ error: { code, message, requestId } }`.',
      license: { name: DATA_LICENSE, identifier: 'CC-BY-4.0' },
    },
    servers: [{ url: '/api/v1' }],
    // Public reads need no key; a key raises the rate limit. /admin operations require a token.
    security: [{}, { apiKey: [] }],
    components: { schemas: COMPONENTS, securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (higher rate limit) or, for /admin, an admin token' } } },
    paths: {
      '/search': { get: { operationId: 'search', summary: 'Federated or per-type search', parameters: parameters(searchInput), responses: { '200': ok(ref('SearchResponse')), ...errors } } },
      '/suggest': { get: { operationId: 'suggest', summary: 'Enterprise and brand names for a prefix', parameters: parameters(suggestInput), responses: { '200': ok({ type: 'object', properties: { suggestions: { type: 'array', items: { type: 'object' } } } }), ...errors } } },
      '/count': { get: { operationId: 'count', summary: 'Counts by a field, every term', parameters: parameters(countInput), responses: { '200': ok(ref('CountResponse')), ...errors } } },
      '/{type}': { get: { operationId: 'listByType', summary: 'One type’s listing (same parameters as search)', parameters: [typeParam, ...parameters(searchInput, 'query', ['type'])], responses: { '200': ok(ref('SearchResponse')), ...errors } } },
      '/{type}/{id}': {
        get: {
          operationId: 'getRecord',
          summary: 'One record with its versions and history (withdrawn and expired records too)',
          parameters: [typeParam, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': ok(ref('RecordResponse')), '404': { description: 'No such record', ...jsonBody(ref('Error')) }, ...errors },
        },
      },
      '/enterprises/{key}': {
        get: { operationId: 'getEnterprise', summary: 'Enterprise profile by USCC or id', parameters: parameters(enterpriseInput, 'path'), responses: { '200': ok(ref('EnterpriseResponse')), '404': { description: 'No such enterprise', ...jsonBody(ref('Error')) }, ...errors } },
      },
      '/admin/imports': {
        post: {
          operationId: 'adminImport',
          summary: 'Import a file (admin token)',
          security: [{ apiKey: [] }],
          requestBody: { content: { 'multipart/form-data': { schema: { ...inputSchema(adminImportFields), properties: { ...inputSchema(adminImportFields).properties, file: { type: 'string', contentMediaType: 'application/octet-stream' } } } } } },
          responses: { '200': ok({ type: 'object' }, 'The import report'), '401': { description: 'No admin token', ...jsonBody(ref('Error')) }, '422': { description: 'Rejected file, with the report', ...jsonBody({ type: 'object' }) }, ...errors },
        },
      },
      '/admin/records/{id}/withdraw': { post: { operationId: 'adminWithdraw', summary: 'Withdraw a record with a reason (admin token)', security: [{ apiKey: [] }], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], requestBody: jsonBody(inputSchema(withdrawInput.omit({ id: true }))), responses: { '200': ok({ type: 'object' }), '401': { description: 'No admin token', ...jsonBody(ref('Error')) }, '409': { description: 'Already withdrawn', ...jsonBody(ref('Error')) }, ...errors } } },
      '/admin/records/{id}/restore': { post: { operationId: 'adminRestore', summary: 'Restore a withdrawn record (admin token)', security: [{ apiKey: [] }], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], requestBody: jsonBody(inputSchema(restoreInput.omit({ id: true }))), responses: { '200': ok({ type: 'object' }), '401': { description: 'No admin token', ...jsonBody(ref('Error')) }, ...errors } } },
      '/downloads': { get: { operationId: 'listDownloads', summary: 'The full published set per type as NDJSON.gz and CSV', responses: { '200': ok({ type: 'object', properties: { files: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, format: { type: 'string', enum: ['ndjson.gz', 'csv'] }, name: { type: 'string' }, url: { type: 'string' }, records: { type: 'integer' }, bytes: { type: 'integer' }, sha256: { type: 'string' }, generatedAt: { type: 'string', format: 'date-time' } } } }, meta: ref('Meta') } }), '429': errors['429'], '503': { description: 'Being prepared', ...jsonBody(ref('Error')) } } } },
      '/downloads/{name}': { get: { operationId: 'download', summary: 'One listed file (ETag = its SHA-256)', parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The file', content: { 'application/gzip': { schema: { type: 'string', contentMediaType: 'application/gzip' } }, 'text/csv': { schema: { type: 'string' } } } }, '404': { description: 'No such file', ...jsonBody(ref('Error')) } } } },
      '/stats/failure-rates': {
        get: {
          operationId: 'failureRates',
          summary: 'Spot-check failure rates by category or year, from the totals announcements print (or their full result lists); unqualified-only lists without totals are left out and counted in coverage.excludedRows',
          parameters: parameters(failureRatesInput),
          responses: {
            '200': ok({
              type: 'object',
              properties: {
                by: { type: 'string', enum: ['category', 'year'] },
                rates: { type: 'array', items: { type: 'object', properties: {
                  category: { type: ['string', 'null'] }, year: { type: 'integer' }, sampled: { type: 'integer' }, unqualified: { type: 'integer' }, rate: { type: 'number' },
                  basis: { type: 'string', enum: ['published-totals', 'published-rows', 'mixed'] }, excludedRows: { type: 'integer' },
                } } },
                coverage: { type: 'object', properties: { excludedRows: { type: 'integer' }, basis: { type: 'string' } } },
              },
            }),
            ...errors,
          },
        },
      },
      '/screen': {
        post: {
          operationId: 'screen',
          summary: 'Batch screening: up to 1,000 names, USCCs, licence numbers or brands per request',
          requestBody: jsonBody(inputSchema(screenInput)),
          responses: { '200': ok({ type: 'object', properties: { results: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, error: { type: 'string' }, matches: { type: 'array', items: { type: 'object', properties: { enterprise: { type: 'object' }, score: { type: 'number', minimum: 0, maximum: 1 }, reasons: { type: 'array', items: { type: 'string' } }, flags: { type: 'object' }, records: { type: 'object' } } } } } } }, meta: { type: 'object' } } }), ...errors },
        },
      },
      '/changes': {
        get: {
          operationId: 'changes',
          summary: 'Every create, correction, withdrawal, restore and expiry, in order; the cursor never skips a change',
          parameters: parameters(changesInput),
          responses: { '200': ok({ type: 'object', properties: { changes: { type: 'array', items: { type: 'object', properties: { seq: { type: 'string' }, type: { type: 'string' }, id: { type: 'string' }, action: { type: 'string', enum: AUDIT_ACTIONS }, version: { type: 'integer' }, at: { type: 'string' }, reason: { type: 'string' }, record: { type: 'object' }, url: { type: 'string' } } } }, meta: { allOf: [ref('Meta'), { type: 'object', properties: { has_more: { type: 'boolean' } } }] } } }), ...errors },
        },
      },
    },
  };
  return withTags(cached);
}

/** Groups for the docs: each operation tagged by what it is for, from its path's first segment. */
const TAGS: [RegExp, string, string][] = [
  [/^\/(search|suggest|count|\{type\})/, 'records', 'Search, list and read records of every type'],
  [/^\/enterprises/, 'enterprises', 'Enterprise profiles'],
  [/^\/screen/, 'screening', 'Batch screening of sellers and products'],
  [/^\/(changes|downloads)/, 'sync', 'Keep a synced copy: the change feed and bulk downloads'],
  [/^\/stats/, 'statistics', 'Figures behind /stats'],
  [/^\/admin/, 'admin', 'Imports and lifecycle (admin token)'],
];
function withTags(doc: Record<string, unknown>): Record<string, unknown> {
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>)) {
    const tag = TAGS.find(([pattern]) => pattern.test(path))?.[1];
    if (tag) for (const op of Object.values(item)) op.tags ??= [tag];
  }
  doc.tags ??= TAGS.map(([, name, description]) => ({ name, description }));
  return doc;
}
