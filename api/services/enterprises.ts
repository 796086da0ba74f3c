import { desc, eq, or } from 'drizzle-orm';
import { parseUscc } from '../../db/normalize/uscc.ts';
import { enterpriseFacts } from '../../db/queries/enterprise-facts.ts';
import { enterprises, licenseRevocations, penalties, spotChecks } from '../../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import type { Portal } from '../portal.ts';

export interface TimelineEntry {
  type: 'spot-checks' | 'penalties' | 'license-revocations';
  id: string;
  url: string;
  date: string;
  title: string;
  adverse: boolean;
}

/**
 * An enterprise profile by USCC (any accepted spelling) or by id: the enterprise, the facts behind
 * its verdict, and a newest-first timeline of every visible record about it.
 */
export async function getEnterprise({ db }: Portal, key: string) {
  const uscc = parseUscc(key);
  const [enterprise] = await db.db
    .select()
    .from(enterprises)
    .where(uscc.ok ? or(eq(enterprises.uscc, uscc.value), eq(enterprises.id, key)) : eq(enterprises.id, key))
    .limit(1);
  if (!enterprise) throw new NotFoundError(`No enterprise with USCC or id "${key}"`);
  const id = enterprise.id;
  const facts = (await enterpriseFacts(db.db, [id])).get(id)!;

  const checks = await db.db.select().from(spotChecks)
    .where(or(eq(spotChecks.manufacturerId, id), eq(spotChecks.sampledUnitId, id)))
    .orderBy(desc(spotChecks.publishedAt));
  const pens = await db.db.select().from(penalties).where(eq(penalties.enterpriseId, id)).orderBy(desc(penalties.decidedAt));
  const licences = await db.db.select().from(licenseRevocations).where(eq(licenseRevocations.enterpriseId, id)).orderBy(desc(licenseRevocations.decidedAt));
  const visible = (s: string) => s === 'published' || s === 'corrected';

  const timeline: TimelineEntry[] = [
    ...checks.filter((r) => visible(r.status)).map((r) => ({
      type: 'spot-checks' as const, id: r.id, url: `/spot-checks/${r.id}`, date: r.publishedAt,
      title: `${r.productName} ${r.model ?? ''}：${r.result === 'unqualified' ? `不合格（${r.unqualifiedItems.map((u) => u.item).join('、')}）` : '合格'}`,
      adverse: r.result === 'unqualified',
    })),
    ...pens.filter((r) => visible(r.status)).map((r) => ({
      type: 'penalties' as const, id: r.id, url: `/penalties/${r.id}`, date: r.decidedAt,
      title: `${r.decisionNo}：${r.violationType ?? '行政处罚'}`, adverse: true,
    })),
    ...licences.filter((r) => visible(r.status)).map((r) => ({
      type: 'license-revocations' as const, id: r.id, url: `/license-revocations/${r.id}`, date: r.decidedAt,
      title: `${r.licenseNo} ${r.product ?? ''}`, adverse: r.action !== 'cancelled',
    })),
  ].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));

  return {
    enterprise: {
      id: enterprise.id,
      uscc: enterprise.uscc,
      name: enterprise.name,
      englishName: enterprise.englishName,
      aliases: enterprise.aliases,
      brands: enterprise.brands,
      kind: enterprise.kind,
      regionCode: enterprise.regionCode,
      address: enterprise.address,
    },
    facts,
    flags: { repeatFailure: facts.repeatFailure, licenseRevoked: facts.licenseRevoked, activePenalties: facts.activePenalties },
    timeline,
    revokedLicences: licences.filter((r) => visible(r.status) && (r.action === 'revoked' || r.action === 'withdrawn'))
      .map((r) => ({ id: r.id, licenseNo: r.licenseNo, decidedAt: r.decidedAt, action: r.action })),
  };
}

