import { createHash } from 'node:crypto';
import { or, sql } from 'drizzle-orm';
import { anyOf } from '../db/queries/any-of.ts';
import type { Database } from '../db/client.ts';
import { enterprises } from '../db/schema/index.ts';
import { normalizeName } from '../core/normalize/text.ts';
import { enterpriseMatchKeys } from '../core/text/enterprise-keys.ts';
import { type PartyRef } from '../types/shared/descriptor.ts';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export const partyKey = (p: Pick<PartyRef, 'name' | 'uscc'>) => (p.uscc ? `u:${p.uscc}` : `n:${normalizeName(p.name)}`);

/** An enterprise as this import knows it: enough to tell whether a party brings anything new. */
export interface KnownEnterprise {
  id: string;
  uscc: string | null;
  nameKey: string;
  brands: string[];
  aliases: string[];
}

/** The party adds nothing to what is known of its enterprise: no look-up, no write. */
function adds(known: KnownEnterprise, party: PartyRef, nameKey: string): boolean {
  if (party.uscc && known.uscc !== party.uscc) return true;
  if ((party.brands ?? []).some((b) => !known.brands.includes(b))) return true;
  return nameKey !== known.nameKey && !known.aliases.some((a) => normalizeName(a) === nameKey);
}

export const enterpriseIdFor = (key: string) => `e-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;

/**
 * Finds or creates the enterprise of every party, by USCC when known, else by normalized name.
 * A name-only enterprise that later shows up with a USCC gets the USCC, so one company keeps one
 * profile. Returns party key → enterprise id and the ids whose profile changed.
 */
export async function resolveParties(
  tx: Tx,
  parties: PartyRef[],
  cache: Map<string, KnownEnterprise>,
): Promise<{ ids: Map<string, string>; changed: Set<string> }> {
  const ids = new Map<string, string>();
  const changed = new Set<string>();
  const pending = new Map<string, PartyRef>();
  for (const party of parties) {
    const key = partyKey(party);
    const cached = cache.get(key);
    // Within one import (which holds the import lock) the cache is the truth: a party that brings
    // no new USCC, brand or name needs neither a look-up nor a write.
    if (cached && !adds(cached, party, normalizeName(party.name))) ids.set(key, cached.id);
    else if (!pending.has(key)) pending.set(key, { ...party, brands: [...(party.brands ?? [])] });
    else pending.get(key)!.brands!.push(...(party.brands ?? []));
  }
  if (pending.size === 0) return { ids, changed };

  type Match = KnownEnterprise;
  const created = new Map<string, { row: typeof enterprises.$inferInsert; match: Match }>();
  const grown = new Map<string, Match>();
  const usccs = [...pending.values()].flatMap((p) => (p.uscc ? [p.uscc] : []));
  const nameKeys = [...new Set([...pending.values()].map((p) => normalizeName(p.name)))];
  const found = await tx
    .select({ id: enterprises.id, uscc: enterprises.uscc, nameKey: enterprises.nameKey, brands: enterprises.brands, aliases: enterprises.aliases })
    .from(enterprises)
    .where(or(anyOf(enterprises.uscc, usccs), anyOf(enterprises.nameKey, nameKeys)));
  const byUscc = new Map(found.filter((e) => e.uscc).map((e) => [e.uscc!, e]));
  const byName = new Map<string, (typeof found)[number]>();
  // Prefer an enterprise without USCC for name matches: it is the one a USCC can be attached to.
  for (const e of found) if (!byName.has(e.nameKey) || !e.uscc) byName.set(e.nameKey, e);

  for (const [key, party] of pending) {
    const nameKey = normalizeName(party.name);
    let match = party.uscc ? byUscc.get(party.uscc) : byName.get(nameKey);
    if (!match && party.uscc) {
      const nameOnly = byName.get(nameKey);
      if (nameOnly && !nameOnly.uscc) {
        const pendingInsert = created.get(nameOnly.id);
        if (pendingInsert) pendingInsert.row.uscc = party.uscc;
        else await tx.update(enterprises).set({ uscc: party.uscc, updatedAt: new Date() }).where(sql`${enterprises.id} = ${nameOnly.id}`);
        nameOnly.uscc = party.uscc;
        match = nameOnly;
        byUscc.set(party.uscc, match);
        changed.add(match.id);
      }
    }
    if (!match) {
      const id = enterpriseIdFor(key);
      const brands = [...new Set(party.brands ?? [])];
      match = { id, uscc: party.uscc ?? null, nameKey, brands, aliases: [] };
      created.set(id, { row: { id, uscc: party.uscc ?? null, name: party.name, nameKey, kind: party.kind, address: party.address, regionCode: party.regionCode ?? regionFromUscc(party.uscc) }, match });
      if (party.uscc) byUscc.set(party.uscc, match);
      byName.set(nameKey, match);
      changed.add(id);
    } else {
      // Brands seen on its products, and other names it was published under (same USCC), are
      // kept on the profile so searches for them find it.
      const newBrands = (party.brands ?? []).filter((b) => !match!.brands.includes(b));
      const known = new Set([match.nameKey, ...match.aliases.map(normalizeName)]);
      const newAlias = !known.has(nameKey) && match.aliases.length < 50 ? [party.name] : [];
      if (newBrands.length || newAlias.length) {
        match.brands = [...new Set([...match.brands, ...newBrands])];
        match.aliases = [...match.aliases, ...newAlias];
        grown.set(match.id, match);
        changed.add(match.id);
      }
    }
    ids.set(key, match.id);
    cache.set(key, match);
  }
  // One statement per kind of change, not one per party: a big import meets a hundred thousand.
  if (created.size) {
    // One JSON parameter for all of them: cheaper to send and to plan than ten parameters a row.
    const rows = JSON.stringify([...created.values()].map(({ row, match }) => ({
      id: row.id, uscc: row.uscc, name: row.name, name_key: row.nameKey, kind: row.kind ?? 'enterprise',
      address: row.address ?? null, region_code: row.regionCode ?? null, brands: match.brands, aliases: match.aliases,
      match_keys: enterpriseMatchKeys({ name: row.name, aliases: match.aliases, englishName: null }),
    })));
    await tx.execute(sql`
      insert into ${enterprises} (id, uscc, name, name_key, kind, address, region_code, brands, aliases, match_keys)
      select id, uscc, name, name_key, kind, address, region_code, brands, aliases, match_keys
      from jsonb_to_recordset(${rows}::jsonb)
        as v(id text, uscc text, name text, name_key text, kind text, address text, region_code text, brands text[], aliases text[], match_keys text[])
      on conflict do nothing`);
  }
  const grownRows = [...grown.entries()].filter(([id]) => !created.has(id));
  if (grownRows.length) {
    // A new alias adds its own keys; keys not yet computed (null) are left to db/migrate.ts's fill.
    const changes = JSON.stringify(grownRows.map(([id, e]) => ({ id, brands: e.brands, aliases: e.aliases, alias_keys: enterpriseMatchKeys({ name: '', aliases: e.aliases, englishName: null }) })));
    await tx.execute(sql`
      update ${enterprises} set brands = v.brands, aliases = v.aliases, updated_at = now(),
        match_keys = case when match_keys is null then null else array(select distinct k from unnest(match_keys || v.alias_keys) k) end
      from jsonb_to_recordset(${changes}::jsonb) as v(id text, brands text[], aliases text[], alias_keys text[])
      where ${enterprises.id} = v.id`);
  }
  return { ids, changed };
}

/** Characters 3–8 of a USCC are the registering authority's GB/T 2260 division code. */
function regionFromUscc(uscc: string | undefined): string | null {
  const code = uscc?.slice(2, 8);
  return code && /^\d{6}$/.test(code) ? code : null;
}
