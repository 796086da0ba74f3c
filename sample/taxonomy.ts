/** Typed access to content/taxonomy/*.json for the sample-data generator. */
import categoriesJson from '../content/taxonomy/categories.json' with { type: 'json' };
import campaignsJson from '../content/taxonomy/campaigns.json' with { type: 'json' };
import authoritiesJson from '../content/taxonomy/authorities.json' with { type: 'json' };
import regionsJson from '../content/sample-data/regions.json' with { type: 'json' };

export interface Category {
  slug: string;
  zh: string;
  en: string;
  parent?: string;
  group?: boolean;
  testItems: string[];
}

export interface Campaign {
  slug: string;
  zh: string;
  en: string;
  year: number;
  description: string;
  categories: string[];
}

export interface Authority {
  id: string;
  zh: string;
  en: string;
  short?: string;
  level: 'national' | 'provincial';
  regionCode: string;
  docPrefix: string;
  validFrom?: string;
  validUntil?: string;
}

export interface City {
  code: string;
  zh: string;
  en: string;
}

export interface Province {
  code: string;
  zh: string;
  en: string;
  abbr: string;
  cities: City[];
}

export const categories: readonly Category[] = categoriesJson as Category[];
export const campaigns: readonly Campaign[] = campaignsJson as Campaign[];
export const authorities: readonly Authority[] = authoritiesJson as Authority[];
export const provinces: readonly Province[] = regionsJson as Province[];

export const categoryBySlug = new Map(categories.map((c) => [c.slug, c]));
export const authorityById = new Map(authorities.map((a) => [a.id, a]));
export const provinceByCode = new Map(provinces.map((p) => [p.code, p]));

export function category(slug: string): Category {
  const c = categoryBySlug.get(slug);
  if (!c) throw new Error(`unknown category ${slug}`);
  return c;
}

export function authority(id: string): Authority {
  const a = authorityById.get(id);
  if (!a) throw new Error(`unknown authority ${id}`);
  return a;
}

/** Province record for any 6-digit code inside it (city or province code). */
export function provinceOf(code: string): Province {
  const p = provinceByCode.get(`${code.slice(0, 2)}0000`);
  if (!p) throw new Error(`unknown region ${code}`);
  return p;
}

export function cityOf(code: string): City | undefined {
  return provinceOf(code).cities.find((c) => c.code === code);
}

/** The provincial market-regulation authority of a region code. */
export function provincialAuthority(code: string): Authority {
  const prov = `${code.slice(0, 2)}0000`;
  const a = authorities.find((x) => x.level === 'provincial' && x.regionCode === prov);
  if (!a) throw new Error(`no provincial authority for ${code}`);
  return a;
}

/** The national regulator in office on a date (AQSIQ before 2018-04-10, SAMR after). */
export function nationalAuthority(isoDate: string): Authority {
  return authority(isoDate < '2018-04-10' ? 'aqsiq' : 'samr');
}
