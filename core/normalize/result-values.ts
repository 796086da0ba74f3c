/**
 * Spot-check verdicts and unqualified-item lists. Verdict words vary by publisher and language;
 * the item list is one cell with several items, sometimes with measured and required values in
 * brackets — which themselves contain commas, so splitting must respect brackets.
 */
import { fail, ok, type ParseResult } from './result.ts';
import { isPlaceholder } from './placeholders.ts';
import { cleanCell, stripInvisible, toHalfWidth } from './text.ts';

export type Verdict = 'qualified' | 'unqualified';

const VERDICTS: Record<string, Verdict> = {
  合格: 'qualified', 合格品: 'qualified', 符合: 'qualified', pass: 'qualified', passed: 'qualified',
  qualified: 'qualified', conform: 'qualified', conforming: 'qualified', conforms: 'qualified',
  不合格: 'unqualified', 不合格品: 'unqualified', 不符合: 'unqualified', fail: 'unqualified',
  failed: 'unqualified', unqualified: 'unqualified', nonconforming: 'unqualified',
  'non-conforming': 'unqualified', nonconform: 'unqualified', 'non-conform': 'unqualified',
};

export function parseResult(s: string): ParseResult<Verdict> {
  const key = toHalfWidth(stripInvisible(s.normalize('NFKC')))
    .replace(/\s+/g, '')
    .replace(/[.。]+$/, '')
    .toLowerCase();
  if (key === '') return fail('result is empty');
  const verdict = VERDICTS[key];
  if (verdict) return ok(verdict);
  return fail(`result "${cleanCell(s)}" is not recognised (expected 合格/不合格 or pass/fail)`);
}

const OPEN = '(（[【〔';
const CLOSE = ')）]】〕';
const SEPARATORS = '、，,;；\n';

/** Split on 、 ， , ; ； and newlines outside brackets; trimmed, no empties, order kept. */
export function splitItems(s: string | null | undefined): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of cleanCell(s)) {
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth = Math.max(0, depth - 1);
    if (depth === 0 && SEPARATORS.includes(c)) {
      items.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  items.push(current);
  return items.map((i) => i.trim()).filter((i) => i !== '');
}

export interface UnqualifiedItem {
  /** The item's name as published, without the safety marker. */
  item: string;
  measured?: string;
  required?: string;
  /** Marked `*` by the publisher: a safety item (安全项目), the marker is a flag, not part of the name. */
  safety?: true;
}

// `闪点（闭口）*`, `*模拟进气阀沉积物质量`, `＊标识`: the announcement's safety-item marker.
const SAFETY_MARK = /^\s*[*＊]+\s*|\s*[*＊]+\s*$/g;

const MEASURED_LABEL = /^(?:实测值|实测|检验结果|检测结果|检验值|检测值|测定值|结果|measured(?:value)?|result)\s*[:：=]?\s*/i;
const REQUIRED_LABEL = /^(?:标准值|标准要求|标准规定|标准指标|标准|要求值|要求|规定值|限值|required|requirement|standard|limit)\s*[:：=]?\s*/i;
const TRAILING_BRACKETS = /^(.+?)\s*[(（]([^()（）]*)[)）]\s*$/;
// Parts inside the brackets are separated by ; or a comma — but not a thousands separator
// (digit, comma, exactly three digits), as in "检验结果：1,200CFU/g".
const PART_SEPARATOR = /[;；]|(?<!\d)[,，]|[,，](?!\d{3}(?!\d))/;

/**
 * "导体电阻(实测值: 0.52Ω/km, 标准值: ≤0.46Ω/km)" → item 导体电阻 with measured and required.
 * Brackets without those labels are part of the item name (e.g. "标签(中文标识)").
 */
export function parseItem(s: string): UnqualifiedItem {
  const marked = cleanCell(s);
  const text = marked.replace(SAFETY_MARK, '');
  const item = parseItemText(text);
  return text !== marked ? { ...item, safety: true } : item;
}

function parseItemText(text: string): UnqualifiedItem {
  const m = TRAILING_BRACKETS.exec(text);
  if (!m) return { item: text };
  const result: UnqualifiedItem = { item: m[1]! };
  const others: string[] = [];
  for (const raw of m[2]!.split(PART_SEPARATOR)) {
    const part = raw.trim();
    const measured = MEASURED_LABEL.exec(part);
    const required = REQUIRED_LABEL.exec(part);
    if (measured && result.measured === undefined && part.length > measured[0].length) {
      result.measured = part.slice(measured[0].length);
    } else if (required && result.required === undefined && part.length > required[0].length) {
      result.required = part.slice(required[0].length);
    } else if (part !== '') {
      others.push(part);
    }
  }
  if (result.measured === undefined && result.required === undefined) return { item: text };
  if (others.length > 0) result.item += `(${others.join(', ')})`;
  return result;
}

/** splitItems + parseItem: the structured form stored on a spot-check record. */
export function parseUnqualifiedItems(s: string | null | undefined): UnqualifiedItem[] {
  return splitItems(s).map(parseItem).filter((i) => i.item !== '' && !isPlaceholder(i.item));
}
