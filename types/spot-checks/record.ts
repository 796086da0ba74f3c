import { z } from 'zod';
import { parseResult, parseUnqualifiedItems, type UnqualifiedItem } from '../../core/normalize/result-values.ts';
import { parseBatch } from '../../core/normalize/dates.ts';
import { isPersonName, parseParties, type NamedParty, type PartyRole } from '../../core/normalize/parties.ts';
import { maskPersonalData, maskPersonName } from '../../core/normalize/mask.ts';
import { inferLevel } from '../../core/taxonomy.ts';
import {
  categorize,
  commonFields,
  commonHeaders,
  fromParser,
  optionalCell,
  optionalText,
  optionalUscc,
  requiredCell,
  requiredText,
  vocabulary,
  type RowWarning,
} from '../shared/fields.ts';

export const LEVELS = ['national', 'provincial', 'municipal', 'county'] as const;
export type Level = (typeof LEVELS)[number];

/** Level words as publishers and the command line write them. */
export const LEVEL_SPELLINGS: Record<string, Level> = {
  国家: 'national', 国家级: 'national', 国抽: 'national', national: 'national',
  省级: 'provincial', 省: 'provincial', 省抽: 'provincial', provincial: 'provincial',
  市级: 'municipal', 市: 'municipal', 市抽: 'municipal', municipal: 'municipal',
  县级: 'county', 县: 'county', 区级: 'county', 区: 'county', 县区: 'county', 县级市: 'county', county: 'county', district: 'county',
};

/** A party named in a spot check, with the USCC and address its columns give. */
export interface SpotCheckParty extends NamedParty {
  uscc?: string;
  address?: string;
  /** An individual trader named by the regulator: the name is stored masked (张**) and links no profile. */
  kind?: 'person';
}

/** spot-checks: the zod schema of one imported row, its accepted headers and its natural key. */
export const spotCheckSchema = z
  .object({
    ...commonFields,
    // Many announcements print no number: the natural key then uses authority, title and date.
    sourceNumber: optionalText(200),
    level: optionalCell(vocabulary('level', LEVEL_SPELLINGS)),
    productName: requiredText(300),
    productKind: optionalText(200),
    brand: optionalText(200),
    model: optionalText(300),
    batch: optionalText(300),
    manufacturerName: optionalText(600),
    manufacturerAddress: optionalText(500),
    manufacturerUscc: optionalUscc,
    producerName: optionalText(600),
    distributorName: optionalText(600),
    importerName: optionalText(600),
    sampledUnitName: optionalText(600),
    sampledUnitAddress: optionalText(500),
    platform: optionalText(200),
    store: optionalText(200),
    channel: optionalCell(vocabulary('channel', {
      生产: 'production', 生产环节: 'production', production: 'production',
      流通: 'circulation', 流通环节: 'circulation', 销售: 'circulation', 销售环节: 'circulation', circulation: 'circulation',
      电商: 'e-commerce', 电子商务: 'e-commerce', 网购: 'e-commerce', 网络销售: 'e-commerce', 'e-commerce': 'e-commerce',
    })),
    result: requiredCell(fromParser(parseResult)),
    unqualifiedItems: optionalCell((raw): UnqualifiedItem[] => parseUnqualifiedItems(maskPersonalData(raw))),
    qualityGrade: optionalText(100),
    jurisdiction: optionalText(200),
    standard: optionalText(500),
    inspectionAgency: optionalText(300),
    disposal: optionalText(2000),
    note: optionalText(2000),
  })
  // Cross-field checks run even when a field failed, so a file's report lists every problem at once.
  .superRefine((row, ctx) => {
    if (!partiesOf(row).length && typeof row.productName === 'string') {
      ctx.addIssue({ code: 'custom', path: ['manufacturerName'], message: 'a manufacturer or a sampled unit is required' });
    }
    if (!row.level && typeof row.authority === 'string' && !inferLevel(row.authority)) {
      ctx.addIssue({ code: 'custom', path: ['level'], message: 'is required (national, provincial, municipal or county; give --level): it cannot be told from the authority' });
    }
  }, { when: () => true })
  .transform((row) => {
    const warnings: RowWarning[] = [];
    const category = categorize(row);
    warnings.push(...category.warnings);
    const unqualifiedItems = row.unqualifiedItems ?? [];
    if (row.result === 'unqualified' && unqualifiedItems.length === 0) {
      warnings.push({ field: 'unqualifiedItems', message: 'unqualified, but the file names no unqualified items: shown as 不合格项目未公布' });
    }
    if (row.result === 'qualified' && unqualifiedItems.length > 0) {
      warnings.push({ field: 'unqualifiedItems', message: 'qualified, yet unqualified items are named: kept as published' });
    }
    const parties = partiesOf(row);
    const batch = row.batch ? parseBatch(row.batch) : undefined;
    return {
      ...row,
      ...category,
      level: row.level ?? inferLevel(row.authority)!,
      sourceNumber: row.sourceNumber ?? '',
      parties,
      // The record's own columns keep the first party of each role, for lists and exports.
      manufacturerName: parties.find((p) => p.role === 'manufacturer')?.name,
      manufacturerUscc: row.manufacturerUscc,
      sampledUnitName: parties.find((p) => p.role === 'sampled')?.name,
      unqualifiedItems,
      // E-commerce samples name a platform or store even when the file has no channel column.
      channel: row.channel ?? (row.platform || row.store ? ('e-commerce' as const) : undefined),
      batchDate: batch?.date,
      warnings,
    };
  });

/** Every party the row's columns name, each with its role; the USCC and address go with the first of their column. */
function partiesOf(row: {
  manufacturerName?: string; manufacturerUscc?: string; manufacturerAddress?: string;
  producerName?: string; distributorName?: string; importerName?: string;
  sampledUnitName?: string; sampledUnitAddress?: string;
}): SpotCheckParty[] {
  const column = (text: string | undefined, role: PartyRole, uscc?: string, address?: string): SpotCheckParty[] =>
    parseParties(text, role).map((p, i) => (i === 0 ? { ...p, ...(uscc ? { uscc } : {}), ...(address ? { address } : {}) } : p));
  const parties = [
    ...column(row.manufacturerName, 'manufacturer', row.manufacturerUscc, row.manufacturerAddress),
    ...column(row.producerName, 'producer'),
    ...column(row.importerName, 'importer'),
    ...column(row.distributorName, 'distributor'),
    ...column(row.sampledUnitName, 'sampled', undefined, row.sampledUnitAddress),
  ];
  const seen = new Set<string>();
  return parties
    .filter((p) => {
      const key = `${p.role}|${p.name}`;
      return !seen.has(key) && seen.add(key);
    })
    .map((p) => (isPersonName(p.name) && !p.uscc ? { ...p, name: maskPersonName(p.name), kind: 'person' as const } : p));
}

export type SpotCheckInput = z.output<typeof spotCheckSchema>;

/**
 * Header names accepted for each field. They are compared after spaces, brackets and the
 * 标称 / 标识标注的 prefixes are taken out (map-headers.ts), so `标称生产企业名称`, `生产企业名称` and
 * `标识标注的生产企业名称` are one header.
 */
export const spotCheckHeaders: Record<string, string[]> = {
  ...commonHeaders,
  level: ['抽查级别', '抽查层级', '抽检级别', '级别', '抽查类别', '抽检类别', 'level'],
  productName: ['产品名称', '样品名称', '样品标称名称', '商品名称', '标识标注的产品名称', '抽检产品名称', '抽查产品名称', '受检产品名称', '产品', 'product_name'],
  productKind: ['产品种类', '产品类型', '样品类别', '产品品种', 'product_kind'],
  brand: ['商标', '品牌', '标称商标', '注册商标', '商标/品牌', 'brand'],
  model: ['规格型号', '型号规格', '规格', '型号', '规格/型号', '标称规格型号', '规格等级', 'model'],
  batch: ['生产日期/批号', '生产日期或批号', '生产日期', '批号', '生产批号', '生产日期(批号)', '标称生产日期/批号', '生产日期/批次', '批次', '生产日期/批号/货号', '生产日期/批货号', '批号/生产日期', '生产日期或批次', 'batch'],
  manufacturerName: [
    '标称生产企业名称', '标称生产者名称', '生产企业名称', '生产者', '生产者名称', '标称生产单位', '生产单位', '生产单位名称',
    '企业名称', '标称生产企业', '生产企业', '标识标注的生产单位', '生产厂家', '制造商', '标称制造商', '标称企业名称',
    '标称生产者', '委托生产企业', '委托方', 'manufacturer',
  ],
  manufacturerAddress: ['标称生产企业地址', '标称生产者地址', '生产企业地址', '生产单位地址', '企业地址', 'manufacturer_address'],
  manufacturerUscc: ['统一社会信用代码', '社会信用代码', '生产企业统一社会信用代码', 'uscc'],
  producerName: ['受托生产企业', '受托生产企业名称', '受托方', '实际生产企业', '受托生产单位', 'producer'],
  distributorName: ['经销商', '经销商名称', '标称经销商', '经销单位', 'distributor'],
  importerName: ['进口商', '进口商名称', '标称进口商', 'importer'],
  sampledUnitName: [
    '被抽样单位名称', '被抽样单位', '受检单位', '受检单位名称', '销售单位', '被抽查单位', '被抽查单位名称', '受检企业', '受检企业名称',
    '被检单位', '被抽样企业', '经营单位', '被抽检人', '被抽检单位', '被抽查人', '被抽样人', '购买地点', '购买地点或渠道', '购买渠道', 'sampled_unit',
  ],
  sampledUnitAddress: ['被抽样单位地址', '被抽样单位所在地', '受检单位地址', '被抽查单位地址', '受检企业地址', 'sampled_unit_address'],
  platform: ['电商平台', '电商平台名称', '网络交易平台', '平台名称', 'platform'],
  store: ['网店名称', '店铺名称', '网店', 'store'],
  channel: ['抽样环节', '环节', '抽样场所', 'channel'],
  result: ['抽查结果', '检验结果', '结论', '判定结果', '检验结论', '抽检结论', '抽查结论', '判定结论', '结果', '综合判定', '综合结论', '检验判定', '判定', '抽检结果', 'result'],
  unqualifiedItems: ['不合格项目', '主要不合格项目', '不合格项目名称', '检验不合格项目', '不合格项', '不符合项目', '不合格项目及结果', 'unqualified_items'],
  qualityGrade: ['质量等级', '等级', 'quality_grade'],
  jurisdiction: ['所在辖区', '辖区', '所属辖区', '所在区域', '所属地市', '所在地市', '所属区域', '所在区县', 'jurisdiction'],
  standard: ['执行标准', '标准', '检验依据', '判定依据', '产品标准', 'standard'],
  inspectionAgency: ['承检机构', '检验机构', '承检单位', '检验单位', '检测机构', '复查检验机构', '检验检测机构', 'inspection_agency'],
  disposal: ['处理情况', '后处理', '核查处置情况', 'disposal'],
  note: ['备注', '说明', 'note'],
};

/**
 * announcement + manufacturer + product + model/spec + batch + sampled unit. An announcement is
 * its number; one without a number is its authority, title and date.
 */
export const spotCheckNaturalKey = (r: SpotCheckInput) => [
  r.sourceNumber || `${r.authority}|${r.sourceTitle ?? ''}|${r.publishedAt}`,
  r.manufacturerUscc ?? r.manufacturerName ?? r.parties.find((p) => p.role !== 'sampled')?.name,
  r.productName,
  r.model,
  r.batch,
  r.sampledUnitName,
];
