import type { Bilingual } from '../../core/labels.ts';

/** Why a producer was matched to a profile, in both languages: the first three link, the rest are only `possible`. */
export const MATCH_REASON_LABELS: Record<string, Bilingual> = {
  name: { zh: '名称相同（繁简转换后）', en: 'Same name (after traditional→simplified folding)' },
  'former-name': { zh: '与企业曾用名相同', en: 'Same as a former name of the enterprise' },
  'english-name': { zh: '与企业已确认的英文名称相同', en: "Same as the enterprise's confirmed English name" },
  'same-trade-name': { zh: '字号相近，地区或组织形式不同', en: 'Similar trade name, another region or legal form' },
  'similar-english-name': { zh: '英文名称相近', en: 'Similar English name' },
  'same-brand': { zh: '品牌相同', en: 'Same brand' },
};

/** What the measure was, by publisher, as a badge. */
export const MEASURE_LABELS: Record<string, Bilingual> = {
  'eu-safety-gate': { zh: '欧盟危险产品通报', en: 'EU dangerous-product alert' },
  'us-cpsc': { zh: '美国召回', en: 'US recall' },
  'tw-fda': { zh: '边境检验不合格', en: 'Rejected at the border' },
};
