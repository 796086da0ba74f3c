/**
 * What publishers put in a cell when there is nothing to say: `/`, `—`, `无`, `不详`, `（图形）`…
 * Such a cell is not a name, a brand, a model or a batch, and must never become one (an enterprise
 * called "/" or a brand "图形" would collect unrelated records). The published text stays readable
 * where it is shown; these helpers only decide what it means.
 */
import { stripInvisible, toHalfWidth } from './text.ts';

const NOTHING = new Set([
  '', '/', '//', '\\', '-', '--', '—', '——', '–', '_', '无', '暂无', '没有', '空', '不详', '未知', '未标注', '未标明', '未标识',
  '未注明', '未提供', '不适用', 'n/a', 'na', 'none', 'null', '*', '…', '...', '——/', '/——',
]);

/** Trademark words that describe a graphic mark, not a name: `图形＋静魔` names 静魔. */
const GRAPHIC = /^(?:图形|图案|图形商标|图文|图标|标志|logo|字母|文字|拼音|英文|中文)$/i;

const key = (s: string) =>
  toHalfWidth(stripInvisible(s.normalize('NFKC')))
    .replace(/\s+/g, '')
    .replace(/^[(\[【]+|[)\]】]+$/g, '')
    .toLowerCase();

/** True when the cell says "nothing": a dash, a slash, 无, 不详. */
export function isPlaceholder(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  const k = key(value);
  return NOTHING.has(k) || /^[\s/\\\-—–_*·.。]+$/.test(k);
}

/** True for a brand cell that names no word mark: a placeholder or only a graphic (`（图形）`). */
export const isGraphicOnly = (brand: string) => isPlaceholder(brand) || GRAPHIC.test(key(brand));

/**
 * The word marks a brand cell names, without placeholders: `图形＋图文＋赛龙` → [赛龙],
 * `（图形）` → [], `MAPATON 迈巴顿` → [MAPATON 迈巴顿], `/` → []. Marks joined by ＋, +, 、, / or ;
 * are separate marks.
 */
export function brandNames(brand: string | null | undefined): string[] {
  if (!brand || isGraphicOnly(brand)) return [];
  return brand
    .split(/[+＋、/／;；]/)
    .map((part) => part.replace(/[(（][^()（）]*(?:图形|图案)[^()（）]*[)）]/g, '').trim())
    .filter((part) => part !== '' && !isGraphicOnly(part));
}
