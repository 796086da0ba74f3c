import { and, or, sql, type SQL } from 'drizzle-orm';
import { parseUscc } from '../../core/normalize/uscc.ts';
import { foldForIndex } from '../../core/text/index.ts';
import { barcodeNumbers, foldedKeys, gtinSpellings, gtinValue, parseGtin, productKeys } from '../../core/text/product-keys.ts';
import { barcodesSql, productKeysSql } from '../../db/queries/product-keys.ts';
import { isVisible } from '../../db/schema/index.ts';
import { typesWith } from '../../types/registry.ts';
import type { Portal } from '../portal.ts';
import { aboutTheData } from './list-meta.ts';
import { portalInfo } from './portal-info.ts';
import { runScreen } from './screen.ts';
import { screenInput } from './screen-input.ts';
import type { ProductItem, ProductMatch, RefusedItem, ScreenProductsRequest } from './screen-products-input.ts';
import { scoreMatch, type MakerMatch } from './screen-products-score.ts';

const MAX_MATCHES = 10;
/** Candidate rows per type and request: a brand on thousands of failed batches cannot exhaust memory. */
const MAX_CANDIDATES = 50_000;

type Row = Record<string, unknown>;
type ProductType = (typeof types)[number];
interface Prepared { item: ProductItem; gtin?: string; uscc?: string; brandKeys: string[]; modelKeys: string[] }

const types = typesWith('products');

/** A type's visible records that product screening may answer and that meet `condition` (none without one). */
async function candidateRows(portal: Portal, type: ProductType, condition: SQL | undefined): Promise<Row[]> {
  if (!condition) return [];
  return (await portal.db.db.select().from(type.table).where(and(isVisible(type.table.status), type.products.where, condition)).limit(MAX_CANDIDATES)) as Row[];
}
const param = (values: Iterable<string>) => sql.param([...new Set(values)]);
const push = (map: Map<string, number[]>, keys: Iterable<string>, i: number) => {
  for (const k of keys) {
    const list = map.get(k);
    if (list) list.push(i);
    else map.set(k, [i]);
  }
};

/** An item's checks: a bad GTIN or USCC, or a key used twice, make it an error; the batch goes on. */
function prepare(entries: ScreenProductsRequest['items']): { prepared: (Prepared | undefined)[]; keys: string[]; errors: (string | undefined)[] } {
  const seen = new Map<string, number>();
  const keys: string[] = [];
  const errors: (string | undefined)[] = [];
  const prepared = entries.map((entry, i) => {
    if ('refused' in entry) {
      const refused = entry as RefusedItem;
      keys.push(refused.key ?? `items.${i}`);
      errors.push(refused.refused);
      return undefined;
    }
    const item = entry as ProductItem;
    keys.push(item.key);
    const problems: string[] = [];
    const earlier = seen.get(item.key);
    if (earlier !== undefined) problems.push(`key: duplicate key "${item.key}" (also items.${earlier}.key); keys must be unique`);
    else seen.set(item.key, i);
    const gtin = item.gtin === undefined ? undefined : parseGtin(item.gtin);
    if (gtin && !gtin.ok) problems.push(`gtin: ${gtin.reason}`);
    const uscc = item.manufacturer_uscc === undefined ? undefined : parseUscc(item.manufacturer_uscc);
    if (uscc && !uscc.ok) problems.push(`manufacturer_uscc: ${uscc.reason}`);
    errors.push(problems.length ? problems.join('; ') : undefined);
    if (problems.length) return undefined;
    // Raw and folded spellings both: the index holds each record's text as published.
    const both = (raw?: string) => (raw ? [...productKeys(raw), ...productKeys(foldForIndex(raw))] : []);
    return { item, gtin: gtin?.ok ? gtin.value : undefined, uscc: uscc?.ok ? uscc.value : undefined, brandKeys: both(item.brand), modelKeys: both(item.model) };
  });
  return { prepared, keys, errors };
}

/** Manufacturers by the name matcher of /screen (and USCCs through the register): per item, enterprise id → match. */
async function matchMakers(portal: Portal, prepared: (Prepared | undefined)[]): Promise<Map<string, MakerMatch>[]> {
  const makers = prepared.map(() => new Map<string, MakerMatch>());
  const queries = prepared.flatMap((p, i) => (p && (p.item.manufacturer || p.uscc) ? [{ key: String(i), name: p.item.manufacturer, uscc: p.uscc }] : []));
  if (queries.length === 0) return makers;
  // Parsed by /screen's own schema: its default threshold is the name matcher's.
  const { results } = await runScreen(portal, screenInput.parse({ queries }));
  for (const result of results) {
    for (const m of result.matches) makers[Number(result.key)]!.set(m.enterprise.id, { score: m.score, reasons: m.reasons, name: m.enterprise.name });
  }
  return makers;
}

/**
 * Product screening: every item's brand, model, GTIN and manufacturer against failed spot checks
 * and foreign alerts. Round trips are fixed whatever the batch: the name matcher's (runScreen),
 * then one query per record type over expression indexes (db/queries/product-keys.ts); the
 * evidence and the score are worked out here (screen-products-score.ts).
 */
export async function screenProducts(portal: Portal, { items, threshold }: ScreenProductsRequest) {
  const started = performance.now();
  const { prepared, keys, errors } = prepare(items);
  const byBrand = new Map<string, number[]>();
  const byModel = new Map<string, number[]>();
  const byGtin = new Map<string, number[]>();
  const byUscc = new Map<string, number[]>();
  prepared.forEach((p, i) => {
    if (!p) return;
    push(byBrand, foldedKeys(p.item.brand), i);
    push(byModel, foldedKeys(p.item.model), i);
    if (p.gtin) push(byGtin, [p.gtin], i);
    if (p.uscc) push(byUscc, [p.uscc], i);
  });
  const live = prepared.filter((p): p is Prepared => p !== undefined);
  const brandKeys = live.flatMap((p) => p.brandKeys);
  const modelKeys = live.flatMap((p) => p.modelKeys);
  const gtins = live.flatMap((p) => (p.gtin ? gtinSpellings(p.gtin) : []));

  // Brands, models, GTINs and USCCs are asked for while the name matcher works; the records of the
  // manufacturers it finds follow in a second query per type (those not found already).
  const byKeys = (type: ProductType) => {
    const { fields } = type.products;
    const table = type.table as unknown as Record<string, SQL>;
    const conditions: SQL[] = [];
    if (brandKeys.length) conditions.push(sql`${productKeysSql(table[fields.brand]!)} && ${param(brandKeys)}::text[]`);
    if (modelKeys.length) conditions.push(sql`${productKeysSql(table[fields.model]!)} && ${param(modelKeys)}::text[]`);
    if (gtins.length && fields.barcodes) conditions.push(sql`${barcodesSql(table[fields.barcodes]!)} && ${param(gtins)}::text[]`);
    if (byUscc.size && fields.manufacturerUscc) conditions.push(sql`${table[fields.manufacturerUscc]!} = any(${param(byUscc.keys())}::text[])`);
    return candidateRows(portal, type, conditions.length ? or(...conditions) : undefined);
  };
  const [makers, info, keyed] = await Promise.all([matchMakers(portal, prepared), portalInfo(portal), Promise.all(types.map(byKeys))]);
  const byMaker = new Map<string, number[]>();
  makers.forEach((m, i) => push(byMaker, m.keys(), i));
  const made = await Promise.all(types.map((type, k) => {
    if (byMaker.size === 0) return [];
    const seen = sql.param(keyed[k]!.map((r) => String(r.id)));
    return candidateRows(portal, type, and(type.products.byMakers([...byMaker.keys()]), sql`not (${type.table.id} = any(${seen}::text[]))`));
  }));

  const found = prepared.map(() => [] as { score: number; match: ProductMatch }[]);
  types.forEach((type, k) => {
    const { fields } = type.products;
    const rows = [...keyed[k]!, ...made[k]!];
    for (const row of rows) {
      const value = (field?: string) => (field && row[field] != null ? String(row[field]) : undefined);
      const candidates = new Set<number>();
      const collect = (map: Map<string, number[]>, ks: Iterable<string>) => { for (const k of ks) for (const i of map.get(k) ?? []) candidates.add(i); };
      collect(byBrand, foldedKeys(value(fields.brand)));
      collect(byModel, foldedKeys(value(fields.model)));
      collect(byGtin, barcodeNumbers(value(fields.barcodes)).map(gtinValue));
      collect(byMaker, type.products.makers(row));
      if (value(fields.manufacturerUscc)) collect(byUscc, [value(fields.manufacturerUscc)!]);
      for (const i of candidates) {
        const { item, gtin, uscc } = prepared[i]!;
        const published = {
          productName: value(fields.productName), brand: value(fields.brand), model: value(fields.model), batch: value(fields.batch),
          batchDate: value(fields.batchDate), manufacturerName: value(fields.manufacturerName), manufacturerUscc: value(fields.manufacturerUscc),
          barcodes: barcodeNumbers(value(fields.barcodes)), store: value(fields.store), makers: type.products.makers(row),
        };
        const { score, evidence } = scoreMatch(item, gtin, uscc, makers[i]!, published);
        if (score < threshold) continue;
        found[i]!.push({
          score,
          match: {
            type: type.name as ProductMatch['type'],
            id: String(row.id),
            url: `/${type.name}/${encodeURIComponent(String(row.id))}`,
            title: type.title(row),
            published_at: String(row.publishedAt),
            finding: type.products.finding(row) ?? null,
            score,
            evidence,
          },
        });
      }
    }
  });

  const results = keys.map((key, i) => ({
    key,
    ...(errors[i] ? { error: errors[i] } : {}),
    matches: found[i]!
      .sort((a, b) => b.score - a.score || b.match.published_at.localeCompare(a.match.published_at) || a.match.id.localeCompare(b.match.id))
      .slice(0, MAX_MATCHES)
      .map((f) => f.match),
  }));
  const counts = { items: items.length, matched: results.filter((r) => r.matches.length > 0).length, errors: errors.filter(Boolean).length };
  return { results, meta: { ...counts, threshold, took_ms: Math.round(performance.now() - started), ...aboutTheData(info) } };
}
