import { normalizeName } from '../core/normalize/text.ts';

/**
 * What a row below the header is. Real tables carry more than data rows: a section row merged
 * across the table names the product kind of the rows below it (`1、柴油机油、汽油机油`, `一、不合格产品`),
 * a footnote closes it (`注：带*为安全项目`), a totals row sums it (`合计`), and a table printed over
 * several pages repeats its header. Only data rows become records; the others are reported.
 */
export type RowKind =
  | { kind: 'data' }
  | { kind: 'section'; text: string }
  | { kind: 'footnote'; text: string }
  | { kind: 'total'; text: string }
  | { kind: 'header' };

const FOOTNOTE = /^(?:注|备注|说明|附注|附件|备|※|[*＊]|来源|数据来源|资料来源|填表|制表|以下空白|此页无正文)/;
const TOTAL = /^(?:合计|总计|小计|共计)/;
// `1、`, `一、`, `（二）`, `3.`, `第一部分` in front of a section's name.
const ENUMERATOR = /^\s*(?:第[一二三四五六七八九十\d]+(?:部分|类)[、.．:：\s]?|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．:：\s])\s*/;

const ENUM_PREFIX = '(?:[（(]?[一二三四五六七八九十\\d]+[)）]?[、.．]?)?';

const headerKey = (s: string) => normalizeName(s).replace(/[_\s]/g, '');

/**
 * Classifies one row of a table. `headers` are the table's resolved header names, `values` the
 * row's cells in column order. A section row has exactly one filled cell, in one of the first two
 * columns (a merged cell keeps its text in its top-left cell); a row with one filled cell further
 * right is data (a continuation whose other cells were merged from above).
 */
export function classifyRow(headers: string[], values: string[]): RowKind {
  const filled = values.map((v, i) => [v.trim(), i] as const).filter(([v]) => v !== '');
  if (filled.length >= 2) {
    const keys = new Set(headers.filter(Boolean).map(headerKey));
    const repeats = filled.filter(([v]) => keys.has(headerKey(v))).length;
    return repeats >= 2 && repeats * 2 >= filled.length ? { kind: 'header' } : { kind: 'data' };
  }
  if (filled.length === 0 || headers.filter(Boolean).length < 3) return { kind: 'data' };
  const [text, column] = filled[0]!;
  if (FOOTNOTE.test(text)) return { kind: 'footnote', text };
  if (TOTAL.test(text)) return { kind: 'total', text };
  if (column > 1 || /^\d+$/.test(text)) return { kind: 'data' };
  return { kind: 'section', text };
}

/** The product kind or list a section row names: `1、柴油机油、汽油机油` → 柴油机油、汽油机油. */
export function sectionName(text: string): string {
  return text.replace(ENUMERATOR, '').replace(/[:：。]\s*$/, '').trim();
}

/** Whether a section or a title names the list's result: 不合格产品(名单) or 合格产品(名单). */
export function resultNamedBy(text: string | undefined): 'unqualified' | 'qualified' | undefined {
  if (!text) return undefined;
  const t = text.replace(/\s+/g, '');
  if (/合格(?:及|和|与|、|\/)不合格|不合格(?:及|和|与|、|\/)合格/.test(t)) return undefined;
  const list = '(?:名单|名录|清单|信息|明细|汇总|情况|一览表)';
  if (new RegExp(`不合格.{0,12}?${list}|不合格(?:产品|商品|样品)$|^${ENUM_PREFIX}不合格`).test(t)) return 'unqualified';
  if (new RegExp(`(?<!不)合格.{0,12}?${list}|(?<!不)合格(?:产品|商品|样品)$|^${ENUM_PREFIX}合格|符合.{0,8}?(?:产品|商品)|通过.{0,12}?名单`).test(t)) return 'qualified';
  return undefined;
}
