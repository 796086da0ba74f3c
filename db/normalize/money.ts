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
