/**
 * Parties named in one cell, with their roles. Regulators annotate names in the cell itself:
 * `宁波某某有限公司(标称)`, `A公司(标称)/B公司(标称经销商)`, `C公司(标称进口商)`,
 * `D公司（委托E公司生产）`, `委托方：F公司 受托方：G公司`, and make typing slips such as a stray
 * closing bracket (`伍尔特（中国）有限公司）`). Each party comes out with its clean name (never
 * with an annotation: the name is what links it to its enterprise profile), its role, and the
 * annotation as published. Brackets that are part of a name (`乔丹(厦门)实业有限公司`) stay.
 */
import { isPlaceholder } from './placeholders.ts';
import { cleanCell } from './text.ts';

/** Who a party is for the product: made it (manufacturer, producer) or only handled it. */
export const PARTY_ROLES = ['manufacturer', 'producer', 'importer', 'distributor', 'sampled', 'party', 'holder'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Roles under which an enterprise made the product: its verdict counts these records. */
export const MAKER_ROLES: readonly PartyRole[] = ['manufacturer', 'producer'];

export interface NamedParty {
  name: string;
  role: PartyRole;
  /** The annotation as published (标称经销商, 受托方…), when the cell had one. */
  annotation?: string;
}

/** Annotation words → the role they give the party they follow. First match wins. */
const ANNOTATION_ROLES: [RegExp, PartyRole][] = [
  [/进口/, 'importer'],
  [/经销|代理|销售|分销|总经销/, 'distributor'],
  [/受托|被委托|代工|加工方|实际生产/, 'producer'],
  [/委托|标称|制造|生产|出品|监制|品牌|商标/, 'manufacturer'],
  [/被抽样|受检|被检/, 'sampled'],
];
const ANNOTATION = /标称|标示|经销|进口|代理|销售|分销|委托|受托|代工|制造|生产|出品|监制|品牌|商标|被抽样|受检|被检/;

const OPEN = '(（[【〔';
const CLOSE = ')）]】〕';

/** Drops closing brackets that close nothing and opening ones never closed (typing slips). */
export function balanceBrackets(s: string): string {
  const chars = [...s];
  const keep = chars.map(() => true);
  const open: number[] = [];
  chars.forEach((c, i) => {
    if (OPEN.includes(c)) open.push(i);
    else if (CLOSE.includes(c)) {
      if (open.length) open.pop();
      else keep[i] = false;
    }
  });
  for (const i of open) keep[i] = false;
  return chars.filter((_, i) => keep[i]).join('').trim();
}

const trimName = (s: string) => balanceBrackets(s.replace(/^[\s:：,，;；、]+|[\s:：,，;；、。]+$/g, ''));

/** The role an annotation gives, or undefined when the bracket is part of the name (a region…). */
function roleOfAnnotation(text: string): PartyRole | undefined {
  if (!ANNOTATION.test(text)) return undefined;
  return ANNOTATION_ROLES.find(([pattern]) => pattern.test(text))?.[1];
}

// `委托方：A`, `受托方:B`, `标称生产者：C`, `经销商：D` — a label before a name.
const LABELLED = /(委托方|委托单位|委托企业|委托商|受托方|受托单位|受托企业|受托生产企业|受托生产商|生产商|生产者|制造商|标称生产者|标称生产企业|经销商|进口商|代理商)\s*[:：]\s*/g;

/** `X（委托Y生产）`, `X（受托方：Y）`, `X（受Y委托）`: the second party named inside the bracket. */
const INNER_PARTY: [RegExp, PartyRole, PartyRole][] = [
  // [pattern (group 1 = other party), role of X, role of the other]
  [/^(?:委托方|委托单位|委托企业)\s*[:：]\s*(.+)$/, 'producer', 'manufacturer'],
  [/^(?:受托方|受托单位|受托企业|受托生产企业|受托生产商|生产商|实际生产企业|生产企业)\s*[:：]\s*(.+)$/, 'manufacturer', 'producer'],
  [/^委托\s*(.+?)\s*(?:生产|加工|代工)?$/, 'manufacturer', 'producer'],
  [/^受\s*(.+?)\s*委托(?:生产|加工)?$/, 'producer', 'manufacturer'],
  [/^受托于\s*(.+)$/, 'producer', 'manufacturer'],
];

/** The text inside `（委托…生产）` names a party, not just the role (`委托方`, `受托生产`). */
function isOtherParty(text: string): boolean {
  const t = trimName(text);
  return !isPlaceholder(t) && [...t].length >= 2 && t.replace(new RegExp(ANNOTATION.source, 'g'), '').replace(/[方商者单位企业]/g, '').length >= 2;
}

/** Splits a cell naming several parties: `A(标称)/B(标称经销商)`, or names on separate lines. */
function splitParties(cell: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of cell) {
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth = Math.max(0, depth - 1);
    if (depth === 0 && /[/／;；\n]/.test(c)) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** One name with at most one trailing annotation. */
function parseOne(text: string, defaultRole: PartyRole): NamedParty[] {
  const name = trimName(text);
  if (isPlaceholder(name)) return [];
  // The last bracket, when it closes the text: the annotation candidate.
  const m = /^(.*?)[(（[【〔]([^()（）[\]【】〔〕]*)[)）\]】〕]\s*$/.exec(name);
  if (m && m[1]!.trim() !== '') {
    const base = trimName(m[1]!);
    const inner = m[2]!.trim();
    for (const [pattern, own, other] of INNER_PARTY) {
      const found = pattern.exec(inner);
      if (found && isOtherParty(found[1]!)) {
        return [
          { name: base, role: own, annotation: inner },
          ...parseOne(found[1]!, other).map((p) => ({ ...p, annotation: p.annotation ?? inner })),
        ];
      }
    }
    const role = roleOfAnnotation(inner);
    if (role && !isPlaceholder(base)) return [{ name: base, role, annotation: inner }];
  }
  return [{ name, role: defaultRole }];
}

/**
 * Every party a cell names. `defaultRole` is the column's own meaning (the 标称生产企业 column names
 * manufacturers, the 受检单位 column sampled units); annotations override it per party.
 */
export function parseParties(cell: string | null | undefined, defaultRole: PartyRole): NamedParty[] {
  const text = cleanCell(cell ?? '');
  if (isPlaceholder(text)) return [];
  // Labelled form: `委托方：A 受托方：B`.
  const labels = [...text.matchAll(LABELLED)];
  if (labels.length && labels[0]!.index === 0) {
    return labels.flatMap((label, i) => {
      const end = labels[i + 1]?.index ?? text.length;
      const value = text.slice(label.index + label[0].length, end);
      const role = roleOfAnnotation(label[1]!) ?? defaultRole;
      return parseOne(value, role).map((p) => ({ ...p, role: p.annotation ? p.role : role, annotation: p.annotation ?? label[1] }));
    });
  }
  const seen = new Set<string>();
  return splitParties(text)
    .flatMap((part) => parseOne(part, defaultRole))
    .filter((p) => {
      const k = `${p.role}|${p.name}`;
      return !seen.has(k) && seen.add(k);
    });
}

/** Words that mark an organisation rather than a natural person. */
export const ORGANISATION_WORDS = /(公司|厂|店|部|中心|合作社|商行|集团|企业|研究院|研究所|工作室|经营|门市|超市|作坊|医院|学校|商场|市场|行|社|馆|所|站|处)/;

/**
 * A party named like a person (two to four Chinese characters, no organisation word): an
 * individual trader, whose name is personal data and is masked at import (Order 45).
 */
export const isPersonName = (name: string) => /^[\u4e00-\u9fff·]{2,4}$/.test(name) && !ORGANISATION_WORDS.test(name);

/** Words that end the name of an organisation (as opposed to a person or a placeholder). */
const ORGANISATION = /(公司|厂|店|部|中心|合作社|商行|集团|企业|研究院|研究所|工作室|经营部|门市|超市|作坊|医院|学校|商店|批发部|药房|社|馆|所|场|站|处|行|院|会)$/;

/**
 * Whether a name names one real organisation that can have a profile: typical cases often
 * anonymise their parties (`某电缆有限公司`, `李某`, `XX公司`), and those must link to nothing.
 */
export function isNamedOrganisation(name: string): boolean {
  const s = cleanCell(name);
  if (s.length < 4 || /某|\*|＊|×|ｘ|XX|xx|××|○○|〇〇/.test(s)) return false;
  return ORGANISATION.test(s);
}
