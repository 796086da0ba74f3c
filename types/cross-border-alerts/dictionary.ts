import type { FieldDoc } from '../shared/descriptor.ts';

/** cross-border-alerts' own fields, for the data dictionary (types/shared/dictionary.ts has the common ones). */
export const crossBorderAlertDictionary: Record<string, FieldDoc> = {
  publisher: { zh: '发布机构', en: 'The foreign publisher the alert comes from (codes in the codebook).', example: 'eu-safety-gate' },
  alertNumber: { zh: '通报编号', en: "The publisher's own number (a Safety Gate alert number, a CPSC recall number); empty when it has none.", example: 'A12/01390/23' },
  datePrecision: { zh: '日期精度', en: "day, or year when the publisher gives no day (publishedAt is then 1 January).", example: 'day' },
  jurisdiction: { zh: '适用地区', en: 'Where the measure applies: EU, US, TW (codes in the codebook).', example: 'EU' },
  notifyingCountry: { zh: '通报国', en: 'The country that notified the alert, as published.', example: 'Germany' },
  originCountry: { zh: '原产国', en: 'Country of origin, as published.', example: "People's Republic of China" },
  fromChina: { zh: '原产于中国', en: 'True when the origin is mainland China, Hong Kong or Macao: its producers are matched to domestic profiles.', example: true },
  productName: { zh: '产品名称', en: 'The product, as published.', example: 'Toy slime' },
  productType: { zh: '产品分类', en: "The publisher's own product category.", example: 'Toys' },
  brand: { zh: '品牌', en: 'The brand, as published.', example: 'Unknown' },
  model: { zh: '规格型号', en: 'Model, type or product description, as published.', example: 'No. 8821' },
  productCode: { zh: '货品分类号列', en: "Tariff (HS) code or the publisher's product code.", example: '9503.00' },
  barcodes: { zh: '条码', en: 'Barcodes or batch numbers, as published.', example: '6901234567890' },
  producerName: { zh: '制造厂或出口商名称', en: 'The first producer named (manufacturer, exporter); every one is in namedParties.', example: 'Example Toys Co., Ltd.' },
  enterpriseId: { zh: '企业档案ID', en: 'The domestic enterprise profile the producer is linked to (strong name match only).', example: 'en-8c1d2f' },
  hazard: { zh: '风险类型', en: 'Risk type, hazard or rejection reason, as published.', example: 'Chemical' },
  hazardDetail: { zh: '风险说明', en: 'What was found: the risk description, the measured value.', example: 'The product contains too much boron.' },
  measures: { zh: '处置措施', en: 'Measures taken (recall, withdrawal, return or destruction at the border).', example: 'Withdrawal of the product from the market' },
  recallCode: { zh: '企业召回编号', en: "The company's own recall code, when published." },
  productionDates: { zh: '生产日期', en: 'Production dates or batch numbers, as published.', example: '2025-03' },
  licence: { zh: '数据许可', en: 'The licence of the source data, as the publisher states it.', example: 'CC BY 4.0' },
  matches: { zh: '匹配的企业档案', en: 'Domestic profiles the producers matched: linked ones (shown on the profile) and possible ones, with the reason and a score. In the CSV, joined with ；.', example: [{ enterpriseId: 'en-8c1d2f', enterpriseName: '某某玩具有限公司', producer: 'Example Toys Co., Ltd.', reason: 'english-name', score: 1, status: 'linked' }] },
};
