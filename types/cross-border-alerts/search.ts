import type { Lang } from '../../core/labels.ts';
import { baseDocument, recordSettings } from '../shared/search-document.ts';
import { alertSource, SOURCE_LABELS } from './sources.ts';
import type { CrossBorderAlertRow } from './table.ts';

const NAME = 'cross-border-alerts';

/** cross-border-alerts index: the product, its brand and producer first, then what was wrong with it. */
export const crossBorderAlertIndexSettings = {
  ...recordSettings(
    ['productName', 'brand', 'producers', 'model', 'productType', 'hazard', 'sourceName', 'originCountry', 'hazardDetail', 'measures'],
    ['publisher', 'jurisdiction', 'fromChina', 'enterpriseIds'],
  ),
  // Most of these alerts are in English, the Taiwan ones in traditional Chinese (folded into `folded`).
  localizedAttributes: [
    { attributePatterns: ['pinyin', 'model', 'identifiers', 'productType', 'hazard', 'hazardDetail', 'measures', 'originCountry'], locales: ['eng'] },
    { attributePatterns: ['*'], locales: ['cmn'] },
  ],
};

export function crossBorderAlertDocument(row: CrossBorderAlertRow) {
  const producers = row.namedParties.map((p) => p.name);
  return {
    ...baseDocument(NAME, row, crossBorderAlertTitle(row), producers[0] ?? row.brand ?? undefined, {
      identifiers: [row.alertNumber, row.productCode, ...(row.barcodes ?? '').split(/[\s,;]+/)],
      names: [...producers, row.brand],
      text: [row.productName, row.hazard, row.hazardDetail],
    }),
    productName: row.productName,
    brand: row.brand,
    producers,
    model: row.model,
    productType: row.productType,
    hazard: row.hazard,
    hazardDetail: row.hazardDetail?.slice(0, 2000),
    measures: row.measures?.slice(0, 1000),
    originCountry: row.originCountry,
    publisher: row.publisher,
    sourceName: `${SOURCE_LABELS[row.publisher]?.zh ?? ''} ${SOURCE_LABELS[row.publisher]?.en ?? ''}`,
    jurisdiction: row.jurisdiction,
    fromChina: row.fromChina,
    alertNumber: row.alertNumber,
    enterpriseIds: row.enterpriseIds,
  };
}

/** What the alert says in one line, in Chinese: the product (the first of a list) and the measure. */
export function crossBorderAlertTitle(row: Pick<CrossBorderAlertRow, 'productName' | 'publisher'>): string {
  const where = alertSource(row.publisher)?.measure.zh ?? '境外通报';
  return `${crossBorderAlertHeading(row, 'zh')}（${where}）`;
}

/** The products an alert names: the first, and how many there are when it names several. */
export function crossBorderAlertHeading(row: Pick<CrossBorderAlertRow, 'productName'>, lang: Lang): string {
  const [first, ...more] = row.productName.split('\n');
  if (more.length === 0) return first ?? '';
  return lang === 'zh' ? `${first}等${more.length + 1}种产品` : `${first} and ${more.length} more products`;
}
