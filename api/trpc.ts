import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { DATABASE_UNAVAILABLE_MESSAGE, DomainError, ERROR_STATUS, isDatabaseUnavailable, UnavailableError, type ErrorCode } from './errors.ts';
import type { Portal } from './portal.ts';
import { nulPathIn } from './unsafe-text.ts';

export interface Context {
  portal: Portal;
  requestId: string;
  /** The request carried a valid admin token (ADMIN_TOKENS). */
  isAdmin: boolean;
  /** The client asked for a fresh answer (`Cache-Control: no-cache`), not a cached one. */
  noCache: boolean;
}

/**
 * Domain errors become tRPC errors with the same code, so both adapters speak one error language.
 * PostgreSQL being unreachable is a 503 with a plain message (it passes; it is not our bug), never
 * a 500 with the driver's text.
 */
function toTrpcError(error: unknown): TRPCError | undefined {
  if (error instanceof DomainError) return new TRPCError({ code: error.code, message: error.message, cause: error });
  if (error instanceof ZodError) return new TRPCError({ code: 'BAD_REQUEST', message: zodMessage(error), cause: error });
  if (isDatabaseUnavailable(error)) {
    const unavailable = new UnavailableError(DATABASE_UNAVAILABLE_MESSAGE);
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: unavailable.message, cause: unavailable });
  }
  return undefined;
}

/** "limit: limit must be at most 100; type: …" — what is wrong, in one line. */
export function zodMessage(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

const t = initTRPC.context<Context>().create({
  // Never development mode, whatever NODE_ENV says: no stack traces in error responses.
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const domain = cause instanceof DomainError ? cause.code : undefined;
    // tRPC's own PARSE_ERROR (input that is not JSON) is the caller's mistake like any other 400.
    const trpcCode = error.code === 'PARSE_ERROR' ? 'BAD_REQUEST' : error.code;
    const code: ErrorCode = domain ?? (trpcCode in ERROR_STATUS ? (trpcCode as ErrorCode) : 'INTERNAL_SERVER_ERROR');
    const message =
      cause instanceof ZodError ? zodMessage(cause) : code === 'INTERNAL_SERVER_ERROR' ? 'Internal error' : error.message;
    return { ...shape, message, data: { code, httpStatus: ERROR_STATUS[code], requestId: ctx?.requestId ?? null } };
  },
});

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTrpcError(result.error.cause);
    if (mapped) return { ...result, error: mapped } as typeof result;
  }
  return result;
});

/** A NUL character in any input string is a 400 before it can reach PostgreSQL (see unsafe-text.ts). */
const refuseNul = t.middleware(async ({ getRawInput, next }) => {
  const path = nulPathIn(await getRawInput());
  if (path) throw new DomainError('BAD_REQUEST', `${path}: must not contain NUL characters (U+0000)`);
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Anonymous read access. Rate limits and API keys arrive with the open-data API. */
export const publicProcedure = t.procedure.use(mapErrors).use(refuseNul);

/** Write operations for regulators' systems: a valid admin token or 401. */
export const adminProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.isAdmin) throw new DomainError('UNAUTHORIZED', 'An admin token is required: send Authorization: Bearer <token> (see ADMIN_TOKENS)');
  return next();
});
