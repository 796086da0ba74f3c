import { normalizeName } from '../normalize/text.ts';

export interface HeaderMap {
  /** file header → field name */
  fields: Map<string, string>;
  /** file headers no field claims: kept in the record's `extra` */
  unknown: string[];
  /** fields whose header says the amount is in 万元 (10,000 yuan) */
  tenThousandYuan: Set<string>;
}

/** Headers compare after width, case, space and bracket normalization: （元） and (元) are the same. */
const key = (header: string) => normalizeName(header).replace(/[_\s]/g, '');

/**
 * Matches a file's headers to fields by name, in Chinese or English, in any order.
 * The first header that matches a field wins; a later duplicate is treated as unknown.
 */
export function mapHeaders(fileHeaders: string[], aliases: Record<string, string[]>): HeaderMap {
  const byAlias = new Map<string, string>();
  for (const [field, names] of Object.entries(aliases)) {
    for (const name of names) if (!byAlias.has(key(name))) byAlias.set(key(name), field);
  }
  const fields = new Map<string, string>();
  const claimed = new Set<string>();
  const unknown: string[] = [];
  const tenThousandYuan = new Set<string>();
  for (const header of fileHeaders) {
    const field = byAlias.get(key(header));
    if (field && !claimed.has(field)) {
      fields.set(header, field);
      claimed.add(field);
      if (header.includes('万元')) tenThousandYuan.add(field);
    } else {
      unknown.push(header);
    }
  }
  return { fields, unknown, tenThousandYuan };
}
