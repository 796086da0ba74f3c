/**
 * The relevance table: queries people really type, and what must come back, on the fixed fictional
 * fixture set in tests/fixtures/relevance/. Written as the search spec (issue 4) says search must
 * behave, not as it happens to behave today. A relevance regression fails the build.
 */
import type { SearchHit } from '../../api/services/search.ts';

type IndexName = SearchHit['type'];

/** Identifies one hit: its index, plus a substring (or pattern) of its title, its subtitle or its id. */
export interface HitMatcher {
  type: IndexName;
  title?: string | RegExp;
  subtitle?: string;
  id?: string;
}

export type Expectation = { top: HitMatcher; within?: number } | { none: true };

export type Group =
  | 'partial name'
  | 'traditional'
  | 'pinyin'
  | 'english'
  | 'brand + model'
  | 'unqualified item'
  | 'product + result'
  | 'identifier'
  | 'nothing';

export interface RelevanceCase {
  group: Group;
  query: string;
  type?: IndexName;
  expect: Expectation;
  why: string;
}

// Identifiers in the fixture (USCCs computed with usccCheckChar, GB 32100).
export const USCC = {
  lanyaoCable: '91330108MA2H7LQ3K5',
  /** Valid check character, but no such company in the fixture. */
  unknown: '91440305MA5FT2XN8B',
};
/** The spot check the test withdraws (published in error): this product name appears nowhere else. */
export const WITHDRAWN_PRODUCT = '香薰扩香机';
/** The penalty whose disclosure ended on 2025-05-10, expired by the test: this party appears nowhere else. */
export const EXPIRED_PARTY = '蔺霏服饰商行';

const ent = (title: string): HitMatcher => ({ type: 'enterprises', title });
const sc = (title: string | RegExp, subtitle?: string): HitMatcher => ({ type: 'spot-checks', title, subtitle });
const pen = (title: string, subtitle?: string): HitMatcher => ({ type: 'penalties', title, subtitle });
const lic = (title: string): HitMatcher => ({ type: 'license-revocations', title });
const top = (m: HitMatcher, within?: number): Expectation => (within ? { top: m, within } : { top: m });
const none: Expectation = { none: true };

const c = (group: Group, query: string, type: IndexName | undefined, expect: Expectation, why: string): RelevanceCase =>
  type ? { group, query, type, expect, why } : { group, query, expect, why };

export const CASES: RelevanceCase[] = [
  // Partial company names: 澜曜电缆 / 澜曜电器 / 曜澜线缆 share characters on purpose.
  c('partial name', '澜曜', undefined, top(ent('澜曜')), 'a 澜曜 company profile beats its records and 曜澜线缆 (same characters, other order)'),
  c('partial name', '澜曜电缆', undefined, top(ent('澜曜电缆有限公司')), 'name without the 有限公司 suffix finds the cable maker, not 澜曜电器'),
  c('partial name', '澜曜电器', undefined, top(ent('澜曜电器有限公司')), 'name without suffix finds the appliance maker, not 澜曜电缆'),
  c('partial name', '曜澜线缆', undefined, top(ent('曜澜线缆科技有限公司')), 'character order matters: 曜澜 is not 澜曜'),
  c('partial name', '曜澜', 'enterprises', top(ent('曜澜线缆科技有限公司')), 'two-character fragment in the right order'),
  c('partial name', '啸川', undefined, top(ent('啸川电动车有限公司')), 'brand-like fragment of the company name'),
  c('partial name', '蔚岭', undefined, top(ent('蔚岭食品有限公司')), 'fragment of a food company name'),
  c('partial name', '澜曜电缆厂', undefined, top(ent('澜曜电缆有限公司')), 'an alias from the enterprise directory finds the profile'),
  c('partial name', '澜曜电缆', 'spot-checks', top(sc(/./, '澜曜电缆有限公司')), 'per-type search: a spot check of the cable maker first'),
  c('partial name', '澜曜电缆', 'penalties', top(pen('澜曜电缆有限公司')), 'per-type search: its penalty, not 澜曜电器’s'),
  c('partial name', '澜曜电缆', 'license-revocations', top(lic('XK06-001-01234')), 'per-type search: its revoked production licence'),

  // Traditional input folds to simplified.
  c('traditional', '瀾曜電纜', undefined, top(ent('澜曜电缆有限公司')), 'traditional 瀾曜電纜 = 澜曜电缆'),
  c('traditional', '瀾曜電器', undefined, top(ent('澜曜电器有限公司')), 'traditional 瀾曜電器 = 澜曜电器'),
  c('traditional', '嘯川電動車', undefined, top(ent('啸川电动车有限公司')), 'traditional 嘯川電動車 = 啸川电动车'),
  c('traditional', '蔚嶺食品', undefined, top(ent('蔚岭食品有限公司')), 'traditional 蔚嶺 = 蔚岭'),
  c('traditional', '導體電阻', 'spot-checks', top(sc('（不合格）', '澜曜电缆有限公司')), 'traditional unqualified item 導體電阻 = 导体电阻'),
  c('traditional', '電動自行車 不合格', 'spot-checks', top(sc('电动自行车（不合格）')), 'traditional product name plus result word'),

  // Pinyin: full, with spaces, initials (names without an English name, so only pinyin can match).
  c('pinyin', 'lanyao', 'enterprises', top(ent('澜曜')), 'full pinyin of 澜曜'),
  c('pinyin', 'lan yao', 'enterprises', top(ent('澜曜')), 'pinyin typed with a space'),
  c('pinyin', 'ly', 'enterprises', top(ent('澜曜电缆有限公司'), 5), 'initials of 澜曜 (short, so within the top 5)'),
  c('pinyin', 'lanyaodianlan', undefined, top(ent('澜曜电缆有限公司')), 'full pinyin of 澜曜电缆 in one word'),
  c('pinyin', 'yaolan', undefined, top(ent('曜澜线缆科技有限公司')), 'full pinyin of 曜澜, no English name to lean on'),
  c('pinyin', 'yao lan', 'enterprises', top(ent('曜澜线缆科技有限公司')), 'yao lan, not lan yao'),
  c('pinyin', 'xiaochuan', undefined, top(ent('啸川电动车有限公司')), 'full pinyin of 啸川'),
  c('pinyin', 'xiao chuan', 'enterprises', top(ent('啸川电动车有限公司')), 'pinyin with a space'),
  c('pinyin', 'xc', 'enterprises', top(ent('啸川电动车有限公司'), 5), 'initials of 啸川'),
  c('pinyin', 'jizhou', undefined, top(ent('霁洲厨具有限公司')), 'full pinyin of 霁洲'),
  c('pinyin', 'songhe', undefined, top(ent('松禾木业有限公司')), 'full pinyin of 松禾'),

  // English names from the enterprise directory, with typos.
  c('english', 'Lanyao Cable', undefined, top(ent('澜曜电缆有限公司')), 'English name'),
  c('english', 'Lanyoa Cable', undefined, top(ent('澜曜电缆有限公司')), 'English name with two letters swapped'),
  c('english', 'lanyao cabel', undefined, top(ent('澜曜电缆有限公司')), 'lower case, typo in the last word'),
  c('english', 'Lanyao Electric', undefined, top(ent('澜曜电器有限公司')), 'Electric picks the appliance maker, not the cable maker'),
  c('english', 'Weiling Foods', undefined, top(ent('蔚岭食品有限公司')), 'English name'),
  c('english', 'Jifeng Saftey', undefined, top(ent('戟峰防护用品有限公司')), 'English name with a typo'),
  c('english', 'luting lighting', undefined, top(ent('鹭汀灯饰有限公司')), 'English name in lower case'),

  // Brand plus model: 霁洲 also has a JZT-2A01 (a gas stove).
  c('brand + model', '曜光 JZT-2A01', undefined, top(sc('电磁灶（不合格）')), 'brand 曜光 + model picks the induction cooker, not 霁洲’s gas stove of the same model'),
  c('brand + model', '曜光 jzt-2a01', undefined, top(sc('电磁灶（不合格）')), 'model typed in lower case'),
  c('brand + model', '霁洲 JZT-2A01', undefined, top(sc('家用燃气灶具（合格）')), 'the other brand with the same model'),
  c('brand + model', '戟峰 YS-01', undefined, top(sc('安全帽（不合格）')), 'the failed helmet model, not YS-02'),
  c('brand + model', '啸川 XC-48V20', undefined, top(sc('电动自行车（不合格）')), 'the failed e-bike model, not XC-60V20'),
  c('brand + model', '曜光', 'enterprises', top(ent('澜曜电器有限公司')), 'a brand seen on its products finds the maker'),

  // Unqualified items.
  c('unqualified item', '导体电阻', 'spot-checks', top(sc('（不合格）', '澜曜电缆有限公司')), 'only 澜曜电缆 failed 导体电阻'),
  c('unqualified item', '绝缘厚度', 'spot-checks', top(sc('电线（不合格）', '曜澜线缆科技有限公司')), 'only 曜澜线缆 failed 绝缘厚度'),
  c('unqualified item', '甲醛含量', 'spot-checks', top(sc('儿童外套（不合格）')), '甲醛含量, not 甲醛释放量 or 纤维含量'),
  c('unqualified item', '甲醛释放量', 'spot-checks', top(sc('细木工板（不合格）')), '甲醛释放量, not 甲醛含量'),
  c('unqualified item', '冲击吸收性能', 'spot-checks', top(sc('安全帽（不合格）')), 'the helmet that failed impact absorption'),
  c('unqualified item', '澜曜电缆 导体电阻', 'spot-checks', top(sc('（不合格）', '澜曜电缆有限公司')), 'company + item: its failed spot checks before its passed ones'),

  // Product + result words: the result word must count, not be dropped.
  c('product + result', '电线 不合格', 'spot-checks', top(sc(/电线（不合格）/)), 'newer qualified 电线 rows exist; a failed one must come first'),
  c('product + result', '安全帽 不合格', 'spot-checks', top(sc('安全帽（不合格）')), 'YS-01 failed, YS-02 passed'),
  c('product + result', '不合格 电动自行车', 'spot-checks', top(sc('电动自行车（不合格）')), 'result word first'),
  c('product + result', '灭火器 不合格', 'spot-checks', top(sc('灭火器（不合格）')), 'one lot failed 充装量, the other passed'),

  // Identifiers in any form answer the exact record first.
  c('identifier', USCC.lanyaoCable, undefined, top(ent('澜曜电缆有限公司')), 'USCC'),
  c('identifier', USCC.lanyaoCable.toLowerCase(), undefined, top(ent('澜曜电缆有限公司')), 'USCC typed in lower case'),
  c('identifier', '９１３３０１０８ＭＡ２Ｈ７ＬＱ３Ｋ５', undefined, top(ent('澜曜电缆有限公司')), 'USCC in full-width characters'),
  c('identifier', USCC.lanyaoCable.toLowerCase(), 'penalties', top(pen('澜曜电缆有限公司')), 'USCC in a per-type search'),
  c('identifier', '(浙)XK06-001-01234', undefined, top(lic('XK06-001-01234')), 'production licence as printed; (浙)XK06-001-01243 is another licence'),
  c('identifier', 'XK06-001-01234', undefined, top(lic('XK06-001-01234')), 'production licence without the province prefix'),
  c('identifier', 'xk06-001-01234', undefined, top(lic('XK06-001-01234')), 'production licence in lower case'),
  c('identifier', '（浙）ＸＫ０６－００１－０１２３４', undefined, top(lic('XK06-001-01234')), 'production licence in full width'),
  c('identifier', 'SC10633010600418', undefined, top(lic('SC10633010600418')), 'food licence; SC10633010600481 is another licence'),
  c('identifier', 'sc10633010600418', undefined, top(lic('SC10633010600418')), 'food licence in lower case'),
  c('identifier', '浙市监处罚〔2023〕112号', undefined, top(pen('澜曜电缆', '浙市监处罚〔2023〕112号')), 'decision number as published'),
  c('identifier', '浙市监处罚[2023]112号', undefined, top(pen('澜曜电缆', '浙市监处罚〔2023〕112号')), 'decision number with [] brackets'),
  c('identifier', '浙市监处罚（2023）112号', undefined, top(pen('澜曜电缆', '浙市监处罚〔2023〕112号')), 'decision number with full-width parentheses'),
  c('identifier', '浙市监处罚〔2023〕121号', undefined, top(pen('澜曜电器', '浙市监处罚〔2023〕121号')), '121, not 112'),
  c('identifier', '杭市监处罚〔2023〕112号', undefined, top(pen('蔚岭食品', '杭市监处罚〔2023〕112号')), 'same number from another authority'),
  c('identifier', '浙市监许吊〔2024〕3号', undefined, top(lic('XK06-001-01234')), 'decision number of a licence revocation'),

  // Queries that must find nothing.
  c('nothing', 'zzqxv', undefined, none, 'random letters'),
  c('nothing', USCC.unknown, undefined, none, 'valid-looking USCC of no company in the data: no near misses'),
  c('nothing', WITHDRAWN_PRODUCT, undefined, none, 'the only record with this product was withdrawn'),
  c('nothing', EXPIRED_PARTY, 'penalties', none, 'the only penalty of this party expired'),
  c('nothing', '香薰擴香機', undefined, none, 'the withdrawn product typed in traditional characters stays gone'),
  c('nothing', '女士针织衫', undefined, none, 'only the expired penalty’s facts mention it'),
];

export function matches(hit: SearchHit, m: HitMatcher): boolean {
  if (hit.type !== m.type) return false;
  if (m.id !== undefined && hit.id !== m.id) return false;
  if (typeof m.title === 'string' && !hit.title.includes(m.title)) return false;
  if (m.title instanceof RegExp && !m.title.test(hit.title)) return false;
  if (m.subtitle !== undefined && !(hit.subtitle ?? '').includes(m.subtitle)) return false;
  return true;
}

export function describeMatcher(e: Expectation): string {
  if ('none' in e) return 'no hits at all';
  const { type, title, subtitle, id } = e.top;
  const parts = [`[${type}]`, title && `title ~ ${String(title)}`, subtitle && `subtitle ~ ${subtitle}`, id && `id = ${id}`].filter(Boolean);
  return `${parts.join(' ')} ${e.within ? `within the top ${e.within}` : 'first'}`;
}

export const describeHit = (h: SearchHit, i: number) => `${i + 1}. [${h.type}] ${h.title}${h.subtitle ? ` — ${h.subtitle}` : ''}`;
