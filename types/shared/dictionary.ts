import type { FieldDoc, RecordTypeDescriptor } from './descriptor.ts';

/** The fields every record has (db/schema/common.ts), described once for every type. */
export const COMMON_FIELD_DOCS: Record<string, FieldDoc> = {
  id: { zh: '记录编号', en: "The portal's stable id of the record, part of its permalink (/{type}/{id}).", example: 'pn-3f9a1c2b7d' },
  status: { zh: '状态', en: 'Lifecycle status: published, corrected (a newer version replaced it), withdrawn or expired. The downloads hold published and corrected records only.', example: 'published' },
  statusReason: { zh: '状态原因', en: 'Why the status last changed (a correction or withdrawal notice), as the administrator recorded it; empty when never changed.', example: '发布机关更正公告' },
  statusChangedAt: { zh: '状态变更时间', en: 'When the status last changed (ISO 8601, UTC); empty when never changed.', example: '2026-03-02T08:00:00.000Z' },
  version: { zh: '版本', en: 'The version number: 1 when first published, plus one for each correction.', example: 1 },
  authority: { zh: '发布机关', en: 'The authority that published the record, as it names itself (the English name is in the glossary).', example: '某某市市场监督管理局' },
  publishedAt: { zh: '发布日期', en: 'The date the authority published the announcement (YYYY-MM-DD).', example: '2026-01-15' },
  source: { zh: '来源', en: 'Where the record came from: the announcement (title, number, URL, authority, date) and the file, sheet and row it was read from. In the CSV, one column per part (source.title, source.url…).', example: { title: '2025年第二季度产品质量监督抽查结果公告', url: 'https://amr.example.gov.cn/notice/2025-2.html', file: 'zj-2025q2.xlsx', sheet: 'Sheet1', row: 12 } },
  'source.title': { zh: '公告标题', en: "The announcement's title, as published.", example: '关于2026年第一批产品质量监督抽查情况的通告' },
  'source.number': { zh: '公告编号', en: "The announcement's number, as published; empty when it has none.", example: '2026年第3号' },
  'source.url': { zh: '来源链接', en: "The address of the authority's announcement.", example: 'https://amr.example.gov.cn/notice/2026-3.html' },
  'source.authority': { zh: '来源机关', en: 'The authority named by the announcement, when it differs in form from `authority`.', example: '某某省市场监督管理局' },
  'source.publishedAt': { zh: '公告日期', en: "The announcement's own date, when the file gives it (YYYY-MM-DD).", example: '2026-01-15' },
  'source.file': { zh: '来源文件', en: 'The name of the file the record was imported from.', example: '2026-3-spot-checks.xlsx' },
  'source.fileSha256': { zh: '来源文件SHA-256', en: 'The SHA-256 of that file (hex), under which the portal archives the original bytes.' },
  'source.sheet': { zh: '工作表', en: 'The sheet or table of the file the row was in.', example: 'Sheet1' },
  'source.row': { zh: '行号', en: 'The row of that sheet or table (1 is its first row).', example: 12 },
  regionCode: { zh: '行政区划代码', en: 'The six-digit administrative division code of the place the record is about (GB/T 2260), when known.', example: '330100' },
  regionProvince: { zh: '省份', en: 'The province of that place, in Chinese.', example: '浙江省' },
  regionCity: { zh: '城市', en: 'The city of that place, in Chinese.', example: '杭州市' },
  productCategory: { zh: '产品类别', en: "The product category, a slug of the portal's taxonomy (names in the codebook); empty when the taxonomy has none for it.", example: 'electrical-appliances' },
  campaign: { zh: '专项行动', en: 'The enforcement campaign the record belongs to, a slug of the taxonomy (names in the codebook).', example: 'children-products' },
  announcementId: { zh: '公告ID', en: "The portal's id of the announcement the record was published in (its published totals live there).", example: 'an-6d2e91' },
  namedParties: { zh: '涉及主体', en: 'Every party the record names, with its role (manufacturer, sampled unit, party…), name, USCC and profile id. In the CSV, parties are joined with ；, each as key: value pairs.', example: [{ role: 'manufacturer', name: '某某电器有限公司', uscc: '91330100MA2XXXXX0X' }] },
  enterpriseIds: { zh: '企业档案ID', en: "The portal's enterprise profiles the record is linked to (/enterprises/{id}). In the CSV, joined with ；.", example: ['en-8c1d2f'] },
  extra: { zh: '其他列', en: "Columns of the imported file that no field maps to, kept as published (column name: value). In the CSV, as key: value pairs joined with ', '.", example: { 备注2: '复检合格' } },
  createdAt: { zh: '创建时间', en: 'When the portal first stored the record (ISO 8601, UTC).', example: '2026-01-16T02:00:00.000Z' },
  updatedAt: { zh: '更新时间', en: 'When the portal last changed the record (ISO 8601, UTC).', example: '2026-01-16T02:00:00.000Z' },
};

/** Every field a record of `type` publishes, described: the common ones, then the type's own. */
export function fieldDocsOf(type: Pick<RecordTypeDescriptor, 'dictionary'>): Record<string, FieldDoc> {
  return { ...COMMON_FIELD_DOCS, ...type.dictionary };
}
