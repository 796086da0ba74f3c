/**
 * Header detection. Regulators' sheets often open with a title row merged across all columns
 * ("2023年第12号 电线电缆产品质量国家监督抽查结果") and a note or two before the header, and
 * group columns under a merged parent cell in a two-row header (标称生产企业 over 名称 | 地址).
 */
// The comparison key of header names is the header mapper's, so a header found here is one it maps.
import { headerKey } from './map-headers.ts';
import type { RawRow } from './read-common.ts';

/**
 * Index of the header row among `rows` (cells trimmed): the first row in which at least half
 * of the non-empty cells are known header names; failing that, the row with the most known
 * names; failing that, the first row. Rows with a single non-empty cell (titles, notes) are
 * passed over unless every row has one. -1 when there are no rows.
 */
export function chooseHeaderRow(rows: string[][], knownHeaders: Set<string>): number {
  const known = new Set([...knownHeaders].map(headerKey));
  const filled = rows.map((row) => row.filter((cell) => cell.trim() !== ''));
  const wide = filled.some((cells) => cells.length >= 2);
  let best = -1;
  let bestScore = 0;
  for (const [i, cells] of filled.entries()) {
    if (wide && cells.length < 2) continue;
    const score = cells.filter((cell) => known.has(headerKey(cell))).length;
    if (score > 0 && score * 2 >= cells.length) return i;
    if (score > bestScore || best < 0) [best, bestScore] = [i, score];
  }
  return best;
}

/**
 * Whether `child` is the lower row of a two-row header under `parent`. Without merge
 * information (a streaming reader sees it only after the rows), a merged parent is a header
 * cell followed by empty header cells; the child row qualifies when all its cells sit under
 * such parents, at least one in a column the parent spans, and some other header (序号,
 * 产品名称, merged down over both rows) has nothing below it.
 */
function isSubHeader(parent: string[], child: string[]): boolean {
  const width = Math.max(parent.length, child.length);
  const filled = (row: string[], c: number) => (row[c] ?? '') !== '';
  if (parent.filter((cell) => cell !== '').length < 2) return false; // a title row
  let underSpan = false;
  let vertical = false;
  let start = -1; // column of the parent cell covering column c
  for (let c = 0; c < width; c++) {
    if (filled(parent, c)) start = c;
    const spans = start >= 0 && (c > start || (c + 1 < width && !filled(parent, c + 1)));
    if (filled(child, c) && !spans) return false;
    if (filled(child, c) && c > start) underSpan = true;
    if (filled(parent, c) && !spans && !filled(child, c)) vertical = true;
  }
  return underSpan && vertical;
}

/**
 * Header names of a two-row header: a child alone when it is a known header and parent +
 * child is not; otherwise parent + child, so 名称 | 地址 under 标称生产企业 become
 * 标称生产企业名称 | 标称生产企业地址, while 不合格项目名称 under 主要不合格项目 stays as is.
 */
function joinHeaders(parent: string[], child: string[], known: Set<string>): string[] {
  const width = Math.max(parent.length, child.length);
  let current = '';
  return Array.from({ length: width }, (_, c) => {
    if (parent[c]) current = parent[c]!;
    const sub = child[c] ?? '';
    if (!sub) return parent[c] ?? '';
    const joined = `${current}${sub}`;
    return known.has(headerKey(sub)) && !known.has(headerKey(joined)) ? sub : joined;
  });
}

/** A cell as header detection sees it: trimmed, without layout line breaks; a cell filled from above is empty. */
export const headerTexts = (row: RawRow) =>
  row.values.map((v, i) => (row.fromAbove?.[i] ? '' : v.replace(/^\uFEFF/, '').trim().replace(/\s*[\r\n]+\s*/g, '')));

/** Where the header is among the first rows: its names, its top row and the first row below it. */
export function resolveHeader(rows: RawRow[], known: Set<string>): { headers: string[]; top: number; dataStart: number } {
  // A line break inside a header cell (标称生产企业⏎名称) is layout, not part of the name.
  const texts = rows.map(headerTexts);
  const h = chooseHeaderRow(texts, known);
  const above = texts[h - 1];
  const below = texts[h + 1];
  if (above && isSubHeader(above, texts[h]!)) return { headers: joinHeaders(above, texts[h]!, known), top: h - 1, dataStart: h + 1 };
  if (below && isSubHeader(texts[h]!, below)) return { headers: joinHeaders(texts[h]!, below, known), top: h, dataStart: h + 2 };
  return { headers: texts[h]!, top: h, dataStart: h + 1 };
}

/**
 * Whether the first rows look like a header of this record type: a row with two or more known
 * header names. One is not enough: a cover sheet titled 说明 (itself a header name, of the remarks
 * column) or a row of 项目 | 说明 is no table of records.
 */
export const hasKnownHeader = (rows: RawRow[], known: Set<string>) =>
  known.size > 0 && rows.some((row) => headerTexts(row).filter((cell) => cell !== '' && known.has(headerKey(cell))).length >= 2);
