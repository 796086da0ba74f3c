import { randomUUID } from 'node:crypto';
import { isAdminRequest } from './admin-auth.ts';
import { asksForFreshAnswer, bearerOf, KEY_PATTERN } from './access/keys.ts';
import { adminRouter } from './routers/admin.ts';
import { campaignsRouter } from './routers/campaigns.ts';
import { changesRouter } from './routers/changes.ts';
import { countRouter } from './routers/count.ts';
import { downloadsRouter } from './routers/downloads.ts';
import { enterprisesRouter } from './routers/enterprises.ts';
import { healthRouter } from './routers/health.ts';
import { recordsRouter } from './routers/records.ts';
import { searchRouter } from './routers/search.ts';
import { screenRouter } from './routers/screen.ts';
import { statsRouter } from './routers/stats.ts';
import { watchlistsRouter } from './routers/watchlists.ts';
import { getPortal } from './portal.ts';
import { createCallerFactory, router, type Context } from './trpc.ts';

export const appRouter = router({
  search: searchRouter,
  screen: screenRouter,
  records: recordsRouter,
  enterprises: enterprisesRouter,
  health: healthRouter,
  admin: adminRouter,
  count: countRouter,
  stats: statsRouter,
  campaigns: campaignsRouter,
  changes: changesRouter,
  downloads: downloadsRouter,
  watchlists: watchlistsRouter,
});

export type AppRouter = typeof appRouter;

/** A request id: the caller's X-Request-Id when it is sane, otherwise a new one. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

export function createContext(request: Request): Context {
  const isAdmin = isAdminRequest(request);
  const bearer = bearerOf(request);
  const apiKey = !isAdmin && bearer && KEY_PATTERN.test(bearer) ? bearer : undefined;
  return { portal: getPortal(), requestId: requestIdOf(request), isAdmin, noCache: asksForFreshAnswer(request, isAdmin), apiKey };
}

/** Server-side caller (Astro pages, the REST adapter): the same procedures, without HTTP. Built once. */
export const createCaller = createCallerFactory(appRouter);
export const serverCaller = (request: Request) => createCaller(createContext(request));
