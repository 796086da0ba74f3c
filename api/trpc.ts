import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { DomainError, ERROR_STATUS, type ErrorCode } from './errors.ts';
import type { Portal } from './portal.ts';

export interface Context {
  portal: Portal;
  requestId: string;
  /** The request carried a valid admin token (ADMIN_TOKENS). */
  isAdmin: boolean;
}

/** Domain errors become tRPC errors with the same code, so both adapters speak one error language. */
function toTrpcError(error: unknown): TRPCError | undefined {
  if (error instanceof DomainError) {
    const code = error.code === 'SERVICE_UNAVAILABLE' ? 'INTERNAL_SERVER_ERROR' : error.code;
    return new TRPCError({ code, message: error.message, cause: error });
  }
  if (error instanceof ZodError) return new TRPCError({ code: 'BAD_REQUEST', message: zodMessage(error), cause: error });
  return undefined;
}

/** "limit: limit must be at most 100; type: …" — what is wrong, in one line. */
export function zodMessage(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const domain = cause instanceof DomainError ? cause.code : undefined;
    const code: ErrorCode = domain ?? (error.code in ERROR_STATUS ? (error.code as ErrorCode) : 'INTERNAL_SERVER_ERROR');
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

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Anonymous read access. Rate limits and API keys arrive with the open-data API. */
export const publicProcedure = t.procedure.use(mapErrors);

/** Write operations for regulators' systems: a valid admin token or 401. */
export const adminProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.isAdmin) throw new DomainError('UNAUTHORIZED', 'An admin token is required: send Authorization: Bearer <token> (see ADMIN_TOKENS)');
  return next();
});
