import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { guard } from './access/guard.ts';
import { errorResponse } from './rest.ts';
import { appRouter, createContext } from './root.ts';

/** Serves the tRPC procedures at /api/trpc for TypeScript clients, rate-limited like /api/v1. */
export function handleTrpc(request: Request, clientAddress?: string): Promise<Response> {
  return guard(request, clientAddress, errorResponse, () =>
    fetchRequestHandler({ endpoint: '/api/trpc', req: request, router: appRouter, createContext: () => createContext(request) }),
  );
}
