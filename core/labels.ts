/** Display names of the values records store (types, statuses, actions…), in both languages. */
import type { RecordType } from '../db/schema/common.ts';
import type { PartyRole } from './normalize/parties.ts';
/** The languages the portal speaks. */
export type Lang = 'zh' | 'en';

type Bilingual = { zh: string; en: string };

/** How each type is named on the pages. */
export const TYPE_LABELS: Record<RecordType | 'enterprises', Bilingual> = {
  'spot-checks': { zh: '监督抽查', en: 'Spot checks' },
  penalties: { zh: '行政处罚', en: 'Penalties' },
  'license-revocations': { zh: '许可证吊销/撤销', en: 'Licence revocations' },
  'typical-cases': { zh: '典型案例', en: 'Typical cases' },
  enterprises: { zh: '企业', en: 'Enterprises' },
};

export const STATUS_LABELS: Record<'published' | 'corrected' | 'withdrawn' | 'expired', Bilingual> = {
  published: { zh: '已公示', en: 'Published' },
  corrected: { zh: '已更正', en: 'Corrected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  expired: { zh: '公示期满', en: 'Disclosure period ended' },
};

export const LEVEL_LABELS: Record<'national' | 'provincial' | 'municipal' | 'county', Bilingual> = {
  national: { zh: '国家监督抽查', en: 'National spot check' },
  provincial: { zh: '省级监督抽查', en: 'Provincial spot check' },
  municipal: { zh: '市级监督抽查', en: 'Municipal spot check' },
  county: { zh: '县（区）级监督抽查', en: 'County or district spot check' },
};
/** What each party a record names was to the product. */
export const PARTY_ROLE_LABELS: Record<PartyRole, Bilingual> = {
  manufacturer: { zh: '标称生产者', en: 'Nominal manufacturer' },
  producer: { zh: '受托生产者', en: 'Contract producer' },
  importer: { zh: '进口商', en: 'Importer' },
  distributor: { zh: '经销商', en: 'Distributor' },
  sampled: { zh: '被抽样单位', en: 'Sampled at' },
  party: { zh: '当事人', en: 'Party' },
  holder: { zh: '持证企业', en: 'Licence holder' },
};
export const CHANNEL_LABELS: Record<'production' | 'circulation' | 'e-commerce', Bilingual> = {
  production: { zh: '生产环节', en: 'Production' },
  circulation: { zh: '流通环节', en: 'Retail' },
  'e-commerce': { zh: '电子商务', en: 'E-commerce' },
};
export const LICENSE_TYPE_LABELS: Record<'production' | 'food' | 'ccc' | 'other', Bilingual> = {
  production: { zh: '工业产品生产许可证', en: 'Industrial product production licence' },
  food: { zh: '食品生产许可证', en: 'Food production licence' },
  ccc: { zh: 'CCC 认证证书', en: 'CCC certificate' },
  other: { zh: '其他许可', en: 'Other licence' },
};
export const LICENSE_ACTION_LABELS: Record<'revoked' | 'withdrawn' | 'cancelled' | 'suspended', Bilingual> = {
  revoked: { zh: '吊销', en: 'Revoked' },
  withdrawn: { zh: '撤销', en: 'Withdrawn' },
  cancelled: { zh: '注销', en: 'Cancelled' },
  suspended: { zh: '暂停', en: 'Suspended' },
};
export const PENALTY_TYPE_LABELS: Record<string, Bilingual> = {
  warning: { zh: '警告', en: 'Warning' },
  'circulated-criticism': { zh: '通报批评', en: 'Public criticism' },
  fine: { zh: '罚款', en: 'Fine' },
  'confiscation-of-gains': { zh: '没收违法所得', en: 'Confiscation of illegal gains' },
  'confiscation-of-goods': { zh: '没收非法财物', en: 'Confiscation of goods' },
  suspension: { zh: '责令停产停业/暂扣', en: 'Suspension' },
  'licence-revocation': { zh: '吊销许可证', en: 'Licence revocation' },
  'qualification-downgrade': { zh: '降低资质等级', en: 'Qualification downgrade' },
};
export const RESULT_LABELS: Record<'qualified' | 'unqualified', Bilingual> = {
  qualified: { zh: '合格', en: 'Passed' },
  unqualified: { zh: '不合格', en: 'Failed' },
};

/** A label in the page language; unknown values show as they are. */
export const label = (lang: Lang, labels: Record<string, Bilingual>, value: string | null | undefined) =>
  value ? (labels[value]?.[lang] ?? value) : '';

export const yuan = (lang: Lang, n: number | null | undefined) =>
  n === null || n === undefined ? '—' : lang === 'en' ? `CNY ${n.toLocaleString('en', { maximumFractionDigits: 2 })}` : `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

/** A taxonomy entry's name in the page language. */
export const named = (lang: Lang, entry: Bilingual | undefined, fallback?: string | null) => entry?.[lang] ?? fallback ?? '';
