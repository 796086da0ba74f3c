import type { FieldDoc } from '../shared/descriptor.ts';

/** The fields of a foreign regulator's alert beyond the common ones (types/shared/dictionary.ts). */
export const crossBorderAlertDictionary: Record<string, FieldDoc> = {
  publisher: { zh: '发布方', en: 'The foreign publisher of the alert (EU Safety Gate, US CPSC, Taiwan FDA…); the common `source` is the record’s provenance.', example: 'eu-safety-gate' },
  alertNumber: { zh: '通报编号', en: 'The publisher’s own number (a Safety Gate alert number such as A12/01390/23, a CPSC recall number); null when it has none.', example: 'A12/00001/25' },
  datePrecision: { zh: '日期精度', en: '`year` when the publisher gives no day (publishedAt is then 1 January), else `day`.', example: 'day' },
  jurisdiction: { zh: '适用地区', en: 'Where the measure applies: EU, US or TW.', example: 'EU' },
  notifyingCountry: { zh: '通报国', en: 'The country that notified the alert, as published; null when not printed.', example: 'Germany' },
  originCountry: { zh: '原产国', en: 'Country of origin as published (People’s Republic of China, CN, China…); null when not printed.', example: 'People’s Republic of China' },
  fromChina: { zh: '原产于中国', en: 'True when the origin is mainland China, Hong Kong or Macao: its producers are matched to domestic profiles.', example: true },
  productName: { zh: '产品名称', en: 'The product, as published (usually in English).', example: 'Electric kettle' },
  productType: { zh: '产品类别（发布方）', en: 'The publisher’s own product category (Toys, Hammocks, seafood); null when not printed.', example: 'Electrical appliances' },
  brand: { zh: '品牌', en: 'Brand, as published; null when not printed.', example: 'Examplebrand' },
  model: { zh: '型号', en: 'Model, type or product description as published; null when not printed.', example: 'EK-1700' },
  productCode: { zh: '产品编码', en: 'Tariff (HS) code or the publisher’s product code; null when not printed.', example: '8516.71' },
  barcodes: { zh: '条码', en: 'Barcodes (EAN/UPC) as published; null when not printed.', example: '6900000000000' },
  producerName: { zh: '生产商', en: 'The first producer named (manufacturer, exporter); every one is in namedParties. Null when not printed.', example: 'Hangzhou Example Electric Co., Ltd.' },
  enterpriseId: { zh: '企业档案', en: 'Id of the domestic enterprise profile the producer was linked to; null when not linked.', example: null },
  hazard: { zh: '风险类型', en: 'Risk type, hazard or rejection reason, as published; null when not printed.', example: 'Electric shock' },
  hazardDetail: { zh: '风险描述', en: 'What was found: the risk description, the measured value; null when not printed.', example: 'Insufficient insulation between live parts and the casing.' },
  measures: { zh: '措施', en: 'Measures taken (recall from end users, withdrawal, return or destruction at the border); null when not printed.', example: 'Recall of the product from end users' },
  recallCode: { zh: '召回编号', en: 'The recall’s own code, as published; null when none.', example: null },
  productionDates: { zh: '生产日期', en: 'Production dates or batch information, as published; null when not printed.', example: null },
  licence: { zh: '数据许可', en: 'The data licence of the source, as the publisher states it.', example: 'CC BY 4.0' },
  matches: { zh: '匹配的企业档案', en: 'Domestic profiles the producers matched: `linked` ones (also in enterpriseIds, shown on the profile) and `possible` ones (listed on the alert only), each with its reason and score.', example: [{ enterpriseId: 'ent-91330100', enterpriseName: '杭州示例电器有限公司', producer: 'Hangzhou Example Electric Co., Ltd.', reason: 'english-name', score: 1, status: 'linked' }] },
};
