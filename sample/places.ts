/** Regions, sellers (sampled units) and e-commerce stores for the sample data. */
import type { Rng } from './prng.ts';
import { provinceOf, provinces, type Province } from './taxonomy.ts';
import { PLATFORMS, ROADS, SELLER_FIRST, SELLER_SECOND, STORE_SUFFIXES, ZONES } from './words.ts';

const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

/** Relative weight of a province as a place where products are sold (roughly population). */
const SALES_WEIGHT: Record<string, number> = {
  '440000': 9, '370000': 7, '410000': 7, '320000': 6, '510000': 6, '130000': 5, '330000': 5,
  '430000': 5, '340000': 4, '420000': 4, '350000': 3, '360000': 3, '450000': 3, '530000': 3,
  '210000': 3, '310000': 3, '110000': 3, '610000': 3, '520000': 3, '500000': 2.5, '140000': 2.5,
  '230000': 2.5, '620000': 2, '150000': 2, '120000': 1.5, '220000': 1.5, '650000': 1.5, '460000': 1,
  '640000': 0.6, '630000': 0.5, '540000': 0.4,
};

export function randomProvince(r: Rng): Province {
  return r.weighted(provinces, provinces.map((p) => SALES_WEIGHT[p.code] ?? 1));
}

/** A street address in a city of the province. */
export function addressIn(r: Rng, prov: Province, cityCode: string): string {
  const city = prov.cities.find((c) => c.code === cityCode);
  const zone = r.chance(0.7) ? r.pick(ZONES) : '';
  return `${prov.zh}${city?.zh ?? ''}${zone}${r.pick(ROADS)}${r.int(1, 999)}号`;
}

/** Short place prefix used in shop and trading-company names: 宁波, 北京朝阳. */
export function placePrefix(cityCode: string): string {
  const prov = provinceOf(cityCode);
  const city = prov.cities.find((c) => c.code === cityCode);
  const cityZh = city?.zh ?? '';
  return MUNICIPALITIES.has(prov.code)
    ? `${prov.zh.replace(/市$/, '')}${cityZh.replace(/(新)?区$/, '')}`
    : cityZh.replace(/市$/, '');
}

export interface Seller {
  name: string;
  address: string;
  regionCode: string;
}

/**
 * Sellers are reused: a city has a handful of shops per shop type, so the same shop shows up in
 * several announcements, as in real data.
 */
export class SellerBook {
  private readonly shops = new Map<string, Seller[]>();
  private readonly r: Rng;

  constructor(r: Rng) {
    this.r = r;
  }

  seller(prov: Province, shopType: string): Seller {
    const r = this.r;
    const cityCode = r.pick(prov.cities).code;
    const key = `${cityCode}|${shopType}`;
    const list = this.shops.get(key) ?? [];
    this.shops.set(key, list);
    if (list.length >= 3 || (list.length > 0 && r.chance(0.5))) return r.pick(list);
    let name = '';
    do {
      name = `${placePrefix(cityCode)}${r.pick(SELLER_FIRST)}${r.pick(SELLER_SECOND)}${shopType}`;
    } while (list.some((s) => s.name === name));
    const seller = { name, address: addressIn(r, prov, cityCode), regionCode: cityCode };
    list.push(seller);
    return seller;
  }
}

export interface OnlineSample {
  platform: string;
  store: string;
}

export function onlineStore(r: Rng, brand: string | undefined, sellerName: string | undefined): OnlineSample {
  const platform = r.pick(PLATFORMS);
  if (brand && !sellerName) return { platform, store: `${brand}${r.pick(['旗舰店', '官方店', '工厂店'])}` };
  const base = (sellerName ?? '').replace(/^.*?(\p{Script=Han}{2})(商贸|贸易|电子商务)有限公司$/u, '$1');
  return { platform, store: `${base || r.pick(SELLER_FIRST) + r.pick(SELLER_SECOND)}${r.pick(STORE_SUFFIXES.slice(2))}` };
}
