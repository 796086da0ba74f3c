/**
 * Fictional foreign recalls of products made by the sample's fictional enterprises, in the shape
 * of the US CPSC recalls API flattened to columns (`Manufacturers.Name`…), so the profile section
 * "alerts abroad" has something to show. Most name a manufacturer by its English name as the
 * enterprise directory confirms it (written another way: COMPANY LIMITED for Co., Ltd.), some by a
 * near name (listed as possible, never linked), some products come from elsewhere.
 */
import type { Enterprise } from '../../enterprises.ts';
import { Rng, dayNumber, isoFromDay } from '../../prng.ts';
import { category } from '../../taxonomy.ts';

export const ALERT_HEADERS = [
  'RecallNumber', 'RecallDate', 'Title', 'Products.Name', 'Products.Type', 'Manufacturers.Name', 'ManufacturerCountries.Country', 'Hazards.Name', 'Remedies.Name',
] as const;

const FIRST = dayNumber('2018-01-10');
const LAST = dayNumber('2026-10-20');

/** What goes wrong with a kind of product, in the recall's words. */
function hazardOf(slug: string): string {
  if (/cable|charger|battery|cooker|lighting|induction/.test(slug)) return 'Fire and Electric Shock Hazards';
  if (/gas/.test(slug)) return 'Fire and Carbon Monoxide Poisoning Hazards';
  if (/helmet/.test(slug)) return 'Head Injury Hazard';
  if (/children/.test(slug)) return 'Choking and Strangulation Hazards';
  if (/bicycle|walking|shoes/.test(slug)) return 'Fall Hazard';
  return 'Injury Hazard';
}

/** The English name as another publisher writes it: upper case, COMPANY LIMITED for Co., Ltd. */
const respelled = (name: string) => name.toUpperCase().replace(/\bCO\.,? LTD\.?$/, 'COMPANY LIMITED');
/** A near name: one word more, the kind of difference a reader must judge. */
const nearName = (name: string) => name.replace(/ (Co\.|Company|Ltd\.|Limited)/, ' Industrial $1');

// Makers elsewhere, named so that no real company can be meant.
const ELSEWHERE = [['Vietnam', 'Fictional Homewares Co.'], ['Mexico', 'Fictional Hogar S.A. de C.V.'], ['India', 'Fictional Consumer Goods Pvt. Ltd.']] as const;

/** `total` recall rows about products of enterprises the spot checks name (`named`: their USCCs). */
export function generateCrossBorderAlerts(r: Rng, ents: readonly Enterprise[], named: ReadonlySet<string>, total: number): string[][] {
  const makers = ents.filter((e) => e.englishName && named.has(e.uscc));
  const rows: string[][] = [];
  for (let i = 0; i < total; i++) {
    const date = isoFromDay(r.int(FIRST, LAST));
    const number = `${date.slice(2, 4)}S${String(i + 1).padStart(3, '0')}`;
    const roll = r.next();
    const e = makers.length ? r.pick(makers) : undefined;
    const slug = e ? e.categories[0]! : 'casual-clothing';
    const kind = category(slug).en;
    const [country, maker] = !e || roll >= 0.9 ? r.pick(ELSEWHERE) : ['China', roll < 0.75 ? respelled(e.englishName!) : nearName(e.englishName!)];
    const brand = e?.brands[0] && /^[A-Za-z]/.test(e.brands[0]) ? `${e.brands[0]} ` : '';
    const hazard = hazardOf(slug);
    rows.push([
      number, date, `${brand}${kind} Recalled Due to ${hazard}`, `${brand}${kind}`, kind, maker, country, hazard, r.pick(['Refund', 'Replace', 'Repair']),
    ]);
  }
  return rows.sort((a, b) => (a[1]! < b[1]! ? -1 : a[1]! > b[1]! ? 1 : 0) || (a[0]! < b[0]! ? -1 : 1));
}
