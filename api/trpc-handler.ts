import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter, createContext } from './root.ts';

/** Serves the tRPC procedures at /api/trpc for TypeScript clients. */
export function handleTrpc(request: Request): Promise<Response> {
  return fetchRequestHandler({ endpoint: '/api/trpc', req: request, router: appRouter, createContext: () => createContext(request) });
}
