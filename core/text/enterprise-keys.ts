/**
 * The keys an enterprise can be named by in a search (api/services/named-enterprise.ts), stored
 * with the enterprise (`match_keys`, GIN-indexed) so that finding "the enterprise this query
 * names" is an index probe instead of a scan of every name. Prefixed by kind:
 *   n:<folded full name or alias>   c:<core of a Chinese name or alias>   e:<English name key>
 * The query side asks for the same keys of the query text (`queryMatchKeys`); the final decision
 * (full name, alias, English name, pinyin, core name) stays with the matcher, which only ever
 * accepts a candidate holding one of these keys.
 */
import { companyCore, englishNameKey, foldedNameKey } from './company.ts';

const HAN = /\p{Script=Han}/u;
/** Below this a core is a trade-name fragment many firms share: never a key. */
export const MIN_CORE_CHARS = 4;

export function enterpriseMatchKeys(e: { name: string; aliases: readonly string[]; englishName: string | null }): string[] {
  const keys = new Set<string>();
  for (const name of [e.name, ...e.aliases].filter((n) => HAN.test(n))) {
    keys.add(`n:${foldedNameKey(name)}`);
    const core = companyCore(name);
    if ([...core].length >= MIN_CORE_CHARS) keys.add(`c:${core}`);
  }
  for (const name of [e.englishName ?? '', ...e.aliases.filter((a) => !HAN.test(a))]) {
    const key = englishNameKey(name);
    if (key) keys.add(`e:${key}`);
  }
  return [...keys];
}

/** The keys a query would share with an enterprise it names. */
export function queryMatchKeys(q: string): string[] {
  if (!HAN.test(q)) {
    const key = englishNameKey(q);
    return key ? [`e:${key}`] : [];
  }
  const core = companyCore(q);
  return [`n:${foldedNameKey(q)}`, ...([...core].length >= MIN_CORE_CHARS ? [`c:${core}`] : [])];
}
