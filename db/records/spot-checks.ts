import { z } from 'zod';
import { parseResult, parseUnqualifiedItems } from '../normalize/result-values.ts';
import { parseBatch } from '../normalize/dates.ts';
import type { UnqualifiedItem } from '../schema/spot-checks.ts';
import { maskPersonalData } from '../normalize/mask.ts';
import {
  commonFields,
  commonHeaders,
  fromParser,
  optionalCell,
  optionalText,
  optionalUscc,
  requiredCell,
  requiredText,
  vocabulary,
} from './fields.ts';

/** spot-checks: the zod schema of one imported row, its accepted headers and its natural key. */
export const spotCheckSchema = z
  .object({
    ...commonFields,
    sourceNumber: requiredText(200),
    level: requiredCell(vocabulary('level', {
      国家: 'national', 国家级: 'national', 国抽: 'national', national: 'national',
      省级: 'provincial', 省: 'provincial', 省抽: 'provincial', provincial: 'provincial',
      市级: 'municipal', 市: 'municipal', municipal: 'municipal',
    })),
    productName: requiredText(300),
    brand: optionalText(200),
    model: optionalText(300),
    batch: optionalText(300),
    manufacturerName: optionalText(300),
    manufacturerAddress: optionalText(500),
    manufacturerUscc: optionalUscc,
    sampledUnitName: optionalText(300),
    sampledUnitAddress: optionalText(500),
    platform: optionalText(200),
    store: optionalText(200),
    channel: optionalCell(vocabulary('channel', {
      生产: 'production', 生产环节: 'production', production: 'production',
      流通: 'circulation', 流通环节: 'circulation', 销售: 'circulation', circulation: 'circulation',
      电商: 'e-commerce', 电子商务: 'e-commerce', 网购: 'e-commerce', 'e-commerce': 'e-commerce',
    })),
    result: requiredCell(fromParser(parseResult)),
    unqualifiedItems: optionalCell((raw): UnqualifiedItem[] => parseUnqualifiedItems(maskPersonalData(raw))),
    standard: optionalText(500),
    inspectionAgency: optionalText(300),
    disposal: optionalText(2000),
    note: optionalText(2000),
  })
  .superRefine((row, ctx) => {
    if (!row.manufacturerName && !row.sampledUnitName) {
      ctx.addIssue({ code: 'custom', path: ['manufacturerName'], message: 'a manufacturer or a sampled unit is required' });
    }
    if (row.result === 'unqualified' && !row.unqualifiedItems?.length) {
      ctx.addIssue({ code: 'custom', path: ['unqualifiedItems'], message: 'an unqualified result needs its unqualified items' });
    }
  })
  .transform((row) => ({
    ...row,
    unqualifiedItems: row.unqualifiedItems ?? [],
    // E-commerce samples name a platform or store even when the file has no channel column.
    channel: row.channel ?? (row.platform || row.store ? ('e-commerce' as const) : undefined),
    batchDate: row.batch ? parseBatch(row.batch).date : undefined,
  }));

export type SpotCheckInput = z.output<typeof spotCheckSchema>;

export const spotCheckHeaders: Record<string, string[]> = {
  ...commonHeaders,
  level: ['抽查级别', '抽查层级', '级别', 'level'],
  productName: ['产品名称', '样品名称', 'product_name'],
  brand: ['商标', '品牌', 'brand'],
  model: ['规格型号', '型号规格', '规格', 'model'],
  batch: ['生产日期/批号', '生产日期或批号', '生产日期', '批号', 'batch'],
  manufacturerName: ['标称生产企业名称', '标称生产者名称', '生产企业名称', '生产者', 'manufacturer'],
  manufacturerAddress: ['标称生产企业地址', '标称生产者地址', 'manufacturer_address'],
  manufacturerUscc: ['统一社会信用代码', '社会信用代码', 'uscc'],
  sampledUnitName: ['被抽样单位名称', '被抽样单位', '受检单位', '受检单位名称', '销售单位', 'sampled_unit'],
  sampledUnitAddress: ['被抽样单位地址', '被抽样单位所在地', '受检单位地址', 'sampled_unit_address'],
  platform: ['电商平台', 'platform'],
  store: ['网店名称', '店铺名称', 'store'],
  channel: ['抽样环节', '环节', 'channel'],
  result: ['抽查结果', '检验结果', '结论', '判定结果', 'result'],
  unqualifiedItems: ['不合格项目', '主要不合格项目', '不合格项目名称', 'unqualified_items'],
  standard: ['执行标准', '标准', 'standard'],
  inspectionAgency: ['承检机构', '检验机构', 'inspection_agency'],
  disposal: ['处理情况', '后处理', 'disposal'],
  note: ['备注', 'note'],
};

/** announcement number + manufacturer + product + model/spec + batch + sampled unit */
export const spotCheckNaturalKey = (r: SpotCheckInput) =>
  [r.sourceNumber, r.manufacturerUscc ?? r.manufacturerName, r.productName, r.model, r.batch, r.sampledUnitName];
