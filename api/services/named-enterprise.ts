import { sql } from 'drizzle-orm';
import { companyCore, englishNameKey, foldedNameKey } from '../../core/text/company.ts';
import { pinyinVariants } from '../../core/text/pinyin.ts';
import { MIN_CORE_CHARS, queryMatchKeys } from '../../core/text/enterprise-keys.ts';
import { enterprises } from '../../db/schema/enterprises.ts';
import type { Portal } from '../portal.ts';
import { preparedFor } from '../../db/prepared.ts';

/**
 * The enterprise a search query names, if it names exactly one: the answer a consumer typed the
 * name for, shown before any list. A query names an enterprise when it is, once folded (traditional
 * → simplified, full-width, spaces), its full name, a former name or alias, its English name in any
 * spelling of the legal form, its name in pinyin — or, when no enterprise has that full name, the
 * core of exactly one enterprise's name (启熙新能源科技 for 启熙新能源科技有限公司). Anything looser
 * (a trade name shared by several firms, a brand) is left to the ranked list.
 */
export type NamedBy = 'name' | 'alias' | 'english-name' | 'pinyin' | 'core-name';

export interface NamedEnterprise {
  id: string;
  name: string;
  url: string;
  /** What in the query matched. */
  by: NamedBy;
}

interface Candidate {
  id: string;
  uscc: string | null;
  name: string;
  englishName: string | null;
  aliases: string[];
}

const HAN = /\p{Script=Han}/u;
const cnKey = foldedNameKey;
const latinKey = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]/g, '');

/** How the query names this candidate (full names only), if it does. */
function fullMatch(q: string, e: Candidate): NamedBy | undefined {
  if (HAN.test(q)) {
    const key = cnKey(q);
    if (cnKey(e.name) === key) return 'name';
    if (e.aliases.some((a) => cnKey(a) === key)) return 'alias';
    return undefined;
  }
  if (e.englishName && englishNameKey(e.englishName) === englishNameKey(q)) return 'english-name';
  if (e.aliases.some((a) => !HAN.test(a) && englishNameKey(a) === englishNameKey(q))) return 'alias';
  // The whole name or its core in pinyin, not initials or a two-syllable trade name (too many share them).
  const spelled = latinKey(q);
  const spellings = pinyinVariants(e.name).filter((v) => v.split(' ').length >= 3).map(latinKey);
  return spellings.includes(spelled) ? 'pinyin' : undefined;
}

const coreMatch = (q: string, e: Candidate) => HAN.test(q) && [e.name, ...e.aliases].some((n) => companyCore(n) === companyCore(q));

const CANDIDATE_COLUMNS = { id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name, englishName: enterprises.englishName, aliases: enterprises.aliases };

const candidateQueries = preparedFor((db) => ({
  /** Profiles sharing a match key with the query (an index probe, core/text/enterprise-keys.ts). */
  keyed: db
    .select(CANDIDATE_COLUMNS)
    .from(enterprises)
    .where(sql`${enterprises.kind} = 'enterprise' and ${enterprises.matchKeys} && ${sql.placeholder('keys')}::text[]`)
    .limit(200)
    .prepare('named_by_keys'),
  /** The search engine's best enterprise hits, for what no key holds: a name spelled in pinyin. */
  hinted: db
    .select(CANDIDATE_COLUMNS)
    .from(enterprises)
    .where(sql`${enterprises.kind} = 'enterprise' and ${enterprises.id} = any(${sql.placeholder('ids')}::text[])`)
    .limit(200)
    .prepare('named_by_ids'),
}));

/**
 * The one enterprise a query names, found in two steps so that the index probe runs while the
 * search engine answers: `lookUpNamedEnterprise(portal, q)` starts it, `.answer(hintIds)` adds the
 * engine's enterprise hits and decides. A query in Chinese characters needs no hints (its full
 * name, alias or core is always a key); one in Latin letters may be pinyin, which only hints find.
 */
export function lookUpNamedEnterprise(portal: Portal, query: string): { answer(hintIds: string[]): Promise<NamedEnterprise | undefined> } {
  const q = query.trim();
  const wanted = q.length >= 2 && q.length <= 200;
  const queries = candidateQueries(portal.db.db);
  const keyed: Promise<Candidate[]> = wanted ? queries.keyed.execute({ keys: queryMatchKeys(q) }) : Promise.resolve([]);
  // Decided later, or never (an identifier query): the probe must not count as an unhandled rejection meanwhile.
  keyed.catch(() => {});
  return {
    async answer(hintIds) {
      if (!wanted) return undefined;
      const pool = await keyed;
      const known = new Set(pool.map((e) => e.id));
      const missing = HAN.test(q) ? [] : hintIds.filter((id) => !known.has(id));
      if (missing.length) pool.push(...(await queries.hinted.execute({ ids: missing })));
      return decide(q, pool);
    },
  };
}

/** The one enterprise the query names, or undefined (none, or several with an equal claim). */
function decide(q: string, pool: Candidate[]): NamedEnterprise | undefined {
  const answer = (e: Candidate, by: NamedBy): NamedEnterprise => ({ id: e.id, name: e.name, url: `/enterprises/${encodeURIComponent(e.uscc ?? e.id)}`, by });
  const full = pool.flatMap((e) => {
    const by = fullMatch(q, e);
    return by ? [answer(e, by)] : [];
  });
  if (full.length > 0) return full.length === 1 ? full[0] : undefined;
  if (!HAN.test(q) || [...companyCore(q)].length < MIN_CORE_CHARS) return undefined;
  const cores = pool.filter((e) => coreMatch(q, e));
  return cores.length === 1 ? answer(cores[0]!, 'core-name') : undefined;
}
