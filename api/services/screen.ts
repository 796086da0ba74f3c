import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { MultiSearchQuery } from 'meilisearch';
import { isMeiliUnreachable } from '../../search/meili.ts';
import { normalizeName } from '../../core/normalize/text.ts';
import { parseUscc } from '../../core/normalize/uscc.ts';
import { enterpriseFacts, factCounts, factFlags } from '../../types/enterprise-facts.ts';
import { enterprises, isVisible } from '../../db/schema/index.ts';
import { TYPES } from '../../types/registry.ts';
import { companyCore, companyNameParts, foldForIndex, type CompanyNameParts } from '../../core/text/index.ts';
import type { ScreenQuery, ScreenRequest } from './screen-input.ts';
import type { Portal } from '../portal.ts';
import { DATA_LICENSE, DISCLAIMER } from './list-meta.ts';
import { portalInfo } from './portal-info.ts';
import { escapeLike } from '../../db/queries/like.ts';

const MAX_MATCHES = 5;
/** Names and brands per Meilisearch multi-search request; larger batches send several at once. */
const MULTI_SEARCH_CHUNK = 125;

type Entity = { id: string; name: string; uscc: string | null };
type Hit = Entity & { aliases: string[]; brands: string[]; englishName: string | null; _rankingScore?: number };
type Candidate = { score: number; reason: string };
type Keys = { full: string; core: string; parts?: CompanyNameParts };
interface TextSearch { kind: 'name' | 'brand'; text: string; queries: number[] }

/** The type whose records answer licence numbers (its descriptor's `screening`). */
const licences = TYPES.find((t) => t.screening?.query === 'licenseNo');
const textArray = (values: string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
const likeAny = (values: string[]) => textArray(values.map((v) => `%${escapeLike(v)}%`));
const hasHan = (s: string) => /\p{Script=Han}/u.test(s);
/** Letters and digits only: punctuation and brackets never decide a match. */
const strip = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
/** English legal forms at the end of a normalized (spaceless, lower-case) name. */
const EN_FORMS = /(?:co(?:mpany)?(?:ltd|limited)|limited|ltd|inc|incorporated|corporation|corp|llc|gmbh|co)+$/;

/**
 * Batch screening. Every query's USCC, licence number, name and brand are matched against the
 * enterprise register in a fixed number of round trips whatever the batch size: one SQL query per
 * identifier kind, one Meilisearch multi-search for all names and brands (split into a few sent
 * at once when large), then one facts lookup for every enterprise kept.
 */
export async function runScreen(portal: Portal, { queries, threshold }: ScreenRequest) {
  const started = performance.now();
  const db = portal.db.db;
  const found = queries.map(() => new Map<string, { score: number; reasons: Set<string> }>());
  const errors: (string | undefined)[] = queries.map(() => undefined);
  const entities = new Map<string, Entity>();
  const add = (i: number, e: Entity, { score, reason }: Candidate) => {
    if (errors[i]) return;
    entities.set(e.id, { id: e.id, name: e.name, uscc: e.uscc });
    const m = found[i]!.get(e.id) ?? { score, reasons: new Set<string>() };
    m.score = Math.max(m.score, score);
    m.reasons.add(reason);
    found[i]!.set(e.id, m);
  };

  // Identifiers: a query with an unusable one gets an error and no matches; the batch goes on.
  const byUscc = new Map<string, number[]>();
  const byLicence = new Map<string, number[]>();
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
  });

  const [usccRows, licenceRows, text, info] = await Promise.all([
    byUscc.size === 0 ? [] : db.select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc }).from(enterprises)
      .where(inArray(enterprises.uscc, [...byUscc.keys()])),
    byLicence.size === 0 || !licences ? [] : db.select({ key: licences.screening!.keySql as SQL<string>, id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc })
      .from(licences.table)
      .innerJoin(enterprises, sql`${enterprises.id} = any(${licences.table.enterpriseIds})`)
      .where(and(isVisible(licences.table.status), inArray(licences.screening!.keySql, [...byLicence.keys()]))),
    searchTexts(portal, queries, errors),
    portalInfo(portal),
  ]);
  for (const row of usccRows) for (const i of byUscc.get(row.uscc!) ?? []) add(i, row, { score: 1, reason: 'uscc' });
  for (const row of licenceRows) for (const i of byLicence.get(row.key) ?? []) add(i, row, { score: 1, reason: licences!.screening!.reason });
  for (const { i, hit, candidate } of text.scored) add(i, hit, candidate);

  // The best five at or above the threshold, then one facts lookup for every enterprise kept.
  const kept = found.map((matches) =>
    [...matches].filter(([, m]) => m.score >= threshold).sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0])).slice(0, MAX_MATCHES),
  );
  const facts = await enterpriseFacts(db, [...new Set(kept.flatMap((m) => m.map(([id]) => id)))]);
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
        flags: factFlags(f),
        records: factCounts(f),
      };
    }),
  }));
  const counts = { queries: queries.length, matched: results.filter((r) => r.matches.length > 0).length, errors: errors.filter(Boolean).length };
  const about = { last_updated: info.lastImportAt, license: DATA_LICENSE, disclaimer: DISCLAIMER, sample_data: info.sampleData };
  return { results, meta: { ...counts, threshold, degraded: text.degraded, took_ms: Math.round(performance.now() - started), ...about } };
}

/** Names and brands: Meilisearch multi-search (identical texts searched once), or PostgreSQL when it is down. */
async function searchTexts(portal: Portal, queries: ScreenQuery[], errors: (string | undefined)[]) {
  const searches = new Map<string, TextSearch>();
  queries.forEach((q, i) => {
    if (errors[i]) return;
    for (const [kind, raw] of [['name', q.name], ['brand', q.brand]] as const) {
      if (!raw) continue;
      // Chinese names are searched by their core, so region and company form cannot hide a match.
      const text = kind === 'name' && hasHan(raw) ? companyCore(raw) : foldForIndex(raw).toLowerCase();
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
    const toQuery = (s: TextSearch): MultiSearchQuery => ({
      indexUid: 'enterprises',
      q: s.text,
      limit: MAX_MATCHES,
      showRankingScore: true,
      matchingStrategy: 'frequency',
      filter: 'kind = "enterprise"',
      attributesToRetrieve: ['id', 'name', 'uscc', 'aliases', 'brands', 'englishName'],
      attributesToSearchOn: s.kind === 'brand' ? ['brands'] : ['name', 'aliases', 'englishName', 'pinyin'],
    });
    // Meilisearch answers the queries of one multi-search one after another; a few concurrent
    // multi-searches use every core (1,000 names on 2 busy cores: ~1.3 s as one, ~0.5 s as eight).
    const chunks = Array.from({ length: Math.ceil(list.length / MULTI_SEARCH_CHUNK) }, (_, k) => list.slice(k * MULTI_SEARCH_CHUNK, (k + 1) * MULTI_SEARCH_CHUNK));
    const answers = await Promise.all(chunks.map((chunk) => portal.meili.multiSearch({ queries: chunk.map(toQuery) })));
    hitLists = answers.flatMap(({ results }) => results.map((r) => r.hits as Hit[]));
  } catch (error) {
    if (!isMeiliUnreachable(error)) throw error;
    hitLists = await searchPostgres(portal, list, queries);
    degraded = true;
  }

  const cache = new Map<string, Keys>();
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

/** Full normalized name and its core (region and company form removed), folded and stripped. */
function nameKeys(s: string, cache: Map<string, Keys>): Keys {
  let keys = cache.get(s);
  if (!keys) {
    const full = strip(normalizeName(foldForIndex(s)));
    const parts = hasHan(s) ? companyNameParts(s) : undefined;
    keys = { full, core: (parts ? strip(companyCore(s)) : full.replace(EN_FORMS, '')) || full, parts };
    cache.set(s, keys);
  }
  return keys;
}

/** Dice coefficient on character bigrams (a one-character string is its own unigram). */
export function dice(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const grams = (s: string) => {
    const cs = [...s];
    const m = new Map<string, number>(cs.length === 1 ? [[s, 1]] : []);
    for (let i = 0; i + 1 < cs.length; i++) m.set(cs[i]! + cs[i + 1]!, (m.get(cs[i]! + cs[i + 1]!) ?? 0) + 1);
    return m;
  };
  const [x, y] = [grams(a), grams(b)];
  let [shared, total] = [0, 0];
  for (const [g, n] of x) (shared += Math.min(n, y.get(g) ?? 0)), (total += n);
  for (const n of y.values()) total += n;
  return (2 * shared) / total;
}

/**
 * A name against an enterprise's name, aliases and English name: the same normalized name → 1
 * (`name-exact`); the same core, i.e. only region or company form differ → 0.95–0.99, closer full
 * names higher (`name-core`); otherwise 0.8 × bigram (Dice) similarity of cores or of full names,
 * whichever is higher, + 0.2 × the search engine's ranking score, at most 0.94 (`name-similar`).
 * Chinese names are compared by their parts first (companyNameParts): a query without a trade name
 * (字号) matches nothing, a name with another trade name is skipped, and a query naming a branch of
 * the enterprise (…有限公司杭州分公司) is reported as `branch`.
 * A match on an alias or the English name is reported as `alias` or `english-name`.
 */
function scoreName(name: string, hit: Hit, ranking: number, cache: Map<string, Keys>): Candidate {
  const q = nameKeys(name, cache);
  // A Chinese name without a trade name (电线电缆有限公司, 深圳市某某电线电缆有限公司) names no one in particular.
  if (q.parts && !q.parts.tradeName) return { score: 0, reason: 'no-trade-name' };
  const fields: [string, string][] = [[hit.name, 'name'], ...(hit.aliases ?? []).map((a): [string, string] => [a, 'alias'])];
  if (hit.englishName) fields.push([hit.englishName, 'english-name']);
  let best: Candidate = { score: 0, reason: 'name-similar' };
  for (const [text, field] of fields) {
    const c = nameKeys(text, cache);
    // The trade name (字号) is what tells firms apart: 金航宇 and 金达 in the same place and trade are two firms.
    if (q.parts && c.parts?.tradeName && q.parts.tradeName !== c.parts.tradeName) continue;
    const score = q.full === c.full ? 1
      : q.core === c.core ? 0.95 + 0.04 * dice(q.full, c.full)
      : Math.min(0.94, 0.8 * Math.max(dice(q.core, c.core), dice(q.full, c.full)) + 0.2 * ranking);
    const sameCore = q.parts?.branch && !c.parts?.branch ? 'branch' : 'name-core';
    if (score > best.score) best = { score, reason: field !== 'name' ? field : score === 1 ? 'name-exact' : score >= 0.95 ? sameCore : 'name-similar' };
  }
  return best;
}

/** A brand: one of the enterprise's brands, normalized → 0.9; otherwise at most 0.8 by similarity. */
function scoreBrand(brand: string, brands: string[], ranking: number, cache: Map<string, Keys>): Candidate {
  const q = nameKeys(brand, cache).full;
  let score = 0;
  for (const b of brands) {
    const c = nameKeys(b, cache).full;
    score = Math.max(score, q === c ? 0.9 : 0.8 * (0.8 * dice(q, c) + 0.2 * ranking));
  }
  return { score, reason: score >= 0.9 ? 'brand' : 'brand-similar' };
}
