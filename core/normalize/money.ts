/**
 * Fine and confiscation amounts, stored as yuan with at most 2 decimals. Publishers write
 * "12,345.60", "1.2万", full-width digits, or put amounts in a 万元 column; all become yuan.
 * Arithmetic is done on decimal strings (BigInt cents) so 0.1万 is exactly 1000, not 999.9999.
 */
import { fail, ok, type ParseResult } from './result.ts';
import { stripInvisible, toHalfWidth } from './text.ts';

const UNIT_SCALE: Record<string, number> = { '': 0, 万: 4, 万元: 4, 亿: 8, 亿元: 8, 元: 0 };
// Cells meaning "nothing stated": empty, dashes, slashes, 无.
const NONE = /^(?:[-—–/\\]+|无|nil|n\/?a|none)?$/i;
const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const MAX_YUAN = 1e13; // beyond any real fine; catches pasted IDs and shifted columns

/** Does the header declare the column in 万元 (e.g. 罚款金额（万元）)? */
export function headerIsTenThousandYuan(header: string): boolean {
  return header.normalize('NFKC').includes('万元');
}

/** Exact decimal → yuan rounded half-up to 2 decimals, after shifting by 10^scale. */
function toYuan(intPart: string, frac: string, scale: number): number {
  const shifted = intPart + frac.slice(0, scale).padEnd(scale, '0');
  const rest = frac.slice(scale);
  let cents = BigInt(shifted + rest.slice(0, 2).padEnd(2, '0'));
  if ((rest.charAt(2) || '0') >= '5') cents += 1n;
  return Number(cents) / 100;
}

/**
 * Parse an amount cell. Empty (or "-", "/", 无) → ok(null): not stated, which differs from 0.
 * An explicit unit in the value (1.2万, 500元) wins over the header's unit.
 */
export function parseAmount(
  value: string | number | null | undefined,
  header = '',
): ParseResult<number | null> {
  if (value === null || value === undefined) return ok(null);
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail(`amount ${value} is not a number`);
    // toFixed avoids exponent notation; 6 places is far below the 2 we keep.
    s = Math.abs(value) < 1e15 ? value.toFixed(6) : String(value);
  } else {
    s = toHalfWidth(stripInvisible(value.normalize('NFKC')));
  }
  s = s.replace(/\s+/g, '').replace(/^[¥￥]|^RMB|^CNY/i, '');
  if (NONE.test(s)) return ok(null);
  if (s.startsWith('-')) return fail(`amount "${s}" is negative`);
  const unit = /(万元|万|亿元|亿|元)$/.exec(s)?.[1] ?? '';
  const number = s.slice(0, s.length - unit.length);
  const m = NUMBER.exec(number);
  if (!m) {
    const hint = /^\d+(?:,\d+)+$/.test(number) ? ' (thousands separators must group 3 digits)' : '';
    return fail(`"${typeof value === 'string' ? value.trim() : value}" is not an amount${hint}`);
  }
  const scale = unit === '' && headerIsTenThousandYuan(header) ? 4 : UNIT_SCALE[unit]!;
  const yuan = toYuan(m[1]!.replace(/,/g, '').replace(/^0+(?=\d)/, ''), m[2] ?? '', scale);
  if (yuan > MAX_YUAN) return fail(`amount "${s}" is implausibly large (${yuan} yuan)`);
  return ok(yuan);
}

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 貳: 2, 两: 2, 三: 3, 叁: 3, 參: 3, 四: 4, 肆: 4, 五: 5, 伍: 5,
  六: 6, 陆: 6, 陸: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_BIG: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** 壹万贰仟元 → 12000, 一千七百 → 1700, 十五 → 15; undefined when it is not a Chinese numeral. */
export function chineseNumeral(text: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const c of text) {
    if (c in CN_DIGITS) digit = CN_DIGITS[c];
    else if (c in CN_UNITS) {
      section += (digit ?? 1) * CN_UNITS[c]!;
      digit = undefined;
    } else if (c in CN_BIG) {
      total = (total + section + (digit ?? 0)) * CN_BIG[c]!;
      section = 0;
      digit = undefined;
    } else return undefined;
  }
  const value = total + section + (digit ?? 0);
  return text.length > 0 ? value : undefined;
}

const AMOUNT = String.raw`(\d[\d,，]*(?:\.\d+)?|[零〇一壹二贰貳两三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億]+)\s*(万元|万|元)`;
// 罚款1700元, 罚款人民币1.2万元, 罚款：2000元, 并处罚款叁仟元 — and 处以1000元罚款, 处5000元的罚款.
const FINE_AFTER = new RegExp(String.raw`罚款(?:金额)?\s*[:：]?\s*(?:人民币|RMB|￥|¥)?\s*${AMOUNT}`, 'g');
const FINE_BEFORE = new RegExp(String.raw`(?:处以?|并处)\s*(?:人民币|￥|¥)?\s*${AMOUNT}\s*(?:的)?罚款`, 'g');
const FINE_TOTAL = new RegExp(String.raw`罚款(?:共计|合计|总计)\s*[:：]?\s*(?:人民币)?\s*${AMOUNT}`);
const GAINS = new RegExp(String.raw`没收(?:其)?违法所得(?:金额|款)?\s*[:：]?\s*(?:人民币|￥|¥)?\s*${AMOUNT}`, 'g');

function amountOf(number: string, unit: string): number | undefined {
  const n = /\d/.test(number) ? Number(toHalfWidth(number).replace(/[,，]/g, '')) : chineseNumeral(number.replace(/元$/, ''));
  if (n === undefined || !Number.isFinite(n)) return undefined;
  const yuan = unit.startsWith('万') ? n * 10_000 : n;
  return Math.round(yuan * 100) / 100;
}

function sumOf(text: string, patterns: RegExp[]): number | null {
  let total = 0;
  let found = false;
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const yuan = amountOf(m[1]!, m[2]!);
      if (yuan === undefined) continue;
      total += yuan;
      found = true;
    }
  }
  return found ? Math.round(total * 100) / 100 : null;
}

/**
 * Fines and confiscated gains written only inside the penalty text (行政处罚内容): `罚款1700元`,
 * `罚款人民币1.2万元`, `没收违法所得96元`, `处以叁仟元罚款`. Several fines in one decision are
 * added up, unless the text states their total. null means the text states no amount: the
 * amount is "not published", which is not the same as 0.
 */
export function amountsInText(text: string | null | undefined): { fine: number | null; confiscated: number | null } {
  if (!text) return { fine: null, confiscated: null };
  const s = toHalfWidth(text.normalize('NFKC'));
  const total = FINE_TOTAL.exec(s);
  const fine = total ? (amountOf(total[1]!, total[2]!) ?? null) : sumOf(s, [FINE_AFTER, FINE_BEFORE]);
  return { fine, confiscated: sumOf(s, [GAINS]) };
}
