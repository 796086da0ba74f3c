import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { MultiSearchQuery } from 'meilisearch';
import { isMeiliUnreachable } from '../../search/meili.ts';
import { normalizeName } from '../../core/normalize/text.ts';
import { parseUscc } from '../../core/normalize/uscc.ts';
import { enterpriseFacts, factCounts, factFlags } from '../../types/enterprise-facts.ts';
import { enterprises, isVisible } from '../../db/schema/index.ts';
import { TYPES } from '../../types/registry.ts';
import { companyCore, foldForIndex, pinyinSyllables } from '../../core/text/index.ts';
import type { ScreenQuery, ScreenRequest } from './screen-input.ts';
import { searchClientsOf, type Portal } from '../portal.ts';
import { aboutTheData } from './list-meta.ts';
import { portalInfo } from './portal-info.ts';
import { escapeLike } from '../../db/queries/like.ts';
import { dice, hasHan, scoreBrand, scoreName, strip, type Candidate, type KeyCache } from './screen-score.ts';

const MAX_MATCHES = 5;
/** Names and brands per Meilisearch multi-search request; larger batches send several at once. */
export const MULTI_SEARCH_CHUNK = 125;

type Entity = { id: string; name: string; uscc: string | null };
type Hit = Entity & { aliases: string[]; brands: string[]; englishName: string | null; _rankingScore?: number };
interface TextSearch { kind: 'name' | 'brand'; text: string; queries: number[] }

/** The type whose records answer licence numbers (its descriptor's `screening`). */
const licences = TYPES.find((t) => t.screening?.query === 'licenseNo');
const textArray = (values: string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
const likeAny = (values: string[]) => textArray(values.map((v) => `%${escapeLike(v)}%`));

/**
 * Batch screening. Every query's USCC, licence number, name and brand are matched against the
 * enterprise register in a fixed number of round trips whatever the batch size. First PostgreSQL,
 * in one round: one query per identifier kind and one for names equal to a registered name
 * (`name_key`, indexed). A query answered there is done; only the rest go to one Meilisearch
 * multi-search for their names and brands (split into a few sent at once when large). Then one
 * facts lookup for every enterprise kept.
 */
export async function runScreen(portal: Portal, { queries, threshold }: ScreenRequest) {
  const started = performance.now();
  const db = portal.db.db;
  const found = queries.map(() => new Map<string, { score: number; reasons: Set<string>; evidence: Set<string> }>());
  const errors: (string | undefined)[] = queries.map(() => undefined);
  const answered = new Set<number>();
  const entities = new Map<string, Entity>();
  const add = (i: number, e: Entity, { score, reason, evidence }: Candidate) => {
    if (errors[i] || score <= 0) return;
    entities.set(e.id, { id: e.id, name: e.name, uscc: e.uscc });
    const m = found[i]!.get(e.id) ?? { score, reasons: new Set<string>(), evidence: new Set<string>() };
    m.score = Math.max(m.score, score);
    m.reasons.add(reason);
    for (const line of evidence) m.evidence.add(line);
    found[i]!.set(e.id, m);
    if (score >= 1) answered.add(i);
  };

  // Identifiers: a query with an unusable one gets an error and no matches; the batch goes on.
  const byUscc = new Map<string, number[]>();
  const byLicence = new Map<string, number[]>();
  const byNameKey = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, k: string, i: number) => map.set(k, [...(map.get(k) ?? []), i]);
  queries.forEach((q, i) => {
    const problems: string[] = [];
    const uscc = q.uscc === undefined ? undefined : parseUscc(q.uscc);
    if (uscc?.ok) push(byUscc, uscc.value, i);
    else if (uscc) problems.push(`uscc: ${uscc.reason}`);
    const licence = q.licenseNo === undefined || !licences ? undefined : licences.screening!.key(q.licenseNo);
    if (licence) push(byLicence, licence, i);
    else if (licence === '') problems.push('licenseNo: has no letters or digits');
    if (problems.length) errors[i] = problems.join('; ');
    // The register's key of a name as typed and with script and width folded (盤山縣 and 盘山县 are one name).
    else if (q.name) for (const key of new Set([normalizeName(q.name), normalizeName(foldForIndex(q.name))])) if (key) push(byNameKey, key, i);
  });

  const columns = { id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, aliases: enterprises.aliases, brands: enterprises.brands, englishName: enterprises.englishName, nameKey: enterprises.nameKey };
  const [usccRows, licenceRows, nameRows, info] = await Promise.all([
    byUscc.size === 0 ? [] : db.select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc }).from(enterprises)
      .where(inArray(enterprises.uscc, [...byUscc.keys()])),
    byLicence.size === 0 || !licences ? [] : db.select({ key: licences.screening!.keySql as SQL<string>, id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc })
      .from(licences.table)
      .innerJoin(enterprises, sql`${enterprises.id} = any(${licences.table.enterpriseIds})`)
      .where(and(isVisible(licences.table.status), inArray(licences.screening!.keySql, [...byLicence.keys()]))),
    byNameKey.size === 0 ? [] : db.select(columns).from(enterprises).where(and(eq(enterprises.kind, 'enterprise'), inArray(enterprises.nameKey, [...byNameKey.keys()]))),
    portalInfo(portal),
  ]);
  for (const row of usccRows) for (const i of byUscc.get(row.uscc!) ?? []) add(i, row, { score: 1, reason: 'uscc', evidence: [`USCC ${row.uscc} = ${row.uscc}`] });
  for (const row of licenceRows) for (const i of byLicence.get(row.key) ?? []) add(i, row, { score: 1, reason: licences!.screening!.reason, evidence: [`licence number ${row.key} is on a record of this enterprise`] });
  // The register's own key matched: the same name once spacing, case and script are set aside.
  const exact = (row: { name: string }): Candidate => ({ score: 1, reason: 'name-exact', evidence: [`name = ${row.name} (after folding script, width and spacing)`] });
  for (const row of nameRows) for (const i of new Set(byNameKey.get(row.nameKey) ?? [])) add(i, row, exact(row));
  const cache: KeyCache = new Map();

  // The best five at or above the threshold. The queries PostgreSQL answered are final: their
  // enterprises' facts are read while Meilisearch searches the rest, then the others' facts.
  const best = (i: number) =>
    [...found[i]!].filter(([, m]) => m.score >= threshold).sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0])).slice(0, MAX_MATCHES);
  const early = [...new Set([...answered].flatMap((i) => best(i).map(([id]) => id)))];
  const earlyFacts = enterpriseFacts(db, early);
  earlyFacts.catch(() => {});
  const text = await searchTexts(portal, queries, (i) => !!errors[i] || answered.has(i), cache);
  for (const { i, hit, candidate } of text.scored) add(i, hit, candidate);
  const kept = queries.map((_, i) => best(i));
  const earlySet = new Set(early);
  const late = [...new Set(kept.flatMap((m) => m.map(([id]) => id)))].filter((id) => !earlySet.has(id));
  const [factsA, factsB] = await Promise.all([earlyFacts, enterpriseFacts(db, late)]);
  const facts = new Map([...factsA, ...factsB]);
  const results = queries.map((q, i) => ({
    key: q.key,
    ...(errors[i] ? { error: errors[i] } : {}),
    matches: kept[i]!.map(([id, m]) => {
      const e = entities.get(id)!;
      const f = facts.get(id)!;
      return {
        enterprise: { ...e, url: `/enterprises/${encodeURIComponent(e.uscc ?? e.id)}` },
        score: Math.round(m.score * 1000) / 1000,
        reasons: [...m.reasons],
        evidence: [...m.evidence],
        flags: factFlags(f),
        records: factCounts(f),
      };
    }),
  }));
  const counts = { queries: queries.length, matched: results.filter((r) => r.matches.length > 0).length, errors: errors.filter(Boolean).length };
  return { results, meta: { ...counts, threshold, degraded: text.degraded, took_ms: Math.round(performance.now() - started), ...aboutTheData(info) } };
}

/** English legal words, left out of a Latin name's search (they are in nearly every English name). */
const LEGAL_WORDS = new Set(['co', 'company', 'ltd', 'limited', 'inc', 'corp', 'corporation', 'llc', 'gmbh']);

/**
 * A Latin name as searched: legal words dropped, and when every word is pinyin, the words cut into
 * syllables (Xiamen Qiaodan Shiye → xia men qiao dan shi ye), as the index spells Chinese names.
 */
function latinName(raw: string): string {
  const words = foldForIndex(raw).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w && !LEGAL_WORDS.has(w));
  const cut = words.map(pinyinSyllables);
  return (cut.every(Boolean) ? cut.flatMap((c) => c!) : words).join(' ');
}

/** What a name or brand is searched as: Chinese names by their core, so region and company form cannot hide a match. */
export const searchedText = (kind: 'name' | 'brand', raw: string) =>
  kind === 'brand' ? foldForIndex(raw).toLowerCase() : hasHan(raw) ? companyCore(raw) : latinName(raw);

/** The Meilisearch query for one name or brand (the benchmark sends the same ones straight to Meilisearch). */
export const candidateSearch = (kind: 'name' | 'brand', text: string): MultiSearchQuery => ({
  indexUid: 'enterprises',
  q: text,
  limit: MAX_MATCHES,
  showRankingScore: true,
  matchingStrategy: 'frequency',
  filter: 'kind = "enterprise"',
  attributesToRetrieve: ['id', 'name', 'uscc', 'aliases', 'brands', 'englishName'],
  attributesToSearchOn: kind === 'brand' ? ['brands'] : ['name', 'aliases', 'englishName', 'pinyin'],
});

/** Names and brands: Meilisearch multi-search (identical texts searched once), or PostgreSQL when it is down. */
async function searchTexts(portal: Portal, queries: ScreenQuery[], skip: (i: number) => boolean, cache: KeyCache) {
  const searches = new Map<string, TextSearch>();
  queries.forEach((q, i) => {
    if (skip(i)) return;
    for (const [kind, raw] of [['name', q.name], ['brand', q.brand]] as const) {
      if (!raw) continue;
      const text = searchedText(kind, raw);
      if (!strip(text)) continue;
      const search = searches.get(`${kind}\u0000${text}`) ?? { kind, text, queries: [] };
      search.queries.push(i);
      searches.set(`${kind}\u0000${text}`, search);
    }
  });
  const list = [...searches.values()];
  const scored: { i: number; hit: Hit; candidate: Candidate }[] = [];
  if (list.length === 0) return { scored, degraded: false };

  let hitLists: Hit[][];
  let degraded = false;
  try {
    // Meilisearch answers the queries of one multi-search one after another; a few concurrent
    // multi-searches use every core (1,000 names on 2 busy cores: ~1.3 s as one, ~0.5 s as eight).
    const chunks = Array.from({ length: Math.ceil(list.length / MULTI_SEARCH_CHUNK) }, (_, k) => list.slice(k * MULTI_SEARCH_CHUNK, (k + 1) * MULTI_SEARCH_CHUNK));
    const answers = await searchClientsOf(portal).use((meili) => Promise.all(chunks.map((chunk) => meili.multiSearch({ queries: chunk.map((c) => candidateSearch(c.kind, c.text)) }))));
    hitLists = answers.flatMap(({ results }) => results.map((r) => r.hits as Hit[]));
  } catch (error) {
    if (!isMeiliUnreachable(error)) throw error;
    hitLists = await searchPostgres(portal, list, queries);
    degraded = true;
  }

  list.forEach((s, n) => {
    for (const i of s.queries) {
      for (const hit of hitLists[n]!) {
        const [q, ranking] = [queries[i]!, hit._rankingScore ?? 0];
        scored.push({ i, hit, candidate: s.kind === 'brand' ? scoreBrand(q.brand!, hit.brands ?? [], ranking, cache) : scoreName(q.name!, hit, ranking, cache) });
      }
    }
  });
  return { scored, degraded };
}

/**
 * The degraded path, still one query: normalized-name equality (`name_key`), the searched text as
 * a substring of the name or English name (ILIKE), or an exact brand. Candidates are then handed to
 * each search by the same tests, ranked by similarity in place of Meilisearch's ranking score.
 */
async function searchPostgres(portal: Portal, list: TextSearch[], queries: ScreenQuery[]): Promise<Hit[][]> {
  const names = list.filter((s) => s.kind === 'name');
  const brands = [...new Set(list.filter((s) => s.kind === 'brand').map((s) => s.text))];
  const keys = new Set(names.flatMap((s) => s.queries.map((i) => normalizeName(queries[i]!.name!))));
  const texts = [...new Set(names.map((s) => s.text))];
  const conditions: SQL[] = [];
  if (names.length) conditions.push(inArray(enterprises.nameKey, [...keys]), sql`${enterprises.name} ilike any(${likeAny(texts)}) or ${enterprises.englishName} ilike any(${likeAny(texts)})`);
  if (brands.length) conditions.push(sql`exists (select from unnest(${enterprises.brands}) b where lower(b) = any(${textArray(brands)}))`);
  const rows = await portal.db.db
    .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, aliases: enterprises.aliases, brands: enterprises.brands, englishName: enterprises.englishName, nameKey: enterprises.nameKey })
    .from(enterprises)
    .where(and(eq(enterprises.kind, 'enterprise'), or(...conditions)))
    .limit(5000);
  const prepared = rows.map((row) => ({
    row,
    names: [row.name, row.englishName ?? ''].map((n) => strip(foldForIndex(n).toLowerCase())),
    brands: row.brands.map((b) => foldForIndex(b).toLowerCase()),
  }));
  return list.map((s) => {
    const wanted = strip(s.text);
    const ofName = (c: (typeof prepared)[number]) => c.names.some((n) => n.includes(wanted)) || s.queries.some((i) => normalizeName(queries[i]!.name!) === c.row.nameKey);
    return prepared
      .filter((c) => (s.kind === 'name' ? ofName(c) : c.brands.includes(s.text)))
      .map((c) => ({ ...c.row, _rankingScore: s.kind === 'name' ? dice(wanted, c.names[0]!) : 1 }))
      .sort((a, b) => b._rankingScore - a._rankingScore)
      .slice(0, MAX_MATCHES);
  });
}
