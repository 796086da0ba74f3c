/**
 * The bilingual glossary of the vocabularies publishers write in Chinese: authorities, places and
 * violation types. Pages, the API's `labels` and the CSV export all translate through here, so an
 * English reader never meets a Chinese authority name on one page and an English one on another.
 * (Each record type's own codes — results, penalty kinds, licence actions — live in its folder,
 * types/<name>/labels.ts, and reach the same places through its descriptor's `vocabularies`.)
 */
import type { Bilingual, Lang } from './labels.ts';
import { normalizeName } from './normalize/text.ts';
import { authorities, placeOfAuthority, provinces } from './taxonomy.ts';

/** Han characters (and the CJK punctuation around them): text an English reader cannot read. */
export const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
export const hasCjk = (text: string | null | undefined) => Boolean(text && CJK.test(text));

type Place = { code: string; zh: string; en: string; cities?: Place[]; districts?: Place[] };
const placeByCode = new Map<string, { place: Place; parents: Place[] }>();
(function walk(places: Place[] | undefined, parents: Place[]) {
  for (const place of places ?? []) {
    placeByCode.set(place.code, { place, parents });
    walk(place.cities, [...parents, place]);
    walk(place.districts, [...parents, place]);
  }
})(provinces as Place[], []);

/**
 * A GB/T 2260 region code as a place name: 江西省南昌市 / "Nanchang, Jiangxi" (English names run
 * from the smallest place up, as addresses do). Unknown codes give `undefined`.
 */
export function placeName(code: string | null | undefined): Bilingual | undefined {
  if (!code) return undefined;
  const found = placeByCode.get(code) ?? placeByCode.get(`${code.slice(0, 4)}00`) ?? placeByCode.get(`${code.slice(0, 2)}0000`);
  if (!found) return undefined;
  const chain = [...found.parents, found.place];
  // 天津市天津市 is said once: a municipality's districts sit directly under it.
  const names = chain.filter((p, i) => i === 0 || p.zh !== chain[i - 1]!.zh);
  return { zh: names.map((p) => p.zh).join(''), en: [...names].reverse().map((p) => p.en).join(', ') };
}

/** The department an authority's name ends with, and what it is called in English. */
const DEPARTMENTS: [RegExp, string][] = [
  [/市场监督管理(?:局|委员会|厅)$|市场监管(?:局|委)$/, 'Administration for Market Regulation'],
  [/市场监督管理(?:分局)$|市场监管分局$|市场监督管理所$|市场监管所$/, 'Market Regulation Office'],
  [/市场(?:和|与)?质量(?:技术)?监督管理(?:局|委员会)$/, 'Administration for Market and Quality Supervision'],
  [/质量技术监督局$|质量监督局$/, 'Bureau of Quality and Technical Supervision'],
  [/工商行政管理局$/, 'Administration for Industry and Commerce'],
  [/食品药品监督管理局$/, 'Food and Drug Administration'],
  [/出入境检验检疫局$/, 'Entry-Exit Inspection and Quarantine Bureau'],
  [/海关$/, 'Customs'],
];
const byChineseName = new Map(authorities.flatMap((a) => [a.zh, a.short ?? ''].filter(Boolean).map((n) => [normalizeName(n), a] as const)));

/**
 * An authority's name in a language. Known authorities come from the taxonomy; the others are
 * worded from the place their name starts with and the department it ends with
 * (厦门市市场监督管理局 → "Xiamen Administration for Market Regulation"). A name that cannot be
 * worded stays as published; `translated` says which it was, so pages can mark Chinese text.
 */
export function authorityName(name: string, lang: Lang): { text: string; translated: boolean } {
  if (lang === 'zh' || !hasCjk(name)) return { text: name, translated: true };
  const known = byChineseName.get(normalizeName(name));
  if (known) return { text: known.en, translated: true };
  const compact = name.replace(/\s+/g, '');
  const department = DEPARTMENTS.find(([pattern]) => pattern.test(compact));
  const place = placeOfAuthority(compact);
  const where = place?.code ? placeName(place.code)?.en.split(', ')[0] : undefined;
  if (!department || !where) return { text: name, translated: false };
  return { text: `${where} ${department[1]}`, translated: true };
}

/**
 * Violation types (案由) as penalty decisions word them, most specific first: a decision's type is
 * matched by the first entry whose words it contains, after punctuation and spaces are dropped.
 */
const VIOLATIONS: [RegExp, string][] = [
  [/以不合格产品冒充合格产品/, 'Passing off substandard products as up to standard'],
  [/以假充真/, 'Passing off fakes as genuine products'],
  [/以次充好/, 'Passing off inferior products as superior'],
  [/掺杂|掺假/, 'Adulteration'],
  [/生产销售不合格|生产、销售不合格|生产和销售不合格/, 'Making and selling substandard products'],
  [/不符合食品安全标准/, 'Food not meeting food-safety standards'],
  [/生产不合格/, 'Making substandard products'],
  [/销售不合格/, 'Selling substandard products'],
  [/强制性产品认证|CCC认证|3C认证/i, 'Sold without compulsory (CCC) certification'],
  [/冒用认证标志|伪造认证标志|认证标志/, 'Forged or misused certification marks'],
  [/无证生产|未取得(?:工业产品)?生产许可证|无生产许可证/, 'Making products without a production licence'],
  [/伪造产地|伪造产品产地|冒用他人厂名|冒用.*厂址/, 'Forged origin or another maker’s name and address'],
  [/产品标识|标识不符合|虚假标注|标注/, 'Labelling not as the law requires'],
  [/明令淘汰/, 'Products the state has ordered off the market'],
  [/失效|变质/, 'Selling expired or spoiled products'],
  [/拒绝.*抽查|拒绝监督检查/, 'Refusing a spot check'],
  [/虚假宣传|虚假广告/, 'False advertising'],
];

/** A violation type in a language: the published words in Chinese; the glossary's English, when a pattern knows it. */
export function violationName(text: string, lang: Lang): { text: string; translated: boolean } {
  if (lang === 'zh' || !hasCjk(text)) return { text, translated: true };
  const compact = text.replace(/[\s、，,。；;（）()]/g, '');
  const known = VIOLATIONS.find(([pattern]) => pattern.test(compact));
  return known ? { text: known[1], translated: true } : { text, translated: false };
}
