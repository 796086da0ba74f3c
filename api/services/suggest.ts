import { ilike } from 'drizzle-orm';
import { z } from 'zod';
import { wholeNumber } from '../../core/whole-number.ts';
import { enterprises } from '../../db/schema/index.ts';
import { isMeiliUnreachable } from '../../search/meili.ts';
import { foldForIndex } from '../../core/text/index.ts';
import { searchClientsOf, type Portal } from '../portal.ts';
import { escapeLike } from '../../db/queries/like.ts';

export const suggestInput = z
  .object({
    q: z.string().trim().min(1, 'is required').max(50, 'must be at most 50 characters').describe('The beginning of a name or brand'),
    limit: wholeNumber(1, 10).default(8).describe('Suggestions to answer'),
  })
  .strict();

export interface Suggestion {
  text: string;
  kind: 'enterprise' | 'brand';
  /** Where choosing it leads: the profile for an enterprise, a search for a brand. */
  url: string;
}

/**
 * Enterprise and brand names for search-as-you-type: one small query on the enterprises index
 * (names, aliases, brands, pinyin). Brands come from the matching enterprises' brand lists.
 */
export async function suggest(portal: Portal, raw: z.input<typeof suggestInput>): Promise<{ suggestions: Suggestion[] }> {
  const { q, limit } = suggestInput.parse(raw);
  const folded = foldForIndex(q).toLowerCase();
  try {
    const { hits } = await searchClientsOf(portal).use((meili) =>
      meili.index('enterprises').search(folded, {
        limit,
        attributesToRetrieve: ['name', 'url', 'brands'],
      }),
    );
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    const add = (s: Suggestion) => {
      if (!seen.has(`${s.kind}:${s.text}`) && out.length < limit) out.push(s) && seen.add(`${s.kind}:${s.text}`);
    };
    for (const hit of hits) {
      for (const brand of (hit.brands as string[] | undefined) ?? []) {
        if (foldForIndex(brand).toLowerCase().startsWith(folded)) add({ text: brand, kind: 'brand', url: `/search?q=${encodeURIComponent(brand)}` });
      }
      add({ text: String(hit.name), kind: 'enterprise', url: String(hit.url) });
    }
    return { suggestions: out };
  } catch (error) {
    if (!isMeiliUnreachable(error)) throw error;
    const rows = await portal.db.db
      .select({ name: enterprises.name, uscc: enterprises.uscc, id: enterprises.id })
      .from(enterprises)
      .where(ilike(enterprises.name, `${escapeLike(q)}%`))
      .limit(limit);
    return { suggestions: rows.map((r) => ({ text: r.name, kind: 'enterprise', url: `/enterprises/${encodeURIComponent(r.uscc ?? r.id)}` })) };
  }
}
