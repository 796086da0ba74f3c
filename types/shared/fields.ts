import { z } from 'zod';
import { cleanCell } from '../../core/normalize/text.ts';
import { parsePublishedUscc } from '../../core/normalize/uscc.ts';
import { isPlaceholder } from '../../core/normalize/placeholders.ts';
import { parseDate } from '../../core/normalize/dates.ts';
import { parseAmount } from '../../core/normalize/money.ts';
import { maskPersonalData } from '../../core/normalize/mask.ts';
import type { ParseResult } from '../../core/normalize/result.ts';
import { authorityOf, findCampaign, findCategory } from '../../core/taxonomy.ts';

/** A problem with a row that does not stop it from being imported; `field` names the column. */
export interface RowWarning {
  field: string;
  message: string;
}

/**
 * Building blocks of the record schemas. Each takes the raw cell text of an import row and
 * yields the normalized value, or a zod issue whose message becomes the row-level import error.
 * Free text passes through `maskPersonalData` so no ID or mobile number is ever stored.
 */

/**
 * Empty cells become `undefined`, so optional fields stay absent instead of ''. So do cells that
 * only say "nothing" (`/`, `—`, `无`, `（图形）`): such a cell is not a brand, a name or a batch.
 */
const cell = z.preprocess((v) => {
  if (v === null || v === undefined) return undefined;
  const cleaned = cleanCell(String(v));
  return cleaned === '' || isPlaceholder(cleaned) ? undefined : cleaned;
}, z.string().optional());

type CellParser<T> = (raw: string, ctx: z.RefinementCtx) => T;

/** A cell that must hold a value, parsed by `parse`. */
export const requiredCell = <T>(parse: CellParser<T>) =>
  cell.pipe(z.string({ error: 'is required' }).transform(parse));

/** A cell that may be empty (absent in the result), parsed by `parse` when it is not. */
export const optionalCell = <T>(parse: CellParser<T>) => cell.pipe(z.string().transform(parse).optional());

const limited =
  (max: number): CellParser<string> =>
  (raw, ctx) => {
    if (raw.length <= max) return maskPersonalData(raw);
    ctx.addIssue({ code: 'custom', message: `is longer than ${max} characters`, input: raw });
    return z.NEVER;
  };

export const optionalText = (max = 4000) => optionalCell(limited(max));
export const requiredText = (max = 4000) => requiredCell(limited(max));

/** Runs one of the normalize/ parsers and turns its failure into a zod issue. */
export function fromParser<T>(parse: (raw: string) => ParseResult<T>): CellParser<T> {
  return (raw, ctx) => {
    const result = parse(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.reason, input: raw });
    return z.NEVER;
  };
}

/** A USCC as published: complete and checked, or partly masked (kept masked, links no profile). */
export const optionalUscc = optionalCell(fromParser(parsePublishedUscc));
export const requiredDate = requiredCell(fromParser(parseDate));
export const optionalDate = optionalCell(fromParser(parseDate));
export const optionalAmount = optionalCell(fromParser((raw) => parseAmount(raw)));

/** A closed vocabulary given as accepted spellings → stored value (case-insensitive). */
export function vocabulary<const T extends string>(label: string, spellings: Record<string, T>): CellParser<T> {
  const lookup = new Map(Object.entries(spellings).map(([k, v]) => [k.toLowerCase(), v]));
  const accepted = Object.keys(spellings).join(', ');
  return (raw, ctx) => {
    const value = lookup.get(raw.toLowerCase());
    if (value) return value;
    ctx.addIssue({ code: 'custom', message: `is not a known ${label}; use one of: ${accepted}`, input: raw });
    return z.NEVER;
  };
}

/** A list cell: items separated by 、 ， , ; ； or new lines. */
export const textList = optionalCell((raw) =>
  raw
    .split(/[、，,;；\n]+/)
    .map((s) => maskPersonalData(s.trim()))
    .filter(Boolean),
);

/** Announcement-level fields every record type carries (from columns or command-line options). */
export const commonFields = {
  // A taxonomy id (e.g. `samr`, from typical-case front matter) stands for the authority's name.
  authority: requiredCell((raw, ctx) => authorityOf(raw)?.zh ?? limited(200)(raw, ctx)),
  publishedAt: requiredDate,
  sourceTitle: optionalText(500),
  sourceNumber: optionalText(200),
  sourceUrl: optionalCell((raw, ctx) => {
    // A query string can carry a phone or ID number (…?tel=138…): masked like any other text.
    if (/^https?:\/\/[^\s]+$/i.test(raw) && URL.canParse(raw)) return maskPersonalData(raw);
    ctx.addIssue({ code: 'custom', message: 'is not an http(s) URL', input: raw });
    return z.NEVER;
  }),
  regionCode: optionalCell((raw, ctx) => {
    if (/^\d{6}$/.test(raw)) return raw;
    ctx.addIssue({ code: 'custom', message: 'is not a 6-digit GB/T 2260 division code', input: raw });
    return z.NEVER;
  }),
  // A product category as published; mapped onto the taxonomy (content/taxonomy) by slug, name or
  // alias where it can be (see `categoryOf`), kept as published where it cannot, never rejected.
  productCategory: optionalText(200),
  // Campaigns come from the taxonomy, by slug or name: an unknown one is a row error saying where the list is.
  campaign: optionalCell((raw, ctx) => {
    const found = findCampaign(raw);
    if (found) return found.slug;
    ctx.addIssue({ code: 'custom', message: 'is not a campaign of content/taxonomy/campaigns.json (give its slug, Chinese or English name)', input: raw });
    return z.NEVER;
  }),
};

/** Header names accepted for the common fields, in Chinese and English. */
export const commonHeaders: Record<keyof typeof commonFields, string[]> = {
  authority: ['发布机关', '处罚机关', '作出处罚决定机关名称', 'authority'],
  publishedAt: ['发布日期', '公告日期', '公示日期', 'published_at'],
  sourceTitle: ['公告标题', '公告名称', 'announcement_title', 'source_title'],
  sourceNumber: ['公告编号', '公告号', '通告编号', 'announcement_no', 'source_number'],
  sourceUrl: ['来源链接', '公告链接', 'source_url', 'url'],
  regionCode: ['所在地区', '行政区划代码', '地区代码', 'region_code', 'region'],
  productCategory: ['产品类别', '产品分类', '产品大类', 'product_category', 'category'],
  campaign: ['专项行动', '专项', 'campaign'],
};

/**
 * The product category a row names, mapped onto the taxonomy: the category column (slug, name or
 * alias), else the product kind (产品种类, or a section row above the rows). What the taxonomy does
 * not know stays as published in `productKind` with a warning, never a rejected row.
 */
export function categorize(row: { productCategory?: string; productKind?: string }): {
  productCategory?: string;
  productKind?: string;
  warnings: RowWarning[];
} {
  const named = row.productCategory ?? row.productKind;
  if (!named) return { productCategory: undefined, productKind: row.productKind, warnings: [] };
  const found = findCategory(named) ?? (row.productCategory && row.productKind ? findCategory(row.productKind) : undefined);
  if (found) return { productCategory: found.slug, productKind: row.productKind ?? (found.zh === named || found.slug === named ? undefined : named), warnings: [] };
  return {
    productCategory: undefined,
    productKind: row.productKind ?? named,
    warnings: [{ field: row.productCategory ? 'productCategory' : 'productKind', message: `product kind "${named}" is not in the taxonomy (content/taxonomy/categories.json): kept as published, without a category` }],
  };
}
