import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { normalizeName } from '../core/normalize/text.ts';
import { announcements } from '../db/schema/index.ts';
import type { Tx } from './write-batch.ts';
import { type RecordType } from '../types/registry.ts';

/** The announcement-level fields of a validated record (common to every record type). */
export interface AnnouncementFields {
  authority: string;
  sourceNumber?: string;
  sourceTitle?: string;
  sourceUrl?: string;
  publishedAt?: string;
  level?: string;
}

export type ListKind = 'all' | 'unqualified' | 'qualified';

export interface AnnouncementDraft {
  id: string;
  type: RecordType;
  authority: string;
  number: string | null;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  level: string | null;
  batchesTested: number | null;
  batchesFailed: number | null;
  totalsSource: 'option' | 'column' | 'text' | null;
  listKinds: Set<ListKind>;
}

/**
 * The announcement a record was published in. One is its authority and number; one without a
 * number (many print none) is its authority, title (or URL) and date.
 */
export function announcementOf(type: RecordType, r: AnnouncementFields): AnnouncementDraft {
  const identity = r.sourceNumber
    ? [r.authority, r.sourceNumber]
    : [r.authority, r.sourceTitle ?? r.sourceUrl ?? '', r.publishedAt ?? ''];
  const hash = createHash('sha256').update([type, ...identity.map(normalizeName)].join('|')).digest('hex');
  return {
    id: `an-${hash.slice(0, 16)}`,
    type,
    authority: r.authority,
    number: r.sourceNumber || null,
    title: r.sourceTitle ?? null,
    url: r.sourceUrl ?? null,
    publishedAt: r.publishedAt ?? null,
    level: r.level ?? null,
    batchesTested: null,
    batchesFailed: null,
    totalsSource: null,
    listKinds: new Set(),
  };
}

const num = (s: string) => Number(s.replace(/[,，]/g, ''));

const N = String.raw`([\d,，]+)个?批次`;
// 检出463批次产品不合格, 发现1批次产品的安全性指标不合格, 不合格12批次, 不合格批次为3.
const FAILED = [
  new RegExp(String.raw`(?:发现|检出)了?${N}[^\d，,。；]{0,12}?不合格`),
  new RegExp(String.raw`${N}(?:产品|样品|商品)?(?:为|被判定为|判定为|经检验)?不合格`),
  /不合格(?:产品|样品|商品|批次数?)?(?:为|共|有)?([\d,，]+)个?批/,
];
// 抽查了9批次产品, 共抽检31批次, 对…15个批次电动自行车开展质量监测 — but not `抽查发现1批次产品不合格`.
const NOT_FAILED = String.raw`(?![^，,。；]{0,12}不合格)`;
const TESTED = [
  new RegExp(String.raw`(?:抽查|抽检|抽取|抽样|监督检查|检验|监测|检测)了?[^。；]{0,100}?(?<!合格)${N}${NOT_FAILED}`),
  new RegExp(String.raw`(?<!合格)${N}${NOT_FAILED}[^。；，,]{0,20}?(?:抽查|抽检|监测|检测|检验)`),
];
const QUALIFIED = /(?<!不)合格(?:产品|样品)?([\d,，]+)个?批次|([\d,，]+)个?批次(?:产品|样品)?(?:均为|为|检验)?(?<!不)合格/;

/** The counts one passage of text states: batches tested, failed, qualified (first statement of each). */
function statedCounts(passage: string): { tested?: number; failed?: number; qualified?: number } {
  const out: { tested?: number; failed?: number; qualified?: number } = {};
  for (const s of passage.split(/[。；;]/)) {
    if (out.tested === undefined) {
      const m = TESTED.map((re) => re.exec(s)).filter((x) => x !== null).sort((x, y) => x.index - y.index)[0];
      if (m) out.tested = num(m[1]!);
    }
    if (out.failed === undefined) {
      const m = FAILED.map((re) => re.exec(s)).find((x) => x !== null);
      if (m) out.failed = num(m[1]!);
      else if (/未发现不合格|均为合格|全部合格|均合格|未检出不合格/.test(s)) out.failed = 0;
    }
    if (out.qualified === undefined) {
      const m = QUALIFIED.exec(s);
      if (m && !/不合格/.test(s.slice(Math.max(0, m.index - 1), m.index + m[0].length))) out.qualified = num((m[1] ?? m[2])!);
    }
  }
  return out;
}

/**
 * The totals the text above a list prints for it: `共抽查4687家企业生产的4796批次产品`,
 * `检出463批次产品不合格`, `发现不合格12批次`, `31批次合格21批次` (then 10 failed), `未发现不合格产品`
 * (0 failed). The passage closest to the list wins (a notice's overall figures come first, the
 * list's own just above it); within a passage the first statement counts, later ones break it
 * down. `passage` is the text the totals were read from, so two lists under one passage count it once.
 */
export function totalsInText(lines: readonly string[]): { tested?: number; failed?: number; passage?: string } {
  const passages = lines.map((line) => statedCounts(line.normalize('NFKC').replace(/\s+/g, '')));
  const at = passages.findLastIndex((p) => p.tested !== undefined);
  if (at < 0) return {};
  const tested = passages[at]!.tested!;
  const after = passages.slice(at);
  let failed = after.find((p) => p.failed !== undefined)?.failed;
  const qualified = after.find((p) => p.qualified !== undefined)?.qualified;
  if (failed === undefined && qualified !== undefined && qualified <= tested) failed = tested - qualified;
  if (failed !== undefined && failed > tested) return {};
  return { tested, ...(failed !== undefined ? { failed } : {}), passage: lines[at] };
}

/**
 * Writes the announcements of one import (inside its transaction). A later import of the same
 * announcement adds what it knows — a title, totals, the kind of list it brought — and keeps the rest.
 */
export async function saveAnnouncements(tx: Tx, drafts: Iterable<AnnouncementDraft>): Promise<void> {
  const rows = [...drafts].map((d) => ({
    id: d.id, type: d.type, authority: d.authority, number: d.number, title: d.title, url: d.url,
    published_at: d.publishedAt, level: d.level, batches_tested: d.batchesTested, batches_failed: d.batchesFailed,
    totals_source: d.totalsSource, list_kinds: [...d.listKinds].sort(),
  }));
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into ${announcements} (id, type, authority, number, title, url, published_at, level, batches_tested, batches_failed, totals_source, list_kinds)
    select id, type, authority, number, title, url, published_at, level, batches_tested, batches_failed, totals_source, list_kinds
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
      id text, type text, authority text, number text, title text, url text, published_at date, level text,
      batches_tested int, batches_failed int, totals_source text, list_kinds text[])
    on conflict (id) do update set
      title = coalesce(announcements.title, excluded.title),
      url = coalesce(announcements.url, excluded.url),
      level = coalesce(excluded.level, announcements.level),
      batches_tested = coalesce(excluded.batches_tested, announcements.batches_tested),
      batches_failed = coalesce(excluded.batches_failed, announcements.batches_failed),
      totals_source = case when excluded.batches_tested is not null or excluded.batches_failed is not null
        then excluded.totals_source else announcements.totals_source end,
      list_kinds = array(select distinct k from unnest(announcements.list_kinds || excluded.list_kinds) as k order by k),
      updated_at = now()`);
}
