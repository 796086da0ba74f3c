import { eq, or, sql, type SQL } from 'drizzle-orm';
import { parseUscc } from '../../core/normalize/uscc.ts';
import { publicOrigin } from '../../core/public-url.ts';
import { foldForIndex } from '../../core/text/index.ts';
import { compareKeys, productKeys } from '../../core/text/product-keys.ts';
import { productKeysSql } from '../../db/queries/product-keys.ts';
import { enterprises } from '../../db/schema/index.ts';
import { TYPES, typesWith, type RecordType } from '../../types/registry.ts';
import type { Portal } from '../portal.ts';
import { atomFeed, newestFirst, newestRecords } from './feeds.ts';

/**
 * Feeds of one subject: `/feeds/enterprises/{uscc-or-id}.xml`, every record naming an enterprise,
 * and `/feeds/brands/{brand}.xml`, every record naming a brand. Unlike the type feeds they carry
 * every state, expiries included: who follows one supplier or one brand wants all of its news.
 */
export const SUBJECT_FEED_SIZE = 100;

/** The enterprise's feed, or undefined when no enterprise has that USCC or id. */
export async function buildEnterpriseFeed(portal: Portal, key: string, origin: string = publicOrigin()): Promise<string | undefined> {
  const uscc = parseUscc(key);
  const [enterprise] = await portal.db.db
    .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc })
    .from(enterprises)
    .where(uscc.ok ? or(eq(enterprises.uscc, uscc.value), eq(enterprises.id, key)) : eq(enterprises.id, key))
    .limit(1);
  if (!enterprise) return undefined;
  const ids = sql.param([enterprise.id]);
  // `@>` rather than `= any(...)`: the GIN index on enterprise_ids answers it.
  const items = newestFirst((await Promise.all(TYPES.map((t) => newestRecords(portal, t.name as RecordType, sql`${t.table.enterpriseIds} @> ${ids}::text[]`, SUBJECT_FEED_SIZE)))).flat(), SUBJECT_FEED_SIZE);
  const slug = encodeURIComponent(enterprise.uscc ?? enterprise.id);
  return atomFeed({
    origin,
    id: `feeds/enterprises/${enterprise.id}`,
    title: { zh: enterprise.name, en: enterprise.name },
    subtitle: `${enterprise.name}：全部记录（公示、更正、撤回、公示期满），最新在前。Every record naming this enterprise (published, corrected, withdrawn, expired), newest first.`,
    self: `${origin}/feeds/enterprises/${slug}.xml`,
    page: `${origin}/enterprises/${slug}`,
    items,
  });
}

/**
 * The brand's feed: records whose brand has the same key (width, case, script, spacing folded; one
 * of several listed brands, 静魔 of 图形＋静魔). Undefined for a brand with no letters or digits.
 */
export async function buildBrandFeed(portal: Portal, brand: string, origin: string = publicOrigin()): Promise<string | undefined> {
  const name = brand.trim();
  const keys = [...new Set([...productKeys(name), ...productKeys(foldForIndex(name))])];
  if (!name || keys.length === 0 || name.length > 100) return undefined;
  const found = await Promise.all(
    typesWith('products').map(async (t) => {
      const column = (t.table as unknown as Record<string, SQL>)[t.products.fields.brand]!;
      const rows = await newestRecords(portal, t.name as RecordType, sql`${productKeysSql(column)} && ${sql.param(keys)}::text[]`, SUBJECT_FEED_SIZE);
      // The index finds any shared key; the comparison keeps only distinctive ones (not a size or a fragment).
      return rows.filter(({ row }) => compareKeys(name, String((row as unknown as Record<string, unknown>)[t.products.fields.brand] ?? '')) !== 'different');
    }),
  );
  const slug = encodeURIComponent(name);
  return atomFeed({
    origin,
    id: `feeds/brands/${keys[0]}`,
    title: { zh: `品牌 ${name}`, en: `Brand ${name}` },
    subtitle: `品牌「${name}」的全部记录（抽查、境外通报；公示、更正、撤回、公示期满），最新在前。Every record naming the brand (spot checks, alerts abroad; any state), newest first.`,
    self: `${origin}/feeds/brands/${slug}.xml`,
    page: `${origin}/search?${new URLSearchParams({ q: name, sort: 'newest' })}`,
    items: newestFirst(found.flat(), SUBJECT_FEED_SIZE),
  });
}
