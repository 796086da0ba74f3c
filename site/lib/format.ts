import type { Lang } from '../../core/labels.ts';

/** Numbers, percentages and amounts as a page in `lang` prints them. */
export function formats(lang: Lang) {
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  const num = (n: number) => n.toLocaleString(locale);
  const pct = (r: number, digits = 1) => r.toLocaleString(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
  const compact = (n: number) => n.toLocaleString(locale, { notation: 'compact', maximumFractionDigits: 1 });
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
  return d.toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' });
}
