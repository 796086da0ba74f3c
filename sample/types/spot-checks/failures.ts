/**
 * Which sampled batches fail: a set of designated repeat offenders first (two or more failures
 * within 24 months, as the verdict's "repeat failure" needs), then per-category failure rates.
 */
import { profile } from '../../catalog.ts';
import type { Enterprise } from '../../enterprises.ts';
import { Rng, dayNumber } from '../../prng.ts';
import { provinceOf, type Authority, type Province } from '../../taxonomy.ts';

export interface Announcement {
  no: string;
  title: string;
  authority: Authority;
  date: string;
  level: '国家' | '省级';
  province?: Province;
}

export interface Skeleton {
  ann: Announcement;
  category: string;
  campaign: string;
  ent: number;
  channel: 'production' | 'circulation' | 'ecommerce';
  failed: boolean;
  designated: boolean;
}

/** Repeat offenders in a dataset of 1,000 rows or more (fewer in a smaller one). */
export const REPEAT_OFFENDERS = 17;

const day = (s: Skeleton) => dayNumber(s.ann.date);

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Mark failures: designated repeat offenders first, then per-category targets. */
export function assignFailures(r: Rng, ents: readonly Enterprise[], rows: Skeleton[]): number[] {
  const byCat = new Map<string, Skeleton[]>();
  for (const s of rows) push(byCat, s.category, s);
  const target = new Map<string, number>();
  for (const [cat, list] of byCat) {
    const n = list.length;
    const t = Math.round(profile(cat).failRate * n);
    target.set(cat, Math.min(Math.floor(n * 0.2), Math.max(Math.ceil(n * 0.05), t)));
  }
  const failDays = new Map<number, number[]>();
  const fail = (s: Skeleton) => {
    s.failed = true;
    push(failDays, s.ent, day(s));
    target.set(s.category, (target.get(s.category) ?? 0) - 1);
  };

  const offenders: number[] = [];
  const wanted = rows.length >= 1000 ? REPEAT_OFFENDERS : Math.floor(rows.length / 60);
  const cats = r.shuffle([...byCat.keys()]);
  for (let k = 0; offenders.length < wanted && k < cats.length * 3; k++) {
    const cat = cats[k % cats.length]!;
    const list = byCat.get(cat)!.filter((s) => !s.designated);
    if ((target.get(cat) ?? 0) < 3 || list.length < 4) continue;
    const candidates = ents.filter((e) => e.categories.includes(cat) && !e.formerName && !offenders.includes(e.idx));
    if (candidates.length === 0) continue;
    const off = r.pick(candidates);
    const anchor = r.pick(list);
    const near = list.filter((s) => s !== anchor && Math.abs(day(s) - day(anchor)) >= 60 && Math.abs(day(s) - day(anchor)) <= 700);
    if (near.length === 0) continue;
    const chosen = [anchor, ...r.sample(near, r.chance(0.3) && (target.get(cat) ?? 0) >= 4 ? 2 : 1)];
    for (const s of chosen) {
      s.ent = off.idx;
      s.designated = true;
      if (s.channel === 'production' && s.ann.province && provinceOf(off.regionCode) !== s.ann.province) s.channel = 'circulation';
      fail(s);
    }
    offenders.push(off.idx);
  }

  for (const [cat, list] of byCat) {
    const rest = r.shuffle(list.filter((s) => !s.failed));
    for (const strict of [true, false]) {
      for (const s of rest) {
        if ((target.get(cat) ?? 0) <= 0) break;
        if (s.failed) continue;
        if (strict && (failDays.get(s.ent) ?? []).some((d) => Math.abs(d - day(s)) <= 731)) continue;
        fail(s);
      }
    }
  }
  return offenders;
}

