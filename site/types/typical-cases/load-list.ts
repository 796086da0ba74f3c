import { TRPCError } from '@trpc/server';
import type { AstroGlobal } from 'astro';
import type { RecordCard } from '../../../api/services/campaigns.ts';
import { api } from '../../lib/page.ts';

export const PAGE_SIZE = 20;
export const FILTERS = ['campaign', 'category', 'region', 'year'] as const;
export type Filter = (typeof FILTERS)[number];
export type CaseList = Awaited<ReturnType<typeof loadCaseList>>;

/**
 * The typical-case listing's data, loaded by the page itself (pages/[type]/index.astro) so that a
 * bad filter value can still make the response a 400: a component renders after the status is sent.
 */
export async function loadCaseList(Astro: AstroGlobal) {
  // Only the parameters this listing knows; empty form fields mean "any".
  const get = (name: string) => Astro.url.searchParams.get(name)?.trim() || undefined;
  const q = get('q') ?? '';
  const filters = Object.fromEntries(FILTERS.flatMap((f) => (get(f) ? [[f, get(f)!]] : []))) as Partial<Record<Filter, string>>;
  const sortParam = get('sort');
  const sort = sortParam === 'relevance' || sortParam === 'newest' || sortParam === 'oldest' ? sortParam : q ? 'relevance' : 'newest';
  const page = Math.max(1, Math.min(500, Number.parseInt(get('page') ?? '1', 10) || 1));
  let result: Awaited<ReturnType<ReturnType<typeof api>['search']['query']>> | undefined;
  let cards: RecordCard[] = [];
  let problem: string | undefined;
  let status = 200;
  try {
    result = await api(Astro).search.query({ type: 'typical-cases', q, ...filters, sort, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    cards = await api(Astro).campaigns.caseCards({ ids: result.hits.map((h) => h.id) });
  } catch (error) {
    if (!(error instanceof TRPCError) || error.code !== 'BAD_REQUEST') throw error;
    status = 400;
    problem = error.message;
  }
  return { status, q, filters, sort, sortParam, page, result, cards, problem };
}
