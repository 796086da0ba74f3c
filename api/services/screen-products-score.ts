import { compareBatch } from '../../core/text/batch.ts';
import { compareKeys, foldedKeys, gtinValue } from '../../core/text/product-keys.ts';
import type { ProductItem } from './screen-products-input.ts';

export interface Evidence {
  result: 'equal' | 'normalised-equal' | 'in-range' | 'matched' | 'different' | 'not-given';
  given?: string;
  published?: string;
  score?: number;
  reasons?: string[];
}
export interface MakerMatch { score: number; reasons: string[]; name: string }
export interface PublishedProduct {
  productName?: string;
  brand?: string;
  model?: string;
  batch?: string;
  batchDate?: string;
  manufacturerName?: string;
  manufacturerUscc?: string;
  /** Barcode numbers as printed. */
  barcodes: string[];
  store?: string;
  /** Enterprise ids the record names as the maker. */
  makers: string[];
}

/**
 * The scoring rule, published in the API's description and README. The product is identified by
 * GTIN, or by two of brand, model and manufacturer; one of them alone is a weak lead, never a match
 * at the default threshold (0.6). Batch, product name and store only move a score.
 */
export const SCORES = {
  gtin: 0.95,
  brandModelMaker: 0.95,
  brandModel: 0.85,
  modelMaker: 0.8,
  brandMaker: 0.65,
  modelOnly: 0.45,
  brandOnly: 0.35,
  makerOnly: 0.35,
  /** A different model (or GTIN) on both sides is another product, whatever else agrees. */
  otherProductCap: 0.3,
  otherBrand: -0.25,
  batchAgrees: 0.1,
  batchDiffers: -0.2,
  supporting: 0.05,
} as const;

export const SCORING_RULE =
  'Score: the same GTIN 0.95; brand + model + manufacturer 0.95; brand + model 0.85; model + manufacturer 0.80; brand + manufacturer 0.65; ' +
  'model alone 0.45; brand alone 0.35; manufacturer alone 0.35. A model or GTIN given on both sides and different caps the score at 0.30 (another product); ' +
  'a different brand beside an agreeing model takes 0.25 off. The batch equal or within the published range adds 0.10, a different batch takes 0.20 off; ' +
  'a similar product name and the same store add 0.05 each (supporting evidence only). Scores are clamped to 0–1; the default threshold 0.6 never lets one field alone through.';

const agrees = (e: Evidence) => e.result === 'equal' || e.result === 'normalised-equal' || e.result === 'in-range' || e.result === 'matched';
const given = (value?: string) => (value ? { given: value } : {});
const pub = (value?: string) => (value ? { published: value } : {});

function keyEvidence(item?: string, record?: string): Evidence {
  if (!item || !record) return { result: 'not-given', ...given(item), ...pub(record) };
  return { result: compareKeys(item, record), given: item, published: record };
}

/** Product names are free text: the same after folding, or one containing the other. */
function nameEvidence(item?: string, record?: string): Evidence {
  if (!item || !record) return { result: 'not-given', ...given(item), ...pub(record) };
  if (item.trim() === record.trim()) return { result: 'equal', given: item, published: record };
  const [a, b] = [foldedKeys(item)[0] ?? '', foldedKeys(record)[0] ?? ''];
  const similar = a.length >= 2 && b.length >= 2 && (a.includes(b) || b.includes(a));
  return { result: similar ? 'normalised-equal' : 'different', given: item, published: record };
}

function makerEvidence(item: ProductItem, uscc: string | undefined, makers: Map<string, MakerMatch>, record: PublishedProduct): Evidence {
  const name = item.manufacturer;
  if (uscc && record.manufacturerUscc === uscc) return { result: 'equal', given: uscc, published: record.manufacturerUscc, reasons: ['uscc'] };
  const best = record.makers.map((id) => makers.get(id)).filter((m): m is MakerMatch => m !== undefined).sort((a, b) => b.score - a.score)[0];
  if (best) return { result: 'matched', given: name ?? uscc, published: record.manufacturerName ?? best.name, score: best.score, reasons: best.reasons };
  const published = record.manufacturerUscc && uscc ? record.manufacturerUscc : record.manufacturerName;
  if (!(name || uscc) || !published) return { result: 'not-given', ...given(name ?? uscc), ...pub(published) };
  return { result: 'different', given: name ?? uscc, published };
}

function gtinEvidence(gtin: string | undefined, raw: string | undefined, barcodes: string[]): Evidence {
  if (!gtin || barcodes.length === 0) return { result: 'not-given', ...given(raw), ...(barcodes.length ? { published: barcodes.join(', ') } : {}) };
  const same = barcodes.find((b) => gtinValue(b) === gtin);
  if (!same) return { result: 'different', given: raw, published: barcodes.join(', ') };
  return { result: same === raw!.normalize('NFKC').replace(/[\s-]/g, '') ? 'equal' : 'normalised-equal', given: raw, published: same };
}

/** One item against one record: the evidence field by field and the score it adds up to. */
export function scoreMatch(item: ProductItem, gtin: string | undefined, uscc: string | undefined, makers: Map<string, MakerMatch>, record: PublishedProduct) {
  const evidence = {
    gtin: gtinEvidence(gtin, item.gtin, record.barcodes),
    brand: keyEvidence(item.brand, record.brand),
    model: keyEvidence(item.model, record.model),
    batch: ((): Evidence => {
      const result = compareBatch(item.batch, record.batch, record.batchDate);
      return { result, ...given(item.batch), ...pub(record.batch ?? record.batchDate) };
    })(),
    manufacturer: makerEvidence(item, uscc, makers, record),
    product_name: nameEvidence(item.product_name, record.productName),
    store: keyEvidence(item.store, record.store),
  };
  const [b, m, f, g] = [agrees(evidence.brand), agrees(evidence.model), agrees(evidence.manufacturer), agrees(evidence.gtin)];
  let score =
    g ? SCORES.gtin
    : b && m && f ? SCORES.brandModelMaker
    : b && m ? SCORES.brandModel
    : m && f ? SCORES.modelMaker
    : b && f ? SCORES.brandMaker
    : m ? SCORES.modelOnly
    : b ? SCORES.brandOnly
    : f ? SCORES.makerOnly
    : 0;
  if (!g && (evidence.model.result === 'different' || evidence.gtin.result === 'different')) score = Math.min(score, SCORES.otherProductCap);
  if (m && evidence.brand.result === 'different') score += SCORES.otherBrand;
  if (agrees(evidence.batch)) score += SCORES.batchAgrees;
  if (evidence.batch.result === 'different') score += SCORES.batchDiffers;
  if (agrees(evidence.product_name)) score += SCORES.supporting;
  if (agrees(evidence.store)) score += SCORES.supporting;
  return { score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000, evidence };
}
