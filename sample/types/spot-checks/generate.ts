/**
 * Spot-check rows (监督抽查结果), grouped into national and provincial announcements of 20–60
 * rows, 2017-01 … 2026-10. Failures are assigned per category to hit a target rate, with a set of
 * designated repeat offenders (two or more failures within 24 months).
 */
import { PROFILES, SPOT_CHECK_CATEGORIES, profile } from '../../catalog.ts';
import { nameOn, type Enterprise } from '../../enterprises.ts';
import { drawUnqualifiedItems, formatUnqualifiedItems } from '../../items.ts';
import { type OnlineSample, SellerBook, onlineStore, randomProvince } from '../../places.ts';
import { Rng, dayNumber, isoFromDay } from '../../prng.ts';
import {
  campaigns, category, nationalAuthority, provinceOf, provinces, provincialAuthority,
} from '../../taxonomy.ts';
import { GENERAL_AGENCIES, SPECIAL_AGENCIES } from '../../words.ts';
import type { SpotFailure } from '../../links.ts';
import { assignFailures, push, type Announcement, type Skeleton } from './failures.ts';

export const SPOT_CHECK_HEADERS = [
  '公告编号', '公告标题', '发布机关', '发布日期', '抽查级别', '产品类别', '专项行动', '产品名称',
  '标称生产企业名称', '标称生产企业地址', '统一社会信用代码', '被抽样单位名称', '被抽样单位地址',
  '电商平台', '网店名称', '商标', '规格型号', '生产日期/批号', '抽查结果', '不合格项目', '承检机构',
  '备注', '所在地区',
] as const;


export interface SpotCheckOutput {
  rows: string[][];
  failures: SpotFailure[];
  /** enterprise idx → number of rows naming it as manufacturer */
  appearances: Map<number, number>;
  repeatOffenders: number[];
}

const FIRST_DAY = dayNumber('2017-01-05');
const LAST_DAY = dayNumber('2026-10-28');

function planSizes(r: Rng, total: number): number[] {
  if (total <= 0) return [];
  let n = Math.max(1, Math.round(total / 40));
  while (total / n > 60) n++;
  while (n > 1 && total / n < 20) n--;
  const sizes: number[] = new Array<number>(n).fill(Math.min(20, Math.floor(total / n)));
  let rest = total - sizes.reduce((a, b) => a + b, 0);
  while (rest > 0) {
    const i = r.int(0, n - 1);
    const room = 60 - (sizes[i] ?? 0);
    if (room <= 0) continue;
    const add = Math.min(rest, r.int(1, Math.min(room, 15)));
    sizes[i] = (sizes[i] ?? 0) + add;
    rest -= add;
  }
  return sizes;
}

/** A deck that deals every item once before repeating (so all categories / provinces show up). */
function dealer<T>(r: Rng, items: readonly T[]): () => T {
  let deck: T[] = [];
  return () => {
    if (deck.length === 0) deck = r.shuffle(items);
    return deck.pop() as T;
  };
}

function campaignFor(r: Rng, date: string, cat: string): string {
  const year = Number(date.slice(0, 4));
  const c = campaigns.find((x) => x.year === year && x.categories.includes(cat));
  return c && r.chance(0.85) ? c.slug : '';
}

function planSkeletons(r: Rng, ents: readonly Enterprise[], total: number): Skeleton[] {
  const sizes = planSizes(r, total);
  const nextCategory = dealer(r, SPOT_CHECK_CATEGORIES.flatMap((s) => ((PROFILES[s]?.weight ?? 0) >= 1.2 ? [s, s] : [s])));
  const nextProvince = dealer(r, provinces);
  const makers = new Map<string, number[]>();
  // Pushed, not spread: the pool can hold a hundred thousand enterprises.
  const localMakers = new Map<string, number[]>();
  for (const e of ents) {
    for (const c of e.categories) {
      push(makers, c, e.idx);
      push(localMakers, `${c}|${provinceOf(e.regionCode).code}`, e.idx);
    }
  }
  const seq = new Map<string, number>();
  const batchNo = new Map<string, number>();
  const out: Skeleton[] = [];
  const step = (LAST_DAY - FIRST_DAY) / Math.max(1, sizes.length);

  sizes.forEach((size, i) => {
    const date = isoFromDay(FIRST_DAY + Math.floor((i + r.next() * 0.9) * step));
    const year = date.slice(0, 4);
    const national = r.chance(0.35);
    const province = national ? undefined : nextProvince();
    const authority = province ? provincialAuthority(province.code) : nationalAuthority(date);
    const nCats = national ? 1 : Math.min(r.weighted([1, 2, 3], [40, 40, 20]), Math.max(1, Math.floor(size / 12)));
    const cats: string[] = [];
    while (cats.length < nCats) {
      const c = nextCategory();
      if (!cats.includes(c)) cats.push(c);
    }
    const key = `${authority.id}|${year}`;
    const n = (seq.get(key) ?? 0) + r.int(1, 5);
    seq.set(key, n);
    const campaign = campaignFor(r, date, cats[0]!);
    const ann: Announcement = { no: '', title: '', authority, date, level: national ? '国家' : '省级', ...(province ? { province } : {}) };
    const asciiQuotes = r.chance(0.5);
    const campaignZh = campaigns.find((c) => c.slug === campaign)?.zh.replace(/[“”]/g, (q) => (asciiQuotes ? '"' : q));
    const catZh = cats.map((c) => category(c).zh.replace(/（电商）$/, '')).join('、');
    if (national) {
      ann.no = `${year}年第${n}号`;
      const what = `${campaignZh ?? `${year}年`}${catZh}`;
      ann.title = authority.id === 'aqsiq'
        ? `质检总局关于公布${what}产品质量国家监督抽查结果的公告`
        : `市场监管总局关于${what}产品质量国家监督抽查情况的通告`;
    } else {
      const k = (batchNo.get(key) ?? 0) + 1;
      batchNo.set(key, k);
      ann.no = `${authority.docPrefix}公告〔${year}〕${n}号`;
      ann.title = campaignZh && nCats === 1
        ? `${authority.zh}关于${campaignZh}${catZh}产品质量省级监督抽查情况的通告`
        : `${authority.zh}关于${year}年第${k}批产品质量省级监督抽查情况的通告`;
    }
    cats.forEach((cat, ci) => {
      const rows = ci === cats.length - 1 ? size - Math.floor(size / cats.length) * (cats.length - 1) : Math.floor(size / cats.length);
      const prof = profile(cat);
      const all = makers.get(cat) ?? [];
      const local = province ? (localMakers.get(`${cat}|${province.code}`) ?? []) : [];
      const rowCampaign = ci === 0 ? campaign : campaignFor(r, date, cat);
      for (let j = 0; j < rows; j++) {
        let channel: Skeleton['channel'] = r.chance(prof.ecommerce) ? 'ecommerce' : r.chance(prof.production) ? 'production' : 'circulation';
        if (channel === 'production' && province && local.length === 0) channel = 'circulation';
        const ent = channel === 'production' && province ? r.pick(local) : local.length && r.chance(0.5) ? r.pick(local) : r.pick(all);
        out.push({ ann, category: cat, campaign: rowCampaign, ent, channel, failed: false, designated: false });
      }
    });
  });
  return out;
}

function batchText(r: Rng, style: 'date' | 'date-batch' | 'batch' | 'month', prodDate: string): string {
  const [y, m, d] = prodDate.split('-') as [string, string, string];
  const compact = `${y.slice(2)}${m}${d}`;
  switch (style) {
    case 'date':
      return r.chance(0.8) ? prodDate : `${y}/${Number(m)}/${Number(d)}`;
    case 'date-batch':
      return `${prodDate}/B${compact}`;
    case 'batch':
      return r.chance(0.7) ? `B${compact}${r.int(1, 9)}` : prodDate;
    case 'month':
      return r.chance(0.5) ? `${y}年${Number(m)}月${Number(d)}日` : `${y}.${m}.${d}`;
  }
}

const NOTES_FAILED = ['', '标称生产企业对检验结果提出异议，经复检维持原检验结论', '经核实，标称生产企业否认该批次产品为其生产', '相关企业已完成整改'];

export function generateSpotChecks(r: Rng, ents: readonly Enterprise[], total: number): SpotCheckOutput {
  const skeletons = planSkeletons(r, ents, total);
  const repeatOffenders = assignFailures(r, ents, skeletons);
  const sellers = new SellerBook(r);
  const agencies = new Map<string, string>();
  const keys = new Set<string>();
  const rows: string[][] = [];
  const failures: SpotFailure[] = [];
  const appearances = new Map<number, number>();

  for (const s of skeletons) {
    const e = ents[s.ent]!;
    const prof = profile(s.category);
    const cat = category(s.category);
    const agencyKey = `${s.ann.no}|${s.category}`;
    if (!agencies.has(agencyKey)) {
      agencies.set(agencyKey, r.chance(0.7) ? r.pick(SPECIAL_AGENCIES[prof.agency] ?? GENERAL_AGENCIES) : r.pick(GENERAL_AGENCIES));
    }
    const maker = nameOn(e, s.ann.date);
    const uscc = !s.designated && r.chance(s.ann.date < '2020-01-01' ? 0.22 : 0.04) ? '' : e.uscc;
    const brand = r.chance(0.04) ? '/' : e.brands.length > 1 && r.chance(0.35) ? e.brands[1]! : e.brands[0]!;
    let unit = { name: maker, address: e.address, regionCode: e.regionCode };
    let online: OnlineSample = { platform: '', store: '' };
    const prov = s.ann.province ?? randomProvince(r);
    if (s.channel === 'circulation') unit = sellers.seller(prov, r.pick(prof.sellers));
    if (s.channel === 'ecommerce') {
      const official = r.chance(0.35) && (!s.ann.province || provinceOf(e.regionCode) === s.ann.province) && brand !== '/';
      if (!official) unit = sellers.seller(prov, r.pick(['商贸有限公司', '电子商务有限公司', '贸易有限公司']));
      online = onlineStore(r, official ? brand : undefined, official ? undefined : unit.name);
    }
    let variant = r.pick(prof.variants);
    let model = variant.spec(r);
    let batch = '';
    let key = '';
    for (let attempt = 0; ; attempt++) {
      const prodDate = isoFromDay(dayNumber(s.ann.date) - r.int(25, 320));
      batch = batchText(r, prof.batch, prodDate) + (attempt > 5 ? `-${attempt}` : '');
      key = [s.ann.no, uscc || maker, variant.name, model, batch, unit.name].join('|');
      if (!keys.has(key)) break;
      variant = r.pick(prof.variants);
      model = variant.spec(r);
    }
    keys.add(key);
    const items = s.failed ? drawUnqualifiedItems(r, cat.testItems) : [];
    const note = s.failed ? (s.designated ? '' : r.weighted(NOTES_FAILED, [80, 8, 6, 6])) : '';
    rows.push([
      s.ann.no, s.ann.title, s.ann.authority.zh, s.ann.date, s.ann.level, s.category, s.campaign, variant.name,
      maker, e.address, uscc, unit.name, unit.address, online.platform, online.store, brand, model, batch,
      s.failed ? '不合格' : '合格', s.failed ? formatUnqualifiedItems(r, items, model) : '', agencies.get(agencyKey)!,
      note, unit.regionCode,
    ]);
    appearances.set(e.idx, (appearances.get(e.idx) ?? 0) + 1);
    if (s.failed && !note.includes('否认')) {
      failures.push({ ent: e.idx, date: s.ann.date, category: s.category, product: variant.name, model, items, annNo: s.ann.no, level: s.ann.level, designated: s.designated });
    }
  }
  return { rows, failures, appearances, repeatOffenders };
}
