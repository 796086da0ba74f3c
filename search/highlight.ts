import { isGenericNamePart } from '../core/text/company.ts';

/**
 * Meilisearch marks every query token it matched, and for Chinese a token is often a single
 * character or a piece of a legal form: 翊驰卫生用品有限责任公司 comes back as
 * [翊][驰][卫生][用品][有限][责任][公司], and a prefix match as [cable]s. Shown as is, a page
 * highlights lone 有限 and 公司 in every result. This module turns Meilisearch's `_formatted`
 * text into the marks a reader expects, in one place: whole words, one mark per matched run.
 */

// Sentinels that cannot occur in stored text; they become <mark> after the text is escaped.
export const PRE = '\u0001';
export const POST = '\u0002';

interface Piece {
  text: string;
  marked: boolean;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const HAN = /\p{Script=Han}/gu;
/** Letters and digits of alphabetic scripts: a word a mark must not cut (Han text has no such words). */
const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c) && !/\p{Script=Han}/u.test(c);

function pieces(raw: string): Piece[] {
  const out: Piece[] = [];
  let marked = false;
  for (const part of raw.split(/([\u0001\u0002])/)) {
    if (part === PRE) marked = true;
    else if (part === POST) marked = false;
    else if (part !== '') out.push({ text: part, marked });
  }
  return out;
}

/** Neighbours of the same kind become one piece; a mark followed by a mark is one mark. */
function joined(list: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of list) {
    const last = out.at(-1);
    if (last && last.marked === p.marked) last.text += p.text;
    else if (p.text !== '') out.push({ ...p });
  }
  return out;
}

/** A mark that starts or ends inside a Latin word grows to the whole word (cable|s → cables). */
function wholeWords(list: Piece[]): Piece[] {
  const out = list.map((p) => ({ ...p }));
  for (let i = 0; i < out.length; i++) {
    const mark = out[i]!;
    if (!mark.marked) continue;
    const before = out[i - 1];
    if (before && !before.marked && isWordChar(mark.text[0])) {
      let take = 0;
      while (take < before.text.length && isWordChar(before.text[before.text.length - 1 - take])) take++;
      mark.text = before.text.slice(before.text.length - take) + mark.text;
      before.text = before.text.slice(0, before.text.length - take);
    }
    const after = out[i + 1];
    if (after && !after.marked && isWordChar(mark.text.at(-1))) {
      let take = 0;
      while (take < after.text.length && isWordChar(after.text[take])) take++;
      mark.text += after.text.slice(0, take);
      after.text = after.text.slice(take);
    }
  }
  return joined(out);
}

/** Marks separated only by spaces are one run (<mark>Lanyao Cable</mark>, not two marks). */
function spacesJoined(list: Piece[]): Piece[] {
  const out = list.map((p) => ({ ...p }));
  for (let i = 1; i + 1 < out.length; i++) {
    if (!out[i]!.marked && out[i - 1]!.marked && out[i + 1]!.marked && /^[ \u3000]+$/.test(out[i]!.text)) out[i]!.marked = true;
  }
  return joined(out);
}

/**
 * Marks that say nothing about the query lose their mark: legal forms and generic words (有限,
 * 公司, 科技…) unless the query itself is only such words, and a single Han character when the
 * query has more than one (翊 of 翊坤 for 翊驰…: a shared character is not a match).
 */
function meaningful(list: Piece[], query: string): Piece[] {
  const compact = query.replace(/\s+/g, '');
  const genericQuery = isGenericNamePart(compact);
  const hanInQuery = compact.match(HAN)?.length ?? 0;
  return joined(
    list.map((p) => {
      if (!p.marked) return p;
      const lone = hanInQuery > 1 && [...p.text.trim()].length === 1 && /\p{Script=Han}/u.test(p.text);
      return lone || (!genericQuery && isGenericNamePart(p.text)) ? { ...p, marked: false } : p;
    }),
  );
}

/** The pieces of a `_formatted` value as the reader should see them marked. */
export function highlightPieces(raw: string, query: string): Piece[] {
  // Generic words lose their mark before spaced runs join, so Co., Ltd. never joins a name's mark.
  return spacesJoined(meaningful(wholeWords(joined(pieces(raw))), query));
}

/** HTML for a `_formatted` value: escaped text, with <mark> around whole matched words. */
export function highlightHtml(raw: unknown, query: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  return highlightPieces(raw, query)
    .map((p) => (p.marked ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text)))
    .join('');
}
