import { desc, eq, or, sql, type Column } from 'drizzle-orm';
import { MAKER_ROLES, type PartyRole } from '../../core/normalize/parties.ts';
import { parseUscc } from '../../core/normalize/uscc.ts';
import { enterpriseFacts } from '../../db/queries/enterprise-facts.ts';
import { enterprises, licenseRevocations, penalties, spotChecks, typicalCases, type RecordParty } from '../../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import type { Portal } from '../portal.ts';

export interface TimelineEntry {
  type: 'spot-checks' | 'penalties' | 'license-revocations' | 'typical-cases';
  id: string;
  url: string;
  date: string;
  title: string;
  adverse: boolean;
  /** The enterprise's roles in the record (manufacturer, producer, distributor, importer, sampled…). */
  roles: PartyRole[];
  /** False when it only sold, distributed, imported or was sampled: the product was not its own. */
  made: boolean;
}

/** The roles an enterprise has in a record. */
const rolesOf = (parties: RecordParty[], id: string) => [...new Set(parties.filter((p) => p.enterpriseId === id).map((p) => p.role))];
const itemsText = (items: { item: string }[]) => (items.length ? items.map((u) => u.item).join('、') : '不合格项目未公布');

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

  // Every record that names the enterprise, in any role (GIN index on enterprise_ids).
  const naming = (table: { enterpriseIds: Column }) => sql`${id} = any(${table.enterpriseIds})`;
  const checks = await db.db.select().from(spotChecks).where(naming(spotChecks)).orderBy(desc(spotChecks.publishedAt));
  const pens = await db.db.select().from(penalties).where(naming(penalties)).orderBy(desc(penalties.decidedAt));
  const licences = await db.db.select().from(licenseRevocations).where(naming(licenseRevocations)).orderBy(desc(licenseRevocations.decidedAt));
  const cases = await db.db.select().from(typicalCases).where(naming(typicalCases)).orderBy(desc(typicalCases.publishedAt));
  const visible = (s: string) => s === 'published' || s === 'corrected';

  const timeline: TimelineEntry[] = [
    ...checks.filter((r) => visible(r.status)).map((r) => {
      const roles = rolesOf(r.namedParties, id);
      return {
        type: 'spot-checks' as const, id: r.id, url: `/spot-checks/${r.id}`, date: r.publishedAt,
        title: `${r.productName} ${r.model ?? ''}：${r.result === 'unqualified' ? `不合格（${itemsText(r.unqualifiedItems)}）` : '合格'}`,
        adverse: r.result === 'unqualified', roles, made: roles.some((role) => MAKER_ROLES.includes(role)),
      };
    }),
    ...pens.filter((r) => visible(r.status)).map((r) => ({
      type: 'penalties' as const, id: r.id, url: `/penalties/${r.id}`, date: r.decidedAt,
      title: `${r.decisionNo}：${r.violationType ?? '行政处罚'}`, adverse: true, roles: rolesOf(r.namedParties, id), made: true,
    })),
    ...licences.filter((r) => visible(r.status)).map((r) => ({
      type: 'license-revocations' as const, id: r.id, url: `/license-revocations/${r.id}`, date: r.decidedAt,
      title: `${r.licenseNo} ${r.product ?? ''}`, adverse: r.action !== 'cancelled', roles: rolesOf(r.namedParties, id), made: true,
    })),
    ...cases.filter((r) => visible(r.status)).map((r) => ({
      type: 'typical-cases' as const, id: r.id, url: `/typical-cases/${r.id}`, date: r.publishedAt,
      title: r.title, adverse: true, roles: rolesOf(r.namedParties, id), made: true,
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

