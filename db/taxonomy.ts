import categoriesJson from '../content/taxonomy/categories.json' with { type: 'json' };
import campaignsJson from '../content/taxonomy/campaigns.json' with { type: 'json' };
import authoritiesJson from '../content/taxonomy/authorities.json' with { type: 'json' };
import regionsJson from '../content/taxonomy/regions.json' with { type: 'json' };

/** The taxonomy in content/taxonomy, typed, with the look-ups import, search and pages need. */
export interface Category {
  slug: string;
  zh: string;
  en: string;
  parent?: string;
  testItems?: string[];
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
  en: string;
  level: string;
  regionCode?: string;
}
interface City {
  code: string;
  zh: string;
  en: string;
}
export interface Province extends City {
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

/** Slug, Chinese name or English name (any case) → the category; how import reads a category cell. */
const categoryByAnyName = new Map(categories.flatMap((c) => [c.slug, c.zh, c.en.toLowerCase()].map((k) => [k, c] as const)));
export const findCategory = (value: string) => categoryByAnyName.get(value.trim()) ?? categoryByAnyName.get(value.trim().toLowerCase());
const campaignByAnyName = new Map(campaigns.flatMap((c) => [c.slug, c.zh, c.en.toLowerCase()].map((k) => [k, c] as const)));
export const findCampaign = (value: string) => campaignByAnyName.get(value.trim()) ?? campaignByAnyName.get(value.trim().toLowerCase());

export const categoryOf = (slug: string | null | undefined) => (slug ? categoryBySlug.get(slug) : undefined);
export const campaignOf = (slug: string | null | undefined) => (slug ? campaignBySlug.get(slug) : undefined);
export const authorityOf = (id: string | null | undefined) => (id ? authorityById.get(id) : undefined);

/** Province and city names of a GB/T 2260 code (the first two digits name the province). */
export function regionNames(code: string | null | undefined): { province?: string; city?: string } | undefined {
  if (!code || !/^\d{6}$/.test(code)) return undefined;
  const province = provinceByCode.get(`${code.slice(0, 2)}0000`);
  // Municipalities list districts under their own codes; elsewhere the city is the 4-digit prefix.
  const city = code.endsWith('0000') ? undefined : (cityByCode.get(code) ?? cityByCode.get(`${code.slice(0, 4)}00`));
  return { province: province?.zh, city: city?.zh };
}
