import categoriesJson from '../content/taxonomy/categories.json' with { type: 'json' };
import campaignsJson from '../content/taxonomy/campaigns.json' with { type: 'json' };
import authoritiesJson from '../content/taxonomy/authorities.json' with { type: 'json' };
import regionsJson from '../content/taxonomy/regions.json' with { type: 'json' };
import { normalizeName } from './normalize/text.ts';

/** The taxonomy in content/taxonomy, typed, with the look-ups import, search and pages need. */
export interface Category {
  slug: string;
  zh: string;
  en: string;
  parent?: string;
  testItems?: string[];
  /** Other names publishers use for the same product kind (润滑油 for lubricants…); each names one category. */
  aliases?: string[];
}
export interface Campaign {
  slug: string;
  zh: string;
  en: string;
  year: number;
  description?: string;
}
export interface Authority {
  id: string;
  zh: string;
  /** The name it goes by (市场监管总局). */
  short?: string;
  en: string;
  level: string;
  regionCode?: string;
}
interface Place {
  code: string;
  zh: string;
  en: string;
}
interface City extends Place {
  /** Districts, counties and county-level cities of a prefecture-level city. */
  districts?: Place[];
}
export interface Province extends Place {
  /** Prefecture-level cities; for the four municipalities, their districts. */
  cities?: City[];
}

export const categories = categoriesJson as Category[];
export const campaigns = campaignsJson as Campaign[];
export const authorities = authoritiesJson as Authority[];
export const provinces = regionsJson as Province[];

const categoryBySlug = new Map(categories.map((c) => [c.slug, c]));
const campaignBySlug = new Map(campaigns.map((c) => [c.slug, c]));
const authorityById = new Map(authorities.map((a) => [a.id, a]));
const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
const cityByCode = new Map(provinces.flatMap((p) => (p.cities ?? []).map((c) => [c.code, c] as const)));
const districtByCode = new Map(provinces.flatMap((p) => (p.cities ?? []).flatMap((c) => (c.districts ?? []).map((d) => [d.code, d] as const))));

/** Slug, Chinese name, English name or alias → the category; compared as names are (width, case, brackets, spaces). */
const categoryByAnyName = new Map(
  categories.flatMap((c) => [c.slug, c.zh, c.en, ...(c.aliases ?? [])].map((k) => [normalizeName(k), c] as const)),
);

/**
 * The category a published product kind names: by slug, name or alias; a kind listing several
 * products (`柴油机油、汽油机油`, from a section row) names a category when all of them name the same one.
 */
export function findCategory(value: string): Category | undefined {
  const whole = categoryByAnyName.get(normalizeName(value));
  if (whole) return whole;
  const parts = value.split(/[、，,；;/]|及|和|与/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return undefined;
  const found = parts.map((p) => categoryByAnyName.get(normalizeName(p)));
  return found.every((c) => c && c.slug === found[0]!.slug) ? found[0] : undefined;
}
const campaignByAnyName = new Map(campaigns.flatMap((c) => [c.slug, c.zh, c.en.toLowerCase()].map((k) => [k, c] as const)));
export const findCampaign = (value: string) => campaignByAnyName.get(value.trim()) ?? campaignByAnyName.get(value.trim().toLowerCase());

export const categoryOf = (slug: string | null | undefined) => (slug ? categoryBySlug.get(slug) : undefined);
export const campaignOf = (slug: string | null | undefined) => (slug ? campaignBySlug.get(slug) : undefined);
export const authorityOf = (id: string | null | undefined) => (id ? authorityById.get(id) : undefined);

/** Province, city and district names of a GB/T 2260 code (the first two digits name the province). */
export function regionNames(code: string | null | undefined): { province?: string; city?: string; district?: string } | undefined {
  if (!code || !/^\d{6}$/.test(code)) return undefined;
  const province = provinceByCode.get(`${code.slice(0, 2)}0000`);
  // Municipalities list districts under their own codes; elsewhere the city is the 4-digit prefix.
  const city = code.endsWith('0000') ? undefined : (cityByCode.get(code) ?? cityByCode.get(`${code.slice(0, 4)}00`));
  const district = code.endsWith('00') ? undefined : districtByCode.get(code);
  return { province: province?.zh, city: city?.zh, district: district?.zh };
}

export type Level = 'national' | 'provincial' | 'municipal' | 'county';

/** What an authority's name is left with once its department is taken off: the place it serves. */
const DEPARTMENT = /(?:人民政府)?(?:市场(?:和|与)?质量(?:技术)?监督管理(?:局|委员会)|市场监督管理(?:局|委员会|分局)|市场监管(?:局|委|分局)|质量技术监督局|质量监督局|工商行政管理局|食品药品监督管理局)(?:.*)$/;
const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);
const shortName = (name: string) => name.replace(/(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治州|地区|盟|县|区|旗)$/, '');

/** A place named at the start of `text` among `places`, by full or short name (厦门市, 厦门). */
function placeAt<P extends Place>(text: string, places: readonly P[] | undefined): { place: P; rest: string } | undefined {
  let best: { place: P; rest: string } | undefined;
  for (const place of places ?? []) {
    for (const name of [place.zh, shortName(place.zh)]) {
      if (name.length >= 2 && text.startsWith(name) && (!best || name.length > text.length - best.rest.length)) {
        best = { place, rest: text.slice(name.length) };
      }
    }
  }
  return best;
}

/** Every district or county in the taxonomy, with the city it belongs to. */
const districts = provinces.flatMap((p) => (p.cities ?? []).flatMap((c) => (c.districts ?? []).map((d) => ({ ...d, province: p, city: c }))));

/**
 * The place an authority serves and its level, from its name: 国家市场监督管理总局 is national,
 * 湖北省… and 上海市… provincial, 厦门市… municipal, 天津市河东区… and 怀远县… county. A district
 * or county named without its city (怀远县市场监督管理局) is found when its name is unique.
 */
export function placeOfAuthority(authority: string): { code?: string; level: Level } | undefined {
  const name = authority.replace(/\s+/g, '');
  const known = authorities.find((a) => a.zh === name);
  if (known?.level === 'national' || /^(?:国家|中华人民共和国)/.test(name)) return { code: known?.regionCode, level: 'national' };
  const place = name.replace(DEPARTMENT, '');
  if (!place || place === name) return known ? { code: known.regionCode, level: known.level as Level } : undefined;
  const province = placeAt(place, provinces);
  if (province) {
    const afterProvince = province.rest;
    if (!afterProvince) return { code: province.place.code, level: 'provincial' };
    const city = placeAt(afterProvince, province.place.cities);
    if (!city) return { code: province.place.code, level: /[区县旗]$/.test(afterProvince) ? 'county' : 'municipal' };
    if (MUNICIPALITIES.has(province.place.code)) return { code: city.place.code, level: 'county' };
    const district = placeAt(city.rest, city.place.districts);
    if (district) return { code: district.place.code, level: 'county' };
    return { code: city.place.code, level: city.rest ? 'county' : 'municipal' };
  }
  const city = placeAt(place, provinces.flatMap((p) => p.cities ?? []).filter((c) => !MUNICIPALITIES.has(`${c.code.slice(0, 2)}0000`)));
  if (city) {
    const district = placeAt(city.rest, city.place.districts);
    if (district) return { code: district.place.code, level: 'county' };
    return { code: city.place.code, level: city.rest ? 'county' : 'municipal' };
  }
  const matches = districts.filter((d) => d.zh === place);
  if (matches.length === 1) return { code: matches[0]!.code, level: 'county' };
  if (/[县旗]$|区$/.test(place)) return { level: 'county' };
  if (/市$/.test(place)) return { level: 'municipal' };
  if (/省$|自治区$/.test(place)) return { level: 'provincial' };
  return undefined;
}

export const inferLevel = (authority: string | undefined): Level | undefined => (authority ? placeOfAuthority(authority)?.level : undefined);

/** A category's or a province's name in a language; "not given" when a record has none. */
export const categoryName = (slug: string | null, lang: 'zh' | 'en') =>
  slug ? (categoryOf(slug)?.[lang] ?? slug) : lang === 'en' ? 'Category not given' : '未注明类别';
export const provinceName = (code: string | null, lang: 'zh' | 'en') =>
  code ? (provinces.find((p) => p.code === code)?.[lang] ?? code) : lang === 'en' ? 'Region not given' : '未注明地区';
