import { eq, sql } from 'drizzle-orm';
import { companyCore, englishCore, englishNameKey, foldedNameKey } from '../../core/text/company.ts';
import { enterprises } from '../../db/schema/enterprises.ts';
import type { Queryable } from '../shared/descriptor.ts';
import type { AlertProducer } from './record.ts';
import { crossBorderAlerts, type AlertMatch, type CrossBorderAlertRow } from './table.ts';

/**
 * Which domestic enterprise an alert's producer is. Linked only on a strong match: the same name
 * once traditional characters are folded to simplified (盤山縣東方旭海 = 盘山县东方旭海), a former
 * name of the profile, or the profile's confirmed English name (from an enterprise directory)
 * spelled the same way — and only when exactly one profile matches. Weaker likenesses (the same
 * trade name under another region or form, a similar English name, the same brand) are kept as
 * `possible`, shown on the alert for a reader to judge, never merged into a profile.
 */

/** What matching needs of an alert: its producers, its brand, and whether it comes from China. */
export interface AlertParties {
  producers: AlertProducer[];
  brand?: string | null;
  fromChina: boolean;
}

const HAN = /\p{Script=Han}/u;
const cnKey = foldedNameKey;
const brandKey = foldedNameKey;

/**
 * Where a likeness search starts: a Chinese core's first two characters, an English core's first
 * five letters (五峰新桥农业 → 五峰; SUNREACHFOOD → SUNRE). The SQL prefilter and the keys share it,
 * so an alert finds a profile created after it as it finds one created before.
 */
const hanStem = (name: string) => [...companyCore(name)].slice(0, 2).join('');
const latinStem = (name: string) => englishCore(name).slice(0, 5);

/** The keys an alert is found by when profiles change: full names, cores, their stems, the brand. */
export function matchKeys(a: AlertParties): string[] {
  if (!a.fromChina) return [];
  const keys = a.producers.flatMap(({ name }) =>
    HAN.test(name) ? [`cn:${cnKey(name)}`, `cn~${hanStem(name)}`] : [`en:${englishNameKey(name)}`, `en~${latinStem(name)}`],
  );
  if (a.brand && !/^unknown$/i.test(a.brand)) keys.push(`brand:${brandKey(a.brand)}`);
  return [...new Set(keys)];
}

interface Candidate {
  id: string;
  name: string;
  englishName: string | null;
  aliases: string[];
  brands: string[];
}

/** The keys of a profile, in the same terms. */
export function enterpriseKeys(e: Candidate): string[] {
  return [
    `cn:${cnKey(e.name)}`, `cn~${hanStem(e.name)}`,
    ...e.aliases.map((a) => `cn:${cnKey(a)}`),
    ...(e.englishName ? [`en:${englishNameKey(e.englishName)}`, `en~${latinStem(e.englishName)}`] : []),
    ...e.brands.map((b) => `brand:${brandKey(b)}`),
  ];
}

/** Bigram (Dice) similarity of two keys, 0–1. */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const grams = (s: string) => Array.from({ length: Math.max(0, [...s].length - 1) }, (_, i) => [...s].slice(i, i + 2).join(''));
  const [x, y] = [grams(a), grams(b)];
  if (!x.length || !y.length) return 0;
  const pool = [...y];
  let shared = 0;
  for (const g of x) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      shared += 1;
      pool.splice(i, 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

type Found = Omit<AlertMatch, 'status' | 'enterpriseName'> & { enterpriseName: string };

/** How one producer (or the brand) relates to one profile; undefined when it does not. */
function compare(producer: string, e: Candidate): Found | undefined {
  const base = { enterpriseId: e.id, enterpriseName: e.name, producer };
  if (HAN.test(producer)) {
    const key = cnKey(producer);
    if (key === cnKey(e.name)) return { ...base, reason: 'name', score: 1 };
    if (e.aliases.some((a) => cnKey(a) === key)) return { ...base, reason: 'former-name', score: 0.9 };
    const core = similarity(companyCore(producer), companyCore(e.name));
    return core >= 0.8 ? { ...base, reason: 'same-trade-name', score: Math.round(core * 60) / 100 } : undefined;
  }
  if (!e.englishName) return undefined;
  if (englishNameKey(producer) === englishNameKey(e.englishName)) return { ...base, reason: 'english-name', score: 0.95 };
  const core = similarity(englishCore(producer), englishCore(e.englishName));
  return core >= 0.8 ? { ...base, reason: 'similar-english-name', score: Math.round(core * 50) / 100 } : undefined;
}

/** Profiles that could match any of the alerts: a cheap filter in SQL, the judgement in `compare`. */
async function candidates(db: Queryable, alerts: AlertParties[]): Promise<Candidate[]> {
  const names = alerts.flatMap((a) => a.producers.map((p) => p.name));
  const han = names.filter((n) => HAN.test(n));
  const latin = names.filter((n) => !HAN.test(n));
  const brands = alerts.flatMap((a) => (a.brand ? [a.brand] : []));
  if (!han.length && !latin.length && !brands.length) return [];
  // A core's stem finds its likenesses too (五峰新桥农业 → %五峰%; SUNREACHFOOD → %SUNRE%).
  const hanPatterns = [...new Set(han.map((n) => `%${hanStem(n)}%`))];
  const latinPatterns = [...new Set(latin.map((n) => `%${latinStem(n)}%`))];
  const rows = await db
    .select({ id: enterprises.id, name: enterprises.name, englishName: enterprises.englishName, aliases: enterprises.aliases, brands: enterprises.brands })
    .from(enterprises)
    .where(sql`${enterprises.kind} = 'enterprise' and (
      ${enterprises.nameKey} = any(${sql.param(han.map(cnKey))}::text[])
      or ${enterprises.nameKey} like any(${sql.param(hanPatterns)}::text[])
      or ${enterprises.aliases} && ${sql.param(han)}::text[]
      or (${enterprises.englishName} is not null and upper(regexp_replace(${enterprises.englishName}, '[^A-Za-z0-9]', '', 'g')) like any(${sql.param(latinPatterns)}::text[]))
      or ${enterprises.brands} && ${sql.param(brands)}::text[])`)
    .limit(20_000);
  return rows;
}

const MAX_POSSIBLE = 5;

/**
 * The matches of each alert, best first: per producer, a single strong match is `linked`; every
 * other likeness is `possible`. Alerts not from China match nothing.
 */
export async function matchAlerts(db: Queryable, alerts: AlertParties[]): Promise<AlertMatch[][]> {
  const pool = alerts.some((a) => a.fromChina) ? await candidates(db, alerts.filter((a) => a.fromChina)) : [];
  return alerts.map((alert) => {
    if (!alert.fromChina) return [];
    const out: AlertMatch[] = [];
    for (const { name } of alert.producers) {
      const found = pool.map((e) => compare(name, e)).filter((f): f is Found => f !== undefined).sort((a, b) => b.score - a.score);
      const strong = found.filter((f) => f.score >= 0.9);
      for (const f of found) out.push({ ...f, status: strong.length === 1 && f === strong[0] ? 'linked' : 'possible' });
    }
    const brand = alert.brand && !/^unknown$/i.test(alert.brand) ? brandKey(alert.brand) : undefined;
    if (brand) {
      for (const e of pool) {
        if (e.brands.some((b) => brandKey(b) === brand) && !out.some((m) => m.enterpriseId === e.id)) {
          out.push({ enterpriseId: e.id, enterpriseName: e.name, producer: alert.brand!, reason: 'same-brand', score: 0.4, status: 'possible' });
        }
      }
    }
    const linked = out.filter((m) => m.status === 'linked');
    const possible = out.filter((m) => m.status === 'possible' && !linked.some((l) => l.enterpriseId === m.enterpriseId)).slice(0, MAX_POSSIBLE);
    return [...linked, ...possible];
  });
}

/** An alert row as matching sees it. */
export const partiesOfRow = (row: Pick<CrossBorderAlertRow, 'namedParties' | 'brand' | 'fromChina'>): AlertParties => ({
  producers: row.namedParties.map((p) => ({ name: p.name, role: p.role === 'distributor' ? 'distributor' : 'manufacturer' })),
  brand: row.brand,
  fromChina: row.fromChina,
});

/** The columns an alert's matches set: the matches, the linked profiles, and the producers linked to them. */
export function linkColumns(row: Pick<CrossBorderAlertRow, 'namedParties'>, matches: AlertMatch[]) {
  const linked = new Map(matches.filter((m) => m.status === 'linked').map((m) => [m.producer, m.enterpriseId]));
  return {
    matches,
    enterpriseIds: [...new Set(linked.values())],
    enterpriseId: row.namedParties.map((p) => linked.get(p.name)).find(Boolean) ?? null,
    namedParties: row.namedParties.map(({ enterpriseId: _old, ...p }) => (linked.get(p.name) ? { ...p, enterpriseId: linked.get(p.name)! } : p)),
  };
}

/**
 * After profiles changed (new enterprises, a directory's English names): the alerts whose keys a
 * changed profile shares are matched again. Returns the alerts whose links changed and the
 * profiles they were or now are linked to (their search documents change too).
 */
export async function relinkAlerts(db: Queryable, enterpriseIds: string[]): Promise<{ records: { id: string; version: number }[]; enterprises: string[] }> {
  if (enterpriseIds.length === 0) return { records: [], enterprises: [] };
  const [any] = await db.select({ id: crossBorderAlerts.id }).from(crossBorderAlerts).where(eq(crossBorderAlerts.fromChina, true)).limit(1);
  if (!any) return { records: [], enterprises: [] };
  const changed = await db
    .select({ id: enterprises.id, name: enterprises.name, englishName: enterprises.englishName, aliases: enterprises.aliases, brands: enterprises.brands })
    .from(enterprises)
    .where(sql`${enterprises.id} = any(${sql.param(enterpriseIds)}::text[]) and ${enterprises.kind} = 'enterprise'`);
  const keys = [...new Set(changed.flatMap(enterpriseKeys))];
  if (keys.length === 0) return { records: [], enterprises: [] };
  const rows = await db
    .select({ id: crossBorderAlerts.id, version: crossBorderAlerts.version, namedParties: crossBorderAlerts.namedParties, brand: crossBorderAlerts.brand, fromChina: crossBorderAlerts.fromChina, matches: crossBorderAlerts.matches })
    .from(crossBorderAlerts)
    .where(sql`${crossBorderAlerts.matchKeys} && ${sql.param(keys)}::text[]`);
  const all = await matchAlerts(db, rows.map(partiesOfRow));
  const records: { id: string; version: number }[] = [];
  const touched = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const matches = all[i]!;
    if (JSON.stringify(matches) === JSON.stringify(row.matches)) continue;
    const columns = linkColumns(row, matches);
    await db.update(crossBorderAlerts).set({ ...columns, updatedAt: new Date() }).where(eq(crossBorderAlerts.id, row.id));
    records.push({ id: row.id, version: row.version });
    for (const m of [...row.matches, ...matches]) if (m.status === 'linked') touched.add(m.enterpriseId);
  }
  return { records, enterprises: [...touched] };
}
