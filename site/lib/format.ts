import type { Lang } from '../../core/labels.ts';
import { placeName } from '../../core/glossary.ts';

// Number formatters are built once per language: `toLocaleString` builds one on every call.
const NUMBERS = { en: new Intl.NumberFormat('en'), zh: new Intl.NumberFormat('zh-CN') };
const COMPACT = {
  en: new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }),
  zh: new Intl.NumberFormat('zh-CN', { notation: 'compact', maximumFractionDigits: 1 }),
};

/** A whole number as a page in `lang` prints it: 12,345. */
export const formatNumber = (lang: Lang, n: number) => NUMBERS[lang === 'en' ? 'en' : 'zh'].format(n);

/** Numbers, percentages and amounts as a page in `lang` prints them. */
export function formats(lang: Lang) {
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  const num = (n: number) => formatNumber(lang, n);
  const pct = (r: number, digits = 1) => r.toLocaleString(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
  const compact = (n: number) => COMPACT[lang === 'en' ? 'en' : 'zh'].format(n);
  return {
    num,
    pct,
    tickPct: (r: number) => pct(r, Number.isInteger(Math.round(r * 1000) / 10) ? 0 : 1),
    compactYuan: (n: number) => (lang === 'en' ? `CNY ${compact(n)}` : `${compact(n)}元`),
  };
}

/** A date as the page's language writes it: 2026年3月5日, 5 March 2026. */
export function longDate(lang: Lang, value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return LONG_DATE[lang === 'en' ? 'en' : 'zh'].format(d);
}

// Built once: `toLocaleDateString` with options builds a formatter on every call, which was the
// most expensive single function of a search page (a long date on each of its 20+ hits).
const LONG_DATE = {
  en: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' }),
  zh: new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' }),
};

/** A month as the page's language writes it: 2026年3月, March 2026 (from 2026-03 or a full date). */
export function longMonth(lang: Lang, value: string): string {
  const [y, m] = value.split('-').map(Number);
  if (!y || !m) return value;
  return lang === 'en' ? new Date(Date.UTC(y, m - 1, 15)).toLocaleDateString('en-GB', { year: 'numeric', month: 'long', timeZone: 'UTC' }) : `${y}年${m}月`;
}

/** Where a record is from, in the page's language: its region code's place, or the names it was published with. */
export function regionText(lang: Lang, r: { regionCode?: string | null; regionProvince?: string | null; regionCity?: string | null }): string {
  return placeName(r.regionCode)?.[lang] ?? [r.regionProvince, r.regionCity].filter(Boolean).join('');
}
