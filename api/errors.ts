import { TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { FileFormatError } from '../ingest/read-common.ts';
import { RecordNotFound } from '../ops/lifecycle/find-record.ts';
import { LifecycleError } from '../ops/lifecycle/status.ts';

/**
 * Typed domain errors. Services throw these (or let the lower floors' own errors pass);
 * `toDomainError` below is the one place any error becomes a code and a message, which both
 * adapters (api/trpc.ts, api/rest.ts) send as `{ error: { code, message, requestId } }`.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  UNPROCESSABLE_CONTENT: 422,
  METHOD_NOT_SUPPORTED: 405,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** More for the caller beside `error` (a rejected import's row-level report). */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** 405: the address exists, the method does not; `allow` becomes the Allow header. */
export class MethodNotAllowedError extends DomainError {
  readonly allow: string[];

  constructor(method: string, allow: string[]) {
    super('METHOD_NOT_SUPPORTED', `Method ${method} is not allowed here; use ${allow.filter((m) => m !== 'HEAD' && m !== 'OPTIONS').join(' or ')}`);
    this.allow = allow;
  }
}

export class UnavailableError extends DomainError {
  constructor(message: string) {
    super('SERVICE_UNAVAILABLE', message);
  }
}

/** What a caller is told while PostgreSQL cannot be reached: no driver text, no address. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable at the moment; please try again in a few seconds';

/** Socket and driver errors (postgres.js) that mean "no database right now", not "bad query". */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/**
 * PostgreSQL SQLSTATEs of a server that is shutting down, starting up, out of connections or
 * unreachable: class 08 (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect
 * now) and 53300 (too many connections).
 */
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;

/**
 * True when `error` (or anything in its `cause` chain: drizzle and tRPC wrap the driver's error)
 * says PostgreSQL could not be reached. Such failures are a 503 that resolves by itself, never a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (CONNECTION_CODES.has(code)) return true;
    if ((e as { name?: unknown }).name === 'PostgresError' && UNAVAILABLE_STATES.test(code)) return true;
  }
  return false;
}

/** "limit: limit must be at most 100; type: …" — what is wrong, in one line. */
export function zodMessage(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/**
 * Any error as a domain error: the one mapping. Invalid input is 400; a record that is not there
 * 404; a withdrawal of a withdrawn record 409; a file that is no table 422 (nothing written);
 * PostgreSQL unreachable 503 with a plain message (it passes; it is not our bug); anything else
 * a 500 that says nothing of its cause (the caller logs it).
 */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof TRPCError) {
    // A procedure's own error travels as the cause; tRPC's (bad JSON, no such procedure) keep their code.
    const inner = error.cause && error.cause !== error ? toDomainError(error.cause) : undefined;
    if (inner && inner.code !== 'INTERNAL_SERVER_ERROR') return inner;
    const code = error.code === 'PARSE_ERROR' ? 'BAD_REQUEST' : error.code;
    if (code in ERROR_STATUS && code !== 'INTERNAL_SERVER_ERROR') return new DomainError(code as ErrorCode, error.message);
  }
  if (error instanceof ZodError) return new DomainError('BAD_REQUEST', zodMessage(error));
  if (error instanceof RecordNotFound) return new NotFoundError(error.message);
  if (error instanceof LifecycleError) return new DomainError('CONFLICT', error.message);
  if (error instanceof FileFormatError) return new DomainError('UNPROCESSABLE_CONTENT', error.message);
  if (isDatabaseUnavailable(error)) return new UnavailableError(DATABASE_UNAVAILABLE_MESSAGE);
  return new DomainError('INTERNAL_SERVER_ERROR', 'Internal error');
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/** Every error, whatever its origin, as `{ error: { code, message, requestId } }` with its HTTP status. */
export function errorResponse(error: unknown, requestId: string): Response {
  const domain = toDomainError(error);
  const { code, message, details } = domain;
  if (code === 'INTERNAL_SERVER_ERROR') console.error(`[${requestId}]`, error);
  // A 503 passes by itself: say when to come back instead of leaving clients to hammer.
  const extra: Record<string, string> = code === 'SERVICE_UNAVAILABLE' ? { 'retry-after': '5' } : {};
  if (domain instanceof MethodNotAllowedError) extra.allow = domain.allow.join(', ');
  return new Response(JSON.stringify({ error: { code, message, requestId }, ...details }), {
    status: ERROR_STATUS[code],
    headers: { ...JSON_TYPE, ...extra, 'x-request-id': requestId },
  });
}

/** The one error shape, as the OpenAPI document and the tests describe it. */
export const errorSchema = z
  .object({
    error: z
      .object({
        code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]).describe('The error’s code; the HTTP status follows from it'),
        message: z.string().describe('What went wrong, for a person: names the parameter and what it must be'),
        requestId: z.string().describe('The request’s id, also in the X-Request-Id header: quote it when reporting a problem'),
      })
      .describe('The error'),
  })
  .meta({ id: 'Error', description: 'Every error: { error: { code, message, requestId } }' });
