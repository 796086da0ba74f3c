import type { FieldDoc, RecordTypeDescriptor } from './descriptor.ts';

/** The fields every record has (db/schema/common.ts), described once for every type. */
export const COMMON_FIELD_DOCS: Record<string, FieldDoc> = {
  id: { zh: '记录编号', en: 'The record’s stable id: its permalink is /<type>/<id>.', example: 'sc-3f9a2c81d0' },
  status: { zh: '状态', en: 'Lifecycle status: published, corrected (a newer version replaced the first), withdrawn or expired (no longer in force; the permalink shows a tombstone).', example: 'published' },
  statusReason: { zh: '状态说明', en: 'Why the record was withdrawn, restored or expired, as the operator wrote it; null while published.', example: null },
  statusChangedAt: { zh: '状态变更时间', en: 'When the status last changed (ISO 8601 timestamp); null while it never has.', example: null },
  version: { zh: '版本', en: 'Version number, 1 for the first publication; each correction adds one.', example: 1 },
  authority: { zh: '发布机关', en: 'The authority that published the record, as published.', example: '浙江省市场监督管理局' },
  publishedAt: { zh: '发布日期', en: 'Date the announcement was published (YYYY-MM-DD).', example: '2025-06-18' },
  source: { zh: '来源', en: 'Where the record came from: the announcement (title, number, URL, authority, date) and the cells it was imported from (file, its SHA-256, sheet, row).', example: { title: '2025年第二季度产品质量监督抽查结果公告', file: 'zj-2025q2.xlsx', sheet: 'Sheet1', row: 12 } },
  regionCode: { zh: '行政区划代码', en: 'Six-digit administrative division code (GB/T 2260) of the place the record is about; null when unknown.', example: '330100' },
  regionProvince: { zh: '省份', en: 'Province of that place, in Chinese; null when unknown.', example: '浙江省' },
  regionCity: { zh: '城市', en: 'City of that place, in Chinese; null when unknown.', example: '杭州市' },
  productCategory: { zh: '产品类别', en: 'Product category code from the portal’s taxonomy (content/taxonomy); null when the published product kind maps to none.', example: 'electrical.wire-cable' },
  campaign: { zh: '专项行动', en: 'Slug of the enforcement campaign the record belongs to; null when none.', example: null },
  announcementId: { zh: '公告编号（本站）', en: 'The portal’s id of the announcement the record was published in (its published totals live there); null when not known.', example: 'an-8c1d2e' },
  namedParties: { zh: '涉及主体', en: 'Every party the record names, with its role, linked to its enterprise profile where one exists.', example: [{ role: 'manufacturer', name: '杭州示例电缆有限公司', kind: 'enterprise', enterpriseId: 'ent-91330100' }] },
  enterpriseIds: { zh: '关联企业', en: 'Ids of the enterprise profiles the record names (see namedParties for their roles).', example: ['ent-91330100'] },
  extra: { zh: '其他列', en: 'Columns of the imported file that no field maps to, kept as published (header → cell).', example: {} },
  createdAt: { zh: '入库时间', en: 'When the portal first stored the record (ISO 8601 timestamp).', example: '2025-06-19T02:15:00.000Z' },
  updatedAt: { zh: '更新时间', en: 'When the current version was stored (ISO 8601 timestamp).', example: '2025-06-19T02:15:00.000Z' },
};

/** Every field a record of `type` publishes, described: the common ones, then the type's own. */
export function fieldDocsOf(type: Pick<RecordTypeDescriptor, 'dictionary'>): Record<string, FieldDoc> {
  return { ...COMMON_FIELD_DOCS, ...type.dictionary };
}
