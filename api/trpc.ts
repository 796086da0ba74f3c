import { initTRPC, TRPCError } from '@trpc/server';
import { DomainError, ERROR_STATUS, toDomainError } from './errors.ts';
import type { Portal } from './portal.ts';
import { nulPathIn } from './unsafe-text.ts';
import { keyOwner } from './access/key-owner.ts';
import { askThePrimary, readTarget, replicaFailed } from './read-routing.ts';

export interface Context {
  portal: Portal;
  requestId: string;
  /** The request carried a valid admin token (ADMIN_TOKENS). */
  isAdmin: boolean;
  /** A client with a key asked for a fresh answer (`Cache-Control: no-cache`), not a cached one (access/keys.ts). */
  noCache: boolean;
  /** The request's bearer credential when it has the form of an API key (qp_…); checked by keyedProcedure. */
  apiKey?: string;
}

const t = initTRPC.context<Context>().create({
  // Never development mode, whatever NODE_ENV says: no stack traces in error responses.
  isDev: false,
  // The body of an error in the one shape (api/errors.ts): its code, message and request id.
  errorFormatter({ shape, error, ctx }) {
    const { code, message } = toDomainError(error);
    return { ...shape, message, data: { code, httpStatus: ERROR_STATUS[code], requestId: ctx?.requestId ?? null } };
  },
});

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    // The HTTP status of a tRPC response follows the error's code: give it the mapped one.
    const domain = toDomainError(result.error);
    // An unexpected error keeps its own cause, for the log; the formatter still says only "Internal error".
    if (domain.code === 'INTERNAL_SERVER_ERROR') return result;
    // RANGE_NOT_SATISFIABLE is REST's alone (a file's byte range): tRPC has no such code, and no procedure throws it.
    const code = domain.code === 'RANGE_NOT_SATISFIABLE' ? 'BAD_REQUEST' : domain.code;
    return { ...result, error: new TRPCError({ code, message: domain.message, cause: domain }) } as typeof result;
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

/**
 * Anonymous reads of published data that may come from a read replica (api/read-routing.ts says
 * which reads those are and why). A request with an admin token reads the primary: an operator
 * sees their own changes at once. A read the replica fails runs again on the primary.
 */
export const replicaProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const target = ctx.isAdmin ? { portal: ctx.portal } : readTarget(ctx.portal);
  if (!target.handle) return next();
  const result = await next({ ctx: { ...ctx, portal: target.portal } });
  if (result.ok || !askThePrimary(result.error)) return result;
  replicaFailed(ctx.portal, target.handle, result.error);
  return next();
});

/** Write operations for regulators' systems: a valid admin token or 401. */
export const adminProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.isAdmin) throw new DomainError('UNAUTHORIZED', 'An admin token is required: send Authorization: Bearer <token> (see ADMIN_TOKENS)');
  return next();
});

/** What an API key owns (its watchlists): a valid key or 401; `ctx.keyId` is the key's id. */
export const keyedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const keyId = await keyOwner(ctx.portal, ctx.apiKey);
  if (keyId === undefined) throw new DomainError('UNAUTHORIZED', 'An API key is required: send Authorization: Bearer qp_… (keys are made by the operator with npm run keys -- create)');
  return next({ ctx: { ...ctx, keyId } });
});
