/**
 * Display names of the values every record type shares (statuses, party roles), in both languages.
 * A type's own vocabularies (results, penalty kinds…) live in its folder (types/<name>/labels.ts).
 */
import type { PartyRole } from './normalize/parties.ts';
/** The languages the portal speaks. */
export type Lang = 'zh' | 'en';

/** A text in both languages the portal speaks. */
export type Bilingual = { zh: string; en: string };

/** What a record found, as its badge says it: the tone colours it, the label says it without colour. */
export type Tone = 'adverse' | 'clean' | 'neutral';
export interface Outcome {
  tone: Tone;
  label: Bilingual;
}

export const STATUS_LABELS: Record<'published' | 'corrected' | 'withdrawn' | 'expired', Bilingual> = {
  published: { zh: '已公示', en: 'Published' },
  corrected: { zh: '已更正', en: 'Corrected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  expired: { zh: '公示期满', en: 'Disclosure period ended' },
};

/** What each party a record names was to the product. */
export const PARTY_ROLE_LABELS: Record<PartyRole, Bilingual> = {
  manufacturer: { zh: '标称生产者', en: 'Nominal manufacturer' },
  producer: { zh: '受托生产者', en: 'Contract producer' },
  importer: { zh: '进口商', en: 'Importer' },
  distributor: { zh: '经销商', en: 'Distributor' },
  sampled: { zh: '被抽样单位', en: 'Sampled at' },
  party: { zh: '当事人', en: 'Party' },
  holder: { zh: '持证企业', en: 'Licence holder' },
};

/** Badges for a record's lifecycle, in the same visual language as its outcome. */
export const STATUS_OUTCOMES: Record<'corrected' | 'withdrawn' | 'expired', Outcome> = {
  corrected: { tone: 'neutral', label: STATUS_LABELS.corrected },
  withdrawn: { tone: 'neutral', label: STATUS_LABELS.withdrawn },
  expired: { tone: 'neutral', label: STATUS_LABELS.expired },
};

/** A label in the page language; unknown values show as they are. */
export const label = (lang: Lang, labels: Record<string, Bilingual>, value: string | null | undefined) =>
  value ? (labels[value]?.[lang] ?? value) : '';

export const yuan = (lang: Lang, n: number | null | undefined) =>
  n === null || n === undefined ? '—' : lang === 'en' ? `CNY ${n.toLocaleString('en', { maximumFractionDigits: 2 })}` : `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

/** A taxonomy entry's name in the page language. */
export const named = (lang: Lang, entry: Bilingual | undefined, fallback?: string | null) => entry?.[lang] ?? fallback ?? '';
