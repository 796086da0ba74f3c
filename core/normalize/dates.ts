/**
 * Dates arrive in every shape Chinese spreadsheets produce: ISO, slashes, dots, 年月日,
 * full-width digits, Excel serial numbers and Date objects from XLSX readers. Everything
 * becomes an ISO calendar date ('YYYY-MM-DD'); impossible dates are rejected, never rolled over.
 */
import { fail, ok, type ParseResult } from './result.ts';
import { cleanCell, stripInvisible, toHalfWidth } from './text.ts';

const MIN_YEAR = 1900;
const MAX_YEAR = 2099;
// Excel serials accepted as dates: 1950-01-01 … 2099-12-31. Small numbers (a quantity, a year
// typed as 2023) are far more likely than a date before 1950 in enforcement records.
const MIN_SERIAL = 18264;
const MAX_SERIAL = 73050;
// 1900 date system: serial 1 = 1900-01-01 and Excel counts a fictitious 1900-02-29 (serial 60),
// so for every serial ≥ 61 the day count is from 1899-12-30. Our range starts well after that.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December'] as const;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Validate calendar parts and format them; the reason names the impossible part. */
export function isoDate(year: number, month: number, day: number): ParseResult<string> {
  const shown = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail(`date ${shown} has a year outside ${MIN_YEAR}–${MAX_YEAR}`);
  }
  if (month < 1 || month > 12) return fail(`impossible date ${shown}: there is no month ${month}`);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return fail(`impossible date ${shown}: ${MONTH_NAMES[month - 1]} ${year} has ${last} days`);
  }
  return ok(shown);
}

function fromExcelSerial(serial: number, shown: string): ParseResult<string> {
  if (!Number.isFinite(serial) || serial < MIN_SERIAL || serial >= MAX_SERIAL + 1) {
    return fail(`"${shown}" is not a date (as an Excel serial number it is outside 1950–2099)`);
  }
  // Fractions are a time of day; the date is the whole-day part.
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * XLSX readers hand out Dates at local midnight or at UTC midnight depending on the library;
 * whichever of the two is exactly midnight is the intended calendar day (UTC otherwise).
 */
function fromDateObject(d: Date): ParseResult<string> {
  if (Number.isNaN(d.getTime())) return fail('invalid Date object');
  const localMidnight = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0
    && d.getMilliseconds() === 0;
  return localMidnight
    ? isoDate(d.getFullYear(), d.getMonth() + 1, d.getDate())
    : isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

// 2023-06-14, 2023/6/14, 2023.06.14, 2023年6月14日, optionally followed by a time of day.
const SEPARATED = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?/;
const TIME_TAIL = /^(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/; // 20230614
const NUMERIC = /^\d+(?:\.\d+)?$/;

export function parseDate(input: string | number | Date): ParseResult<string> {
  if (input instanceof Date) return fromDateObject(input);
  if (typeof input === 'number') return fromExcelSerial(input, String(input));
  const s = toHalfWidth(stripInvisible(input)).trim();
  if (s === '') return fail('date is empty');
  const m = SEPARATED.exec(s);
  if (m && TIME_TAIL.test(s.slice(m[0].length))) {
    return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  const c = COMPACT.exec(s);
  if (c) return isoDate(Number(c[1]), Number(c[2]), Number(c[3]));
  if (NUMERIC.test(s)) return fromExcelSerial(Number(s), s);
  return fail(`"${cleanCell(input)}" is not a recognised date (expected e.g. 2023-06-14, 2023/6/14, 2023年6月14日)`);
}

export interface Batch {
  /** The cell as given (cleaned for display), e.g. "2023-05-02/B230502"; '' for a placeholder such as "/". */
  text: string;
  /** ISO date when the text starts with a whole date. */
  date?: string;
  /** 'YYYY-MM' when the text starts with a year and month only (`2020.12`, `2021.2`, `2021年3月`). */
  month?: string;
}

// A leading date followed by nothing or by a non-digit (so "20230502001" is not a date).
const LEADING_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)|^(\d{4})(\d{2})(\d{2})(?!\d)/;
// `25/09/04`: two-digit year first, as Chinese labels print it (yy/mm/dd).
const SHORT_YEAR_DATE = /^(\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d.])/;
// `2020.12`, `2021.2`, `2021年3月`, `2021-03` and nothing more of a date after it.
const LEADING_MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*月)?(?![\d.\-/]*\d)/;
const NO_BATCH = /^[\s/\\\-—–_]*$|^(?:无|不详|未标注|未标明|未注明)$/;

/**
 * 生产日期/批号 cells mix dates and batch codes; the text is what the publisher wrote and must
 * stay, while a leading production date is also useful as a date (sorting, "made in 2023").
 * Forms seen in real files: `2023-05-02/B230502`, `20231023`, `2023.03.17//`, `2020.12`,
 * `25/09/04`, `2025年5月20日`, Excel dates, and `/` for "no batch printed".
 */
export function parseBatch(s: string | Date | null | undefined): Batch {
  if (s instanceof Date) {
    const r = fromDateObject(s);
    return r.ok ? { text: r.value, date: r.value } : { text: '' };
  }
  const text = cleanCell(s);
  const view = toHalfWidth(text);
  if (NO_BATCH.test(view)) return { text: '' };
  const m = LEADING_DATE.exec(view);
  if (m) {
    const [y, mo, d] = m[1] !== undefined ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
    const r = isoDate(Number(y), Number(mo), Number(d));
    return r.ok ? { text, date: r.value } : { text };
  }
  const short = SHORT_YEAR_DATE.exec(view);
  if (short) {
    const r = isoDate(2000 + Number(short[1]), Number(short[2]), Number(short[3]));
    if (r.ok) return { text, date: r.value };
  }
  const month = LEADING_MONTH.exec(view);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12 && Number(month[1]) >= MIN_YEAR && Number(month[1]) <= MAX_YEAR) {
    return { text, month: `${month[1]}-${pad(Number(month[2]))}` };
  }
  return { text };
}
