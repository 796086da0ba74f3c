import { z } from 'zod';
import { and, desc, eq, max } from 'drizzle-orm';
import { imports } from '../../db/schema/index.ts';
import type { Portal } from '../portal.ts';

export const portalInfoSchema = z.object({
  sampleData: z.boolean().describe('True while the generated, fictional sample dataset is loaded: every page must say so'),
  lastImportAt: z.string().nullable().describe('When the last import finished (ISO 8601); null before the first'),
});
export type PortalInfo = z.output<typeof portalInfoSchema>;

let cached: { at: number; value: PortalInfo } | undefined;

/** Facts every page shows. Cached for 10 s: it is read on every page view. */
export async function portalInfo({ db }: Portal): Promise<PortalInfo> {
  if (cached && Date.now() - cached.at < 10_000) return cached.value;
  const [sample] = await db.db
    .select({ id: imports.id })
    .from(imports)
    .where(and(eq(imports.isSample, true), eq(imports.status, 'succeeded')))
    .orderBy(desc(imports.id))
    .limit(1);
  const [last] = await db.db.select({ at: max(imports.finishedAt) }).from(imports).where(eq(imports.status, 'succeeded'));
  const value = { sampleData: Boolean(sample), lastImportAt: last?.at ? last.at.toISOString() : null };
  cached = { at: Date.now(), value };
  return value;
}
