import { z } from 'zod';
import { parseDate } from '../../core/normalize/dates.ts';
import { findCategory } from '../../core/taxonomy.ts';
import { commonFields, optionalText, requiredCell, vocabulary } from '../shared/fields.ts';

/** The US recalls API names the agency by its initials (a few of its recalls are NHTSA's or FDA's). */
const US_AGENCIES: Record<string, string> = {
  CPSC: 'U.S. Consumer Product Safety Commission',
  NHTSA: 'U.S. National Highway Traffic Safety Administration',
  FDA: 'U.S. Food and Drug Administration',
  USDA: 'U.S. Department of Agriculture',
};
import { ALERT_SOURCE_IDS, alertSource, type AlertSource, type AlertSourceId } from './sources.ts';

/** A producer an alert names: as published, without the publisher's note (出口商: the exporter). */
export interface AlertProducer {
  name: string;
  /** `manufacturer`, or `distributor` for an exporter that did not make the product. */
  role: 'manufacturer' | 'distributor';
  annotation?: string;
}

/** Origins whose producers may be domestic enterprises: mainland China, Hong Kong, Macao. */
const CHINA = /^(?:china|cn|chn|prc|p\.?\s?r\.?\s?china|people'?s republic of china|mainland china|china \(mainland\)|hong kong(?: sar)?(?:, china)?|hk|macao|macau|中国|中國|中国大陆|中國大陸|大陆|大陸|香港|澳门|澳門)$/i;
export const isFromChina = (origin: string | undefined) => (origin ?? '').split(/[\n;；,，/]+/).some((c) => CHINA.test(c.trim()));

/** Names in one cell (CPSC lists several manufacturers, one per line), each with its note taken off. */
export function producersIn(cell: string | undefined): AlertProducer[] {
  const seen = new Set<string>();
  return (cell ?? '').split(/\n+/).flatMap((raw) => {
    const note = /[(（]([^()（）]{1,12})[)）]\s*$/.exec(raw.trim());
    const name = (note && /商|exporter|distributor|importer/i.test(note[1]!) ? raw.trim().slice(0, note.index) : raw).trim();
    if (!name || /^(?:none|unknown|n\/a|null|-+)$/i.test(name) || seen.has(name)) return [];
    seen.add(name);
    const exporter = note !== null && /出口|export/i.test(note[1]!);
    return [{ name, role: exporter ? ('distributor' as const) : ('manufacturer' as const), ...(note && name !== raw.trim() ? { annotation: note[1]! } : {}) }];
  });
}

/** The year an alert number or recall page carries: A12/01390/23 → 2023; …/Recalls/1994/… → 1994; recall 94059 → 1994. */
function yearOf(row: { publisher?: string; alertNumber?: string; sourceUrl?: string }): number | undefined {
  const fromUrl = /\/(?:Recalls|recalls)\/((?:19|20)\d\d)\//.exec(row.sourceUrl ?? '')?.[1];
  if (fromUrl) return Number(fromUrl);
  const n = row.alertNumber ?? '';
  const eu = /^(?:A\d{2}|INFO)\/\d+\/(\d{2})$/.exec(n)?.[1];
  if (eu) return 2000 + Number(eu);
  const cpsc = row.publisher === 'us-cpsc' ? /^(\d{2})[-]?\d{3}$/.exec(n)?.[1] : undefined;
  if (cpsc) return Number(cpsc) >= 70 ? 1900 + Number(cpsc) : 2000 + Number(cpsc);
  return undefined;
}

/** A date as the publisher writes it: ISO (CPSC's API adds a time), or with slashes in its own order (05/25/2013). */
function alertDate(raw: string, source: AlertSource | undefined) {
  const parsed = parseDate(raw.replace(/T[\d:.]+Z?$/, ''));
  const slashed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw.trim());
  if (parsed.ok || !slashed) return parsed;
  const [a, b] = [Number(slashed[1]), Number(slashed[2])];
  const dayFirst = a > 12 || (b <= 12 && (source?.dayFirst ?? true));
  return parseDate(`${slashed[3]}-${dayFirst ? b : a}-${dayFirst ? a : b}`);
}

const SOURCE_SPELLINGS = Object.fromEntries(ALERT_SOURCE_IDS.map((id) => [id, id])) as Record<AlertSourceId, AlertSourceId>;

/** cross-border-alerts: the zod schema of one imported alert (any of the sources' shapes, mapped by headers). */
export const crossBorderAlertSchema = z
  .object({
    // Who published it, where it applies and the data licence follow from the publisher when no column gives them.
    authority: optionalText(200),
    sourceUrl: commonFields.sourceUrl,
    sourceTitle: commonFields.sourceTitle,
    publisher: requiredCell(vocabulary('alert source', SOURCE_SPELLINGS)),
    // Read once the publisher is known (its date order). Optional: a Safety Gate export prints
    // no date, its alert number carries the year.
    publishedAt: optionalText(60),
    alertNumber: optionalText(100),
    jurisdiction: optionalText(20),
    licence: optionalText(300),
    notifyingCountry: optionalText(200),
    originCountry: optionalText(300),
    // A recall may list many products, one per line; an NHTSA row names only its subject, an FDA row a description.
    productName: optionalText(4000),
    productType: optionalText(300),
    brand: optionalText(300),
    model: optionalText(2000),
    productCode: optionalText(200),
    barcodes: optionalText(2000),
    producers: optionalText(3000),
    hazard: optionalText(1000),
    hazardDetail: optionalText(6000),
    measures: optionalText(4000),
    recallCode: optionalText(300),
    productionDates: optionalText(500),
  })
  .superRefine((row, ctx) => {
    const date = row.publishedAt ? alertDate(row.publishedAt, alertSource(row.publisher)) : undefined;
    if (date && !date.ok) ctx.addIssue({ code: 'custom', path: ['publishedAt'], message: date.reason, input: row.publishedAt });
    if (!row.productName && !row.model && !row.productType && !row.sourceTitle) ctx.addIssue({ code: 'custom', path: ['productName'], message: 'is required: the file names no product, model, category or title' });
    if (!row.publishedAt && !yearOf(row)) {
      ctx.addIssue({ code: 'custom', path: ['publishedAt'], message: 'is required: the file gives no date, and no alert number or recall page carries a year' });
    }
  })
  .transform((row) => {
    const publisher = alertSource(row.publisher)!;
    const date = row.publishedAt ? alertDate(row.publishedAt, publisher) : undefined;
    const year = date?.ok ? undefined : yearOf(row);
    const producers = producersIn(row.producers);
    return {
      ...row,
      authority: (row.authority && US_AGENCIES[row.authority.toUpperCase()]) ?? row.authority ?? publisher.authority,
      jurisdiction: row.jurisdiction ?? publisher.jurisdiction,
      licence: row.licence ?? publisher.licence,
      publishedAt: date?.ok ? date.value : `${year}-01-01`,
      datePrecision: date?.ok ? ('day' as const) : ('year' as const),
      productName: (row.productName ?? row.model ?? row.productType ?? row.sourceTitle)!,
      producers,
      producerName: producers[0]?.name,
      fromChina: isFromChina(row.originCountry),
      // The publisher's category mapped onto the taxonomy where it can be (Toys → toys); kept as published besides.
      productCategory: row.productType ? findCategory(row.productType)?.slug : undefined,
    };
  });

export type CrossBorderAlertInput = z.output<typeof crossBorderAlertSchema>;

/**
 * Headers of each publisher's own files: the Safety Gate export and its CSV dumps, the CPSC
 * recalls API (both the 2013 search API and SaferProducts, whose nested lists the JSON reader
 * flattens to `Manufacturers.Name`), the TFDA open data (traditional and simplified) and its
 * English-keyed dumps.
 */
export const crossBorderAlertHeaders: Record<string, string[]> = {
  publisher: ['publisher', 'source', '来源', '发布机构'],
  authority: ['authority', 'organization', 'Alert submitted by', '发布机关'],
  publishedAt: ['published_on', 'Date of publication', 'recall_date', 'RecallDate', 'event_date', '發布日期', '发布日期', '公告日期', 'published_at'],
  sourceUrl: ['source_url', 'recall_url', 'URL', 'link', '來源連結', '来源链接'],
  sourceTitle: ['Title', 'title', 'recall_subject', '主旨'],
  alertNumber: ['alert_number', 'Alert number', 'Reference', 'recall_number', 'RecallNumber', '通报编号'],
  jurisdiction: ['jurisdiction'],
  licence: ['licence', 'license'],
  notifyingCountry: ['notifying_country', 'Notifying country', 'Alert submitted by country'],
  originCountry: ['country_of_origin', 'Country of origin', 'countries', 'ManufacturerCountries.Country', 'origin_country', '產地', '产地', '原產地', '原产地', '生產國別', '生产国别'],
  productName: ['product_name', 'Product', 'Name', 'Products.Name', 'descriptions', '產品名稱', '产品名称', '品名'],
  productType: ['product_category', 'Product category', 'Category', 'product_types', 'Products.Type', '產品分類', '产品分类'],
  brand: ['brand', 'Brand', 'prodname', 'records.make', '品牌'],
  model: ['product_description', 'Type / number of model', 'Type/number of model', 'Description', 'Products.Model', '規格', '规格'],
  productCode: ['product_code', 'Products.CategoryID', '貨品分類號列', '货品分类号列', '貨品分類號列(CCC)', '号列'],
  barcodes: ['upcs', 'ProductUPCs.UPC', 'Barcode', 'Batch number / Barcode', 'barcode'],
  producers: ['producer_name', 'manufacturers', 'Manufacturers.Name', 'manufacturer', 'company', '製造廠或出口商名稱', '制造厂或出口商名称', '製造廠名稱', '制造厂名称', '生產者', '生产者'],
  hazard: ['risk_type', 'Risk type', 'hazards', 'Hazards.Name', 'reason', '不合格原因', '原因'],
  hazardDetail: ['risk_description', 'Risk', 'Danger', 'reason_detail', 'consequence_summary', '不合格原因暨檢出量詳細說明', '不合格原因暨检出量详细说明', '檢出量', '检出量'],
  measures: ['measures_authorities', 'Measures adopted by notifying country', 'Measures', 'Remedies.Name', 'corrective_summary', '處置情形', '处置情形', '處理情形', '处理情形'],
  recallCode: ['company_recall_code', 'Company recall code', 'Company recall page'],
  productionDates: ['production_dates', 'Production dates', 'Batch number'],
};

/** One alert: its publisher and number, or (no number: a TFDA rejection) its date, producer, product and code. */
export const crossBorderAlertNaturalKey = (r: CrossBorderAlertInput) =>
  r.alertNumber ? [r.publisher, r.alertNumber] : [r.publisher, r.publishedAt, r.producerName, r.productName, r.productCode, r.hazardDetail];
