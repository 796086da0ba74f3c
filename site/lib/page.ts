import { TRPCError } from '@trpc/server';
import type { AstroGlobal } from 'astro';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
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

/** A record as the record procedure answers it: the record, its versions, events and related records. */
export type RecordData = Awaited<ReturnType<ReturnType<typeof serverCaller>['records']['byId']>>;

/** An enterprise profile as the procedure answers it. */
export type ProfileData = Awaited<ReturnType<ReturnType<typeof serverCaller>['enterprises']['profile']>>;

/**
 * What a record type says on an enterprise profile (site/types/<name>/profile.ts): its findings
 * in the verdict (`rank` orders them, worst first), what its clean record says, a note set apart,
 * and its rows in the facts table. `T` picks the page language.
 */
export interface ProfileView {
  rank: number;
  findings?(data: ProfileData, T: (zh: string, en: string) => string, lang: 'zh' | 'en'): string[];
  passed?(data: ProfileData, T: (zh: string, en: string) => string): string;
  note?(data: ProfileData, T: (zh: string, en: string) => string): string;
  fields?(data: ProfileData, T: (zh: string, en: string) => string): [string, unknown][];
  /** A section of its own below the facts (foreign alerts), given the profile as `data`. */
  Section?: AstroComponentFactory;
}
