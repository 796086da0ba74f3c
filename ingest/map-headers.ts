import { headerKey } from '../core/normalize/header-key.ts';

export { headerKey };

export interface HeaderMap {
  /** file header → field name */
  fields: Map<string, string>;
  /**
   * Later headers of a field an earlier header claimed (file header → field): read on a row where
   * the first is empty, as in a JSON file that mixes record shapes (`manufacturers` / `manufacturer`).
   */
  fallbacks: Map<string, string>;
  /** file headers no field claims: kept in the record's `extra` */
  unknown: string[];
  /** Unmapped headers that name a party, a product or a date: each is a warning in the report. */
  suspicious: string[];
  /** fields whose header says the amount is in 万元 (10,000 yuan) */
  tenThousandYuan: Set<string>;
}

/** Headers a record type has no field for and nobody needs to be told about: kept in `extra`. */
const ORDINARY = /^(?:序号|编号|样品编号|抽样单编号|报告编号|检验报告编号|批次号|数据来源|数据来源单位|数据来源单位统一社会信用代码|处罚机关统一社会信用代码|更新时间|备案号|索引号|id)$/;

/** What an unmapped column that a user would expect to be read looks like. */
const MEANINGFUL = /企业|单位|公司|厂|生产|制造|经销|进口|销售|当事人|相对人|名称|产品|商品|样品|日期|时间|批号|批次|代码|结果|结论|项目|金额|罚款|许可|证书/;

/**
 * Matches a file's headers to fields by name, in Chinese or English, in any order.
 * The first header that matches a field wins; a later one is its fallback.
 */
export function mapHeaders(fileHeaders: string[], aliases: Record<string, string[]>): HeaderMap {
  const byAlias = new Map<string, string>();
  for (const [field, names] of Object.entries(aliases)) {
    for (const name of names) if (!byAlias.has(headerKey(name))) byAlias.set(headerKey(name), field);
  }
  const fields = new Map<string, string>();
  const fallbacks = new Map<string, string>();
  const claimed = new Set<string>();
  const unknown: string[] = [];
  const suspicious: string[] = [];
  const tenThousandYuan = new Set<string>();
  for (const header of fileHeaders) {
    if (header === '') continue;
    const field = byAlias.get(headerKey(header));
    if (field && !claimed.has(field)) {
      fields.set(header, field);
      claimed.add(field);
      if (header.normalize('NFKC').includes('万元')) tenThousandYuan.add(field);
    } else if (field && !fields.has(header)) {
      fallbacks.set(header, field);
    } else {
      unknown.push(header);
      if (!ORDINARY.test(headerKey(header)) && MEANINGFUL.test(header)) suspicious.push(header);
    }
  }
  return { fields, fallbacks, unknown, suspicious, tenThousandYuan };
}
