/**
 * The pool of fictional manufacturers: Chinese names built from invented trade names, valid
 * USCCs (91 + city code + 9 characters + GB 32100 check character), addresses, brands, and for
 * about a fifth an English name, a Latin brand and aliases.
 */
import { usccCheckChar } from '../core/normalize/uscc.ts';
import { PROFILES } from './catalog.ts';
import { Rng, dayNumber, isoFromDay } from './prng.ts';
import { provinces } from './taxonomy.ts';
import { addressIn, placePrefix } from './places.ts';
import {
  BLOCKED_LATIN_BRANDS, BLOCKED_TRADE_NAMES, COMPANY_FORMS, LATIN_END, LATIN_MID, LATIN_START,
  NAME_FIRST, NAME_SECOND, SURNAMES,
} from './words.ts';

export interface Enterprise {
  idx: number;
  name: string;
  /** Name used in records dated before `renamedAt` (then also listed in aliases). */
  formerName?: string;
  renamedAt?: string;
  englishName?: string;
  uscc: string;
  /** City-level GB/T 2260 code (district code for the four municipalities). */
  regionCode: string;
  address: string;
  /** Category slugs it makes; the first is its main line. */
  categories: string[];
  brands: string[];
  aliases: string[];
  /** Already masked, e.g. 张** */
  legalRep: string;
}

/** Public shape written to enterprises.json. */
export interface EnterpriseEntry {
  name: string;
  englishName?: string;
  uscc: string;
  regionCode: string;
  brands: string[];
  aliases: string[];
}

export const DEFAULT_ENTERPRISES = 600;

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Where manufacturing concentrates (relative weights) and per-category clusters. */
const PROVINCE_WEIGHT: Record<string, number> = {
  '330000': 14, '440000': 14, '320000': 10, '370000': 8, '350000': 6, '130000': 6, '410000': 4,
  '310000': 3, '340000': 3, '420000': 3, '430000': 3, '510000': 3, '120000': 2, '360000': 2,
  '210000': 2, '500000': 2, '450000': 1.5, '610000': 1.5, '110000': 1, '140000': 1, '150000': 1,
  '220000': 1, '230000': 1, '520000': 1, '530000': 1, '620000': 0.7, '650000': 0.7, '460000': 0.5,
  '640000': 0.5, '540000': 0.3, '630000': 0.3,
};
const CLUSTERS: Record<string, string[]> = {
  'wire-cable': ['330000', '320000', '440000', '130000'],
  'children-clothing': ['330000', '440000', '350000'],
  'children-shoes': ['350000', '330000', '440000'],
  toys: ['440000', '330000'],
  'electric-bicycle': ['120000', '320000', '330000'],
  'ebike-lithium-battery': ['440000', '320000'],
  'gas-stove': ['440000', '330000'],
  'gas-water-heater': ['440000', '330000'],
  fertilizer: ['370000', '410000', '420000'],
  'mulch-film': ['370000', '650000', '620000'],
  'travel-bags': ['330000', '440000', '130000'],
  'casual-clothing': ['330000', '440000', '350000'],
};
/** Related lines a maker often also produces. */
const PARTNER: Record<string, string> = {
  'induction-cooker': 'rice-cooker', 'rice-cooker': 'induction-cooker', 'gas-stove': 'gas-water-heater',
  'gas-water-heater': 'gas-stove', 'ebike-charger': 'ebike-lithium-battery', 'ebike-lithium-battery': 'ebike-charger',
  'children-clothing': 'casual-clothing', 'children-shoes': 'elderly-shoes', 'safety-helmet': 'ebike-helmet',
  'fire-extinguisher': 'emergency-lighting', 'gas-hose': 'gas-pressure-regulator',
};

function tradeName(r: Rng, used?: Set<string>): { zh: string; py: string } {
  for (;;) {
    const [a, ap] = r.pick(NAME_FIRST);
    const [b, bp] = r.pick(NAME_SECOND);
    const zh = a + b;
    if (a === b || BLOCKED_TRADE_NAMES.has(zh) || used?.has(zh)) continue;
    return { zh, py: ap + bp };
  }
}

function latinBrand(r: Rng): string {
  for (;;) {
    const s = r.pick(LATIN_START) + r.pick(LATIN_MID) + r.pick(LATIN_END);
    if (s.length >= 4 && !BLOCKED_LATIN_BRANDS.has(s.toLowerCase())) return s.toUpperCase();
  }
}

function makeUscc(r: Rng, regionCode: string): string {
  // New registrations carry an "MA…" organisation segment; older ones an 8-digit code + check.
  const org = r.chance(0.7) ? `MA${r.chars(USCC_BODY, 7)}` : `${r.digits(8)}${r.pick(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'])}`;
  const first17 = `91${regionCode}${org}`;
  return first17 + usccCheckChar(first17);
}

export function maskedName(r: Rng): string {
  return `${r.pick(SURNAMES)}**`;
}

export function buildEnterprises(r: Rng, count = DEFAULT_ENTERPRISES): Enterprise[] {
  const slugs = Object.keys(PROFILES);
  const weight = (s: string) => Math.max(PROFILES[s]?.weight ?? 0, 0.35);
  const total = slugs.reduce((a, s) => a + weight(s), 0);
  const plan: string[] = [];
  for (const s of slugs) {
    const n = Math.max(4, Math.round((count * weight(s)) / total));
    for (let i = 0; i < n; i++) plan.push(s);
  }
  while (plan.length > count) plan.splice(r.int(0, plan.length - 1), 1);
  while (plan.length < count) plan.push(r.pick(slugs.filter((s) => (PROFILES[s]?.weight ?? 0) > 0)));

  const names = new Set<string>();
  const usccs = new Set<string>();
  const usedLatin = new Set<string>();
  const out: Enterprise[] = [];
  for (const [idx, main] of plan.entries()) {
    const prof = PROFILES[main]!;
    const provCodes = provinces.map((p) => p.code);
    const cluster = CLUSTERS[main] ?? [];
    const prov = r.weighted(provinces, provCodes.map((c) => (PROVINCE_WEIGHT[c] ?? 1) * (cluster.includes(c) ? 4 : 1)));
    const regionCode = r.pick(prov.cities).code;
    const [makerZh, makerEn] = r.pick(prof.makers);
    const forms = COMPANY_FORMS.filter(([zh]) => !(zh.startsWith('科技') && /科技|技术/.test(makerZh)));
    const [formZh, formEn] = r.weighted(forms, forms.map(([, , w]) => w));
    let trade = tradeName(r);
    let name = trade.zh + makerZh + formZh;
    // A large pool runs out of bare trade names; real registrations then carry a place prefix.
    for (let attempt = 1; names.has(name); attempt++) {
      trade = tradeName(r);
      name = (attempt > 20 ? placePrefix(regionCode) : '') + trade.zh + makerZh + formZh;
    }
    names.add(name);
    let uscc = makeUscc(r, regionCode);
    while (usccs.has(uscc)) uscc = makeUscc(r, regionCode);
    usccs.add(uscc);

    const categories = [main];
    const partner = PARTNER[main];
    if (partner && r.chance(0.3)) categories.push(partner);
    const brands = [r.chance(0.6) ? trade.zh : tradeName(r, new Set([trade.zh])).zh];
    const aliases: string[] = [];
    const e: Enterprise = { idx, name, uscc, regionCode, address: addressIn(r, prov, regionCode), categories, brands, aliases, legalRep: maskedName(r) };
    if (r.chance(0.2)) {
      e.englishName = `${trade.py} ${makerEn} ${formEn}`;
      let latin = latinBrand(r);
      for (let attempt = 1; usedLatin.has(latin); attempt++) latin = latinBrand(r) + (attempt > 20 ? String(r.int(2, 999)) : '');
      usedLatin.add(latin);
      brands.push(latin);
      aliases.push(`${trade.py} ${makerEn}`);
    }
    if (r.chance(0.06)) {
      let former = tradeName(r).zh + makerZh + formZh;
      for (let attempt = 1; names.has(former); attempt++) {
        former = (attempt > 20 ? placePrefix(regionCode) : '') + tradeName(r).zh + makerZh + formZh;
      }
      names.add(former);
      e.formerName = former;
      e.renamedAt = isoFromDay(r.int(dayNumber('2019-01-01'), dayNumber('2023-12-31')));
      aliases.push(former);
    }
    out.push(e);
  }
  return out;
}

/** The manufacturer's name as printed on a record dated `date`. */
export function nameOn(e: Enterprise, date: string): string {
  return e.formerName && e.renamedAt && date < e.renamedAt ? e.formerName : e.name;
}

export function toEntry(e: Enterprise): EnterpriseEntry {
  return {
    name: e.name,
    ...(e.englishName ? { englishName: e.englishName } : {}),
    uscc: e.uscc,
    regionCode: e.regionCode,
    brands: [...e.brands],
    aliases: [...e.aliases],
  };
}
