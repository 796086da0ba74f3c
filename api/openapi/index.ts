import { parseEnv } from '../../core/env.ts';
import { publicOrigin } from '../../core/public-url.ts';
import { DATA_LICENSE } from '../services/list-meta.ts';
import { paths } from './paths.ts';
import { HEADERS, RESPONSES } from './responses.ts';
import { componentSchemas } from './schemas.ts';

/** Groups for the docs: each operation tagged by what it is for, from its path's first segment. */
const TAGS: [RegExp, string, string][] = [
  [/^\/(search|suggest|count|\{type\})/, 'records', 'Search, list and read records of every type'],
  [/^\/enterprises/, 'enterprises', 'Enterprise profiles'],
  [/^\/screen/, 'screening', 'Batch screening of sellers and products'],
  [/^\/(changes|downloads)/, 'sync', 'Keep a synced copy: the change feed and bulk downloads'],
  [/^\/stats/, 'statistics', 'Figures behind /stats'],
  [/^\/watchlists/, 'watchlists', 'Watchlists that push: signed webhooks for your USCCs, names and brands (API key)'],
  [/^\/admin/, 'admin', 'Imports and lifecycle (admin token)'],
];

function withTags(all: Record<string, unknown>): Record<string, unknown> {
  for (const [path, item] of Object.entries(all as Record<string, Record<string, { tags?: string[] }>>)) {
    const tag = TAGS.find(([pattern]) => pattern.test(path))?.[1];
    if (tag) for (const op of Object.values(item)) op.tags ??= [tag];
  }
  return all;
}

/** `${PUBLIC_URL}/api/v1` when a public origin is configured; else relative, so it works wherever the document was fetched from. */
const serverUrl = () => (parseEnv().PUBLIC_URL ? `${publicOrigin()}/api/v1` : '/api/v1');

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the server validates its input and output with. */
export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Product quality transparency portal — open-data API',
      version: '1',
      description:
        'Spot checks, licence revocations, typical cases, penalty disclosures and cross-border alerts (foreign regulators’ alerts about products from China, each under its publisher’s licence). Every list response has `meta`; every error is `{ error: { code, message, requestId } }`. Every response carries X-Request-Id and the RateLimit-* headers; a GET 200 carries an ETag (If-None-Match answers 304). HEAD works wherever GET does; OPTIONS answers CORS preflights; a wrong method is a 405 with Allow.',
      contact: { name: 'Portal maintainers' },
      license: { name: DATA_LICENSE, identifier: 'CC-BY-4.0' },
    },
    servers: [{ url: serverUrl(), description: 'This portal' }],
    // Public reads need no key; a key raises the rate limit. /admin operations require a token.
    security: [{}, { apiKey: [] }],
    tags: TAGS.map(([, name, description]) => ({ name, description })),
    paths: withTags(paths()),
    components: {
      schemas: componentSchemas(),
      headers: HEADERS,
      responses: RESPONSES,
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (higher rate limit; required for /watchlists) or, for /admin, an admin token' } },
    },
  };
  return cached;
}
