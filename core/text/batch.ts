/**
 * Production batches as publishers print them: a production date (2023-03-17, 2023.03.17//,
 * 2023年3月17日, 20231023), a date and a lot (2023-05-16/W003020), a lot alone (B2303175, 17-6053),
 * or a range (20.05.2009 - 28.03.2011, 02/2005 - 07/2022, 2019 - 2023, 8.12.2007 to 26.7.2013).
 * Dates are read as intervals (a day, a month, a year) so a listing's batch can be found inside a
 * published range.
 */

export interface Interval { from: string; to: string }
export interface Batch {
  /** Each date printed, as the interval it stands for. */
  dates: Interval[];
  /** Two dates joined by 至, to, a dash…: the whole range. */
  range?: Interval;
  /** Lot numbers: what is left once the dates are taken out (lower case, punctuation dropped). */
  lots: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function day(y: number, m: number, d: number): Interval | undefined {
  if (y < 1950 || y > 2100 || m < 1 || m > 12 || d < 1 || d > lastDay(y, m)) return undefined;
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return { from: iso, to: iso };
}
const month = (y: number, m: number): Interval | undefined =>
  m >= 1 && m <= 12 && y >= 1950 && y <= 2100 ? { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` } : undefined;

/** Date forms, most specific first; each maps its match to an interval. */
const FORMS: [RegExp, (m: RegExpExecArray) => Interval | undefined][] = [
  [/((?:19|20)\d\d)([-./])(\d{1,2})\2(\d{1,2})(?!\d)/gu, (m) => day(+m[1]!, +m[3]!, +m[4]!)],
  [/((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?/gu, (m) => day(+m[1]!, +m[2]!, +m[3]!)],
  // Day first, as European publishers write it.
  [/(?<!\d)(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)(?!\d)/gu, (m) => day(+m[3]!, +m[2]!, +m[1]!)],
  [/(?<![\dA-Za-z])((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)/gu, (m) => day(+m[1]!, +m[2]!, +m[3]!)],
  [/((?:19|20)\d\d)(?:[-./]|\s*年\s*)(\d{1,2})月?(?![\d])/gu, (m) => month(+m[1]!, +m[2]!)],
  [/(?<!\d)(\d{1,2})[./]((?:19|20)\d\d)(?!\d)/gu, (m) => month(+m[2]!, +m[1]!)],
];
/** A year alone counts only when the cell is years and nothing else (a lot such as 2421 is not a year). */
const YEARS_ONLY = /^(?:\s*(?:MY\s*)?(?:19|20)\d\d\s*(?:-|–|—|至|到|~|～|to|,|;|\n)?)+$/iu;
const CONNECTOR = /(?:\s-\s|–|—|至|到|~|～|\bto\b|\d\s*-\s*\d{1,2}[./])/iu;

export function parseBatch(raw: string | null | undefined): Batch {
  const text = (raw ?? '').normalize('NFKC').trim();
  if (!text) return { dates: [], lots: [] };
  if (YEARS_ONLY.test(text)) {
    const dates = [...text.matchAll(/(?:19|20)\d\d/g)].map(([y]) => ({ from: `${y}-01-01`, to: `${y}-12-31` }));
    const range = dates.length === 2 && CONNECTOR.test(text) ? { from: dates[0]!.from, to: dates[1]!.to } : undefined;
    return { dates, ...(range ? { range } : {}), lots: [] };
  }
  const found: { at: number; interval: Interval }[] = [];
  let rest = text;
  for (const [re, read] of FORMS) {
    rest = rest.replace(re, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const interval = read(m);
      if (!interval) return args[0] as string;
      found.push({ at: args.at(-2) as number, interval });
      return ' '.repeat((args[0] as string).length);
    });
  }
  found.sort((a, b) => a.at - b.at);
  const dates = found.map((f) => f.interval);
  const range = dates.length === 2 && CONNECTOR.test(text) && dates[0]!.from <= dates[1]!.to ? { from: dates[0]!.from, to: dates[1]!.to } : undefined;
  const lots = rest
    .split(/[\s/,;，；、|\\]+/u)
    .map((t) => t.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase())
    .filter((t) => t.length >= 3 && /\d/.test(t) && !/^(?:to|my)$/.test(t));
  return { dates, ...(range ? { range } : {}), lots: [...new Set(lots)] };
}

/**
 * Screening compares each listing's batch with every candidate record's, so the same few texts are
 * parsed again and again (1,000 listings against their candidates: parseBatch was the largest
 * function of a request). Parsed once here; the results are shared, so never changed.
 */
const PARSED_MAX = 20_000;
const parsed = new Map<string, Readonly<Batch>>();
function parsedOnce(text: string): Readonly<Batch> {
  let batch = parsed.get(text);
  if (!batch) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(text, (batch = parseBatch(text)));
  }
  return batch;
}

export type BatchComparison = 'equal' | 'normalised-equal' | 'in-range' | 'different' | 'not-given';

/**
 * A listing's batch against a published one (and the record's parsed production date, when it
 * has one): `equal` as written; `normalised-equal` for the same lot or the same date written
 * otherwise; `in-range` for a date inside the published range or month/year; `different` when
 * both name a date or lot and none agrees; `not-given` when either side names nothing.
 */
export function compareBatch(given: string | undefined, published: string | null | undefined, publishedDate?: string | null): BatchComparison {
  if (!given || (!published && !publishedDate)) return 'not-given';
  if (published && given.trim() === published.trim()) return 'equal';
  const q = parsedOnce(given);
  const parsed = parsedOnce(published ?? '');
  const p = publishedDate ? { ...parsed, dates: [...parsed.dates, { from: publishedDate, to: publishedDate }] } : parsed;
  if (q.dates.length === 0 && q.lots.length === 0) return 'not-given';
  if (p.dates.length === 0 && p.lots.length === 0 && !p.range) return 'not-given';
  const lots = new Set(p.lots);
  if (q.lots.some((l) => lots.has(l))) return 'normalised-equal';
  const exact = q.dates.some((d) => p.dates.some((e) => e.from === d.from && e.to === d.to));
  if (exact) return 'normalised-equal';
  const within = (d: Interval, e: Interval) => d.from >= e.from && d.to <= e.to;
  if (q.dates.some((d) => (p.range && within(d, p.range)) || p.dates.some((e) => within(d, e)))) return 'in-range';
  return 'different';
}
