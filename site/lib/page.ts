import { TRPCError } from '@trpc/server';
import type { AstroGlobal } from 'astro';
import { serverCaller } from '../../api/root.ts';

/** The tRPC caller for this request: pages read data through the same procedures as the API. */
export const api = (Astro: AstroGlobal) => serverCaller(Astro.request);

/** Runs a page's data load; a "not found" becomes a 404 page instead of an error. */
export async function loadOr404<T>(Astro: AstroGlobal, load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) {
      Astro.response.status = error.code === 'NOT_FOUND' ? 404 : 400;
      return undefined;
    }
    throw error;
  }
}
