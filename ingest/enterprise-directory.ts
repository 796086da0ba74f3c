import fs from 'node:fs/promises';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbHandle } from '../db/client.ts';
import { parseUscc } from '../core/normalize/uscc.ts';
import { enterpriseMatchKeys } from '../core/text/enterprise-keys.ts';
import { enterprises, searchOutbox } from '../db/schema/index.ts';
import { relinkRecords } from './relink.ts';

/** One entry of an enterprise directory: what a regulator knows about a company beyond its records. */
const directoryEntry = z.object({
  uscc: z.string().transform((v, ctx) => {
    const r = parseUscc(v);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  }),
  englishName: z.string().trim().max(300).optional(),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  brands: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
});

/**
 * Adds English names, aliases and brands (a JSON array of entries) to enterprises already known by
 * USCC. Entries for unknown USCCs are skipped: a directory alone never creates a profile.
 */
export async function importEnterpriseDirectory(handle: DbHandle, file: string): Promise<{ updated: number; skipped: number }> {
  const entries = z.array(directoryEntry.loose()).parse(JSON.parse(await fs.readFile(file, 'utf8')));
  return handle.db.transaction(async (tx) => {
    const known = await tx
      .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name, englishName: enterprises.englishName, aliases: enterprises.aliases, brands: enterprises.brands })
      .from(enterprises)
      .where(inArray(enterprises.uscc, entries.map((e) => e.uscc)));
    const byUscc = new Map(known.map((k) => [k.uscc, k]));
    const changed: string[] = [];
    for (const entry of entries) {
      const current = byUscc.get(entry.uscc);
      if (!current) continue;
      const aliases = [...new Set([...current.aliases, ...entry.aliases])];
      const brands = [...new Set([...current.brands, ...entry.brands])];
      const englishName = entry.englishName ?? current.englishName;
      if (englishName === current.englishName && aliases.length === current.aliases.length && brands.length === current.brands.length) continue;
      await tx.update(enterprises).set({ englishName, aliases, brands, matchKeys: enterpriseMatchKeys({ name: current.name, aliases, englishName }), updatedAt: sql`now()` }).where(sql`${enterprises.id} = ${current.id}`);
      changed.push(current.id);
    }
    if (changed.length) await tx.insert(searchOutbox).values(changed.map((id) => ({ target: 'enterprises', recordId: id })));
    // English names and other names can make a foreign alert's producer match a profile now.
    await relinkRecords(tx, changed, { actor: 'enterprise-directory', command: 'directory', source: path.basename(file) });
    return { updated: changed.length, skipped: entries.length - known.length };
  });
}
