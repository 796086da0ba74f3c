import { ref } from './schemas.ts';

const integer = { type: 'integer', minimum: 0 };

/** Headers the API sends (api/access/guard.ts, limiter.ts, api/errors.ts, site/middleware.ts), defined once. */
export const HEADERS = {
  'X-Request-Id': { description: 'The request’s id; an error’s body repeats it as error.requestId', schema: { type: 'string' } },
  'RateLimit-Limit': { description: 'Requests allowed in the current window (more with an API key)', schema: integer },
  'RateLimit-Remaining': { description: 'Requests left in the current window', schema: integer },
  'RateLimit-Reset': { description: 'Seconds until the window resets', schema: integer },
  'Retry-After': { description: 'Seconds to wait before trying again', schema: integer },
  ETag: { description: 'The answer’s entity tag: send it as If-None-Match to get a 304 while it has not changed', schema: { type: 'string' } },
  Allow: { description: 'The methods the path accepts', schema: { type: 'string' } },
} as const;

const header = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });

/** On every response: the request id and the rate limit. */
export const COMMON_HEADERS = {
  'X-Request-Id': header('X-Request-Id'),
  'RateLimit-Limit': header('RateLimit-Limit'),
  'RateLimit-Remaining': header('RateLimit-Remaining'),
  'RateLimit-Reset': header('RateLimit-Reset'),
};

const errorExample = (code: string, message: string) => ({ error: { code, message, requestId: '7f1c9e2a-5b7d-4c1e-9a55-0c3f2b1d8e64' } });
const errorResponse = (description: string, code: string, message: string, extraHeaders: Record<string, unknown> = {}) => ({
  description,
  headers: { ...COMMON_HEADERS, ...extraHeaders },
  content: { 'application/json': { schema: ref('Error'), example: errorExample(code, message) } },
});

/** Reusable responses: every error in the one shape, with its headers. */
export const RESPONSES = {
  BadRequest: errorResponse('Bad input: the message names the parameter and what it must be', 'BAD_REQUEST', 'limit: must be at most 100'),
  Unauthorized: errorResponse('No valid admin token', 'UNAUTHORIZED', 'An admin token is required: send Authorization: Bearer <token> (see ADMIN_TOKENS)'),
  NotFound: errorResponse('No such record, enterprise, file or route', 'NOT_FOUND', 'No record with id "sc-0000000000"'),
  MethodNotAllowed: errorResponse('The path does not accept this method; Allow lists those it does', 'METHOD_NOT_SUPPORTED', 'Method DELETE is not allowed here; use GET', { Allow: header('Allow') }),
  Conflict: errorResponse('The record is not in a state that allows this (already withdrawn…)', 'CONFLICT', 'sc-3f9a2c81d0 is already withdrawn'),
  PayloadTooLarge: errorResponse('The body is larger than the operation accepts', 'PAYLOAD_TOO_LARGE', 'The body is larger than 1 MB'),
  UnsupportedMediaType: errorResponse('The body is not of the media type the operation accepts', 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'),
  TooManyRequests: errorResponse('Over the rate limit: wait Retry-After seconds (an API key raises the limit)', 'TOO_MANY_REQUESTS', 'Too many requests; retry in 12 s', { 'Retry-After': header('Retry-After') }),
  ServiceUnavailable: errorResponse('The database (or, for downloads, the files) is not available at the moment', 'SERVICE_UNAVAILABLE', 'The database is unavailable at the moment; please try again in a few seconds', { 'Retry-After': header('Retry-After') }),
  NotModified: { description: 'Not modified since the ETag sent as If-None-Match', headers: { ...COMMON_HEADERS, ETag: header('ETag') } },
} as const;

const response = (name: keyof typeof RESPONSES) => ({ $ref: `#/components/responses/${name}` });

/** The errors of a public GET: bad parameters, wrong method, rate limit, database down; 304 with If-None-Match. */
export const GET_ERRORS = {
  '304': response('NotModified'),
  '400': response('BadRequest'),
  '405': response('MethodNotAllowed'),
  '429': response('TooManyRequests'),
  '503': response('ServiceUnavailable'),
};
/** A GET of one thing by its key adds 404. */
export const GET_ONE_ERRORS = { ...GET_ERRORS, '404': response('NotFound') };
/** A POST with a JSON body: bad body, too large, wrong media type. */
export const POST_ERRORS = {
  '400': response('BadRequest'),
  '405': response('MethodNotAllowed'),
  '413': response('PayloadTooLarge'),
  '415': response('UnsupportedMediaType'),
  '429': response('TooManyRequests'),
  '503': response('ServiceUnavailable'),
};
export const ADMIN_ERRORS = { ...POST_ERRORS, '401': response('Unauthorized'), '404': response('NotFound'), '409': response('Conflict') };

/** A 200 with a JSON body, its headers (ETag on GETs) and an example. */
export function ok(schema: unknown, example: unknown, { description = 'OK', etag = true } = {}) {
  return {
    description,
    headers: { ...COMMON_HEADERS, ...(etag ? { ETag: header('ETag') } : {}) },
    content: { 'application/json': { schema, example } },
  };
}
