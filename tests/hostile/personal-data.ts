/**
 * Personal data planted in an import, and the scan that proves none of it comes out unmasked.
 * The scan is independent of core/normalize/mask.ts: the planted values themselves (in any width,
 * with any separators) and plain patterns for 18-digit resident IDs and mainland mobiles.
 */
import { residentIdCheckChar } from '../../core/normalize/mask.ts';
import { parseUscc } from '../../core/normalize/uscc.ts';

const id18 = (first17: string) => first17 + residentIdCheckChar(first17);
/** The first ID with this prefix whose check character is X (the case masks most often miss). */
function idEndingInX(prefix14: string): string {
  for (let n = 100; n < 1000; n++) {
    const id = id18(`${prefix14}${n}`);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X check character');
}

export const PERSON = '钟离墨';
export const ID_A = id18('11010119900307123');
export const ID_X = idEndingInX('44052419851231');
export const ID_15 = '110101900307123';
export const MOBILE_A = '13812345678';
export const MOBILE_B = '13987654321';
export const MOBILE_C = '15911112222';
export const MOBILE_D = '18600001111';

/** Every planted value as bare digits (or the name): none may appear in any output. */
export const PLANTED = [ID_A, ID_X, ID_15, MOBILE_A, MOBILE_B, MOBILE_C, MOBILE_D, PERSON];

const HEADER = ['行政处罚决定书文号', '当事人名称', '统一社会信用代码', '法定代表人', '违法事实', '处罚内容', '罚款金额', '处罚决定日期', '处罚机关', '来源链接', '联系电话', '身份证号码', `联系人${MOBILE_D}`];

const csvLine = (cells: string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');

/**
 * Penalties with personal data in known fields, free text, unknown columns (even a header),
 * full width, separators and zero-width spaces; plus a formula-like party name.
 */
export function plantedPenaltiesCsv(tag: string): string {
  const authority = '青岚市市场监督管理局';
  const rows = [
    // A natural person: the name is masked, and the numbers wherever they are.
    [`青岚市监罚〔2024〕${tag}1号`, PERSON, '', '', `当事人${PERSON}（公民身份号码${ID_X}，手机 ${MOBILE_A}、+86 139-8765-4321）销售不合格电热毯。`, '警告，罚款', '3000', '2024-05-06', authority, `http://example.gov.cn/case?tel=${MOBILE_A}&id=${ID_A}`, '１５９１１１１２２２２', ID_15, `186\u200B0000\u200B1111`],
    // A company whose legal representative's ID was pasted into the record.
    [`青岚市监罚〔2024〕${tag}2号`, `青岚钟离${tag}测试五金店`, '', `赵某 身份证${ID_A}`, `经营者联系电话${MOBILE_C}，身份证号${ID_A.slice(0, 6)} ${ID_A.slice(6, 14)} ${ID_A.slice(14)}。`, '罚款', '8000', '2024-05-07', authority, '', MOBILE_B, '', ''],
    // Formula injection in a name and the facts: stored as text, neutralized in every CSV.
    [`青岚市监罚〔2024〕${tag}3号`, `=cmd|' /C calc'!A0 青岚${tag}公司`, '', '', '+SUM(1,2) @A1 -3', '罚款', '100', '2024-05-08', authority, '', '', '', ''],
  ];
  return `\uFEFF${[HEADER, ...rows].map(csvLine).join('\r\n')}\r\n`;
}

/** A file whose only row is bad, with personal data in the bad cells: the error report echoes them. */
export function badRowCsv(tag: string): string {
  return `\uFEFF${csvLine(HEADER)}\r\n${csvLine([`青岚市监罚〔2024〕${tag}9号`, PERSON, `${ID_A}`, '', '', '罚款', MOBILE_A, ID_X, '', '', '', '', ''])}\r\n`;
}

/** Full width to half width, invisible characters and digit separators out: how a reader would see the digits. */
function canonical(text: string): string {
  return text.normalize('NFKC').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').replace(/(?<=\d)[\s\-–—.]+(?=\d)/g, '');
}

const ID_PATTERN = /(?<![0-9A-Z])[1-8]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX](?![0-9A-Z])/gi;
const MOBILE_PATTERN = /(?<![0-9A-Z])(?:\+?86)?1[3-9]\d{9}(?![0-9A-Z])/gi;

/** What in `text` is unmasked personal data: planted values, or anything shaped like an ID or a mobile. */
export function unmaskedIn(text: string): string[] {
  const seen = canonical(text);
  const found = PLANTED.filter((value) => seen.includes(value));
  // A company's credit code can look like an ID; the planted IDs are checked above regardless.
  for (const m of seen.matchAll(ID_PATTERN)) if (!parseUscc(m[0]).ok) found.push(`ID-shaped ${m[0]}`);
  for (const m of seen.matchAll(MOBILE_PATTERN)) found.push(`mobile-shaped ${m[0]}`);
  return found;
}
