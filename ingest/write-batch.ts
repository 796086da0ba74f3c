import { eq, sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Database } from '../db/client.ts';
import type { RecordTypeDescriptor } from '../types/shared/descriptor.ts';
import { auditLog, recordVersions, searchOutbox, type RecordParty } from '../db/schema/index.ts';
import { placeOfAuthority, regionNames } from '../core/taxonomy.ts';
import { copyRows } from './copy-rows.ts';
import { partyKey, resolveParties, type KnownEnterprise } from './enterprises.ts';
import type { ValidRecord } from './validate-row.ts';
import { anyOf } from '../db/queries/any-of.ts';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface WriteContext {
  /** The same transaction as `tx`, as postgres.js, for COPY. */
  sql: postgres.TransactionSql;
  importId: number;
  operator: string;
  fileName: string;
  fileSha256: string;
  partyCache: Map<string, KnownEnterprise>;
  /** Enterprises this import has already put in the search outbox. */
  queuedEnterprises: Set<string>;
  /** Profiles this import created or gave a new name, USCC or brand: other types' records may now match them (`relink`). */
  changedProfiles: Set<string>;
}

export interface BatchCounts {
  created: number;
  corrected: number;
  unchanged: number;
}

/**
 * Writes one batch of validated records inside the import's transaction: new records are
 * inserted, records whose content changed become a new version (a correction, the replaced
 * version kept in record_versions), identical ones are left alone. Every change also gets an
 * audit row and an outbox row — in the same transaction, so search can never miss or invent a
 * change. Bulk rows go in with COPY.
 */
export async function writeBatch(tx: Tx, def: RecordTypeDescriptor, records: ValidRecord[], ctx: WriteContext): Promise<BatchCounts> {
  const table = def.table;
  const existing = await tx
    .select({ id: table.id, contentHash: table.contentHash, version: table.version, status: table.status })
    .from(table)
    .where(anyOf(table.id, records.map((r) => r.id)));
  const current = new Map(existing.map((e) => [e.id, e]));
  const changedRecords = records.filter((r) => current.get(r.id)?.contentHash !== r.contentHash);
  const counts: BatchCounts = { created: 0, corrected: 0, unchanged: records.length - changedRecords.length };
  if (changedRecords.length === 0) return counts;

  const parties = changedRecords.flatMap((r) => def.import.parties(r.input)).filter((p) => p.link);
  const { ids: partyIds, changed: changedEnterprises } = await resolveParties(tx, parties, ctx.partyCache);
  for (const id of changedEnterprises) ctx.changedProfiles.add(id);

  // A correction keeps the version it replaces: the current version lives in the table itself.
  const corrected = changedRecords.filter((r) => current.has(r.id)).map((r) => r.id);
  const replaced = corrected.length ? await tx.select().from(table).where(anyOf(table.id, corrected)) : [];
  const versions: (typeof recordVersions.$inferInsert)[] = replaced.map((old) => ({
    type: def.name,
    recordId: old.id,
    version: old.version,
    contentHash: old.contentHash,
    data: old as Record<string, unknown>,
    importId: old.importId,
    createdAt: old.updatedAt,
  }));
  const inserts: Record<string, unknown>[] = [];
  const audits: (typeof auditLog.$inferInsert)[] = [];
  const touchedEnterprises = new Set(changedEnterprises);
  const rows = changedRecords.map((record) => toTableRow(record, ctx, (current.get(record.id)?.version ?? 0) + 1));
  for (const [i, record] of changedRecords.entries()) {
    const row = rows[i]!;
    // Every party with its role and its own profile; the record's link columns keep the first of each.
    const named: RecordParty[] = def.import.parties(record.input).map((party) => {
      const enterpriseId = party.link ? partyIds.get(partyKey(party)) : undefined;
      if (enterpriseId) {
        if (party.column) row[party.column] = enterpriseId;
        touchedEnterprises.add(enterpriseId);
      }
      return compact({
        role: party.role, name: party.name, uscc: party.publishedUscc, address: party.address,
        kind: party.kind, enterpriseId, annotation: party.annotation,
      });
    });
    row.namedParties = named;
    row.enterpriseIds = [...new Set(named.flatMap((p) => (p.enterpriseId ? [p.enterpriseId] : [])))];
  }
  // A type with its own rule links existing profiles itself (foreign alerts: strong matches only).
  if (def.import.link) {
    const linked = await def.import.link(tx, rows);
    for (const [i, columns] of linked.entries()) Object.assign(rows[i]!, columns);
    for (const row of rows) for (const id of row.enterpriseIds as string[]) touchedEnterprises.add(id);
  }
  for (const [i, record] of changedRecords.entries()) {
    const row = rows[i]!;
    const previous = current.get(record.id);
    const version = row.version as number;
    if (previous) {
      // A withdrawn or expired record stays so; the correction is kept as its newest version.
      const status = previous.status === 'withdrawn' || previous.status === 'expired' ? previous.status : 'corrected';
      await tx.update(table).set({ ...row, status, updatedAt: new Date() }).where(eq(table.id, record.id));
      counts.corrected += 1;
    } else {
      inserts.push(row);
      counts.created += 1;
    }
    audits.push({
      type: def.name,
      recordId: record.id,
      action: previous ? 'correct' : 'create',
      version,
      actor: ctx.operator,
      importId: ctx.importId,
      source: `${ctx.fileName}, row ${record.rowNumber}`,
      beforeHash: previous?.contentHash ?? null,
      afterHash: record.contentHash,
    });
  }
  await copyRows(ctx.sql, table, inserts);
  await copyRows(ctx.sql, recordVersions, versions);
  await copyRows(ctx.sql, auditLog, audits);
  // An enterprise's search document is built from its state when the outbox is drained, which is
  // after this import commits: one outbox row per enterprise per import is enough, however many
  // of its records the file holds.
  const newlyTouched = [...touchedEnterprises].filter((id) => !ctx.queuedEnterprises.has(id));
  for (const id of newlyTouched) ctx.queuedEnterprises.add(id);
  await copyRows(ctx.sql, searchOutbox, [
    ...changedRecords.map((r) => ({ target: def.name, recordId: r.id })),
    ...newlyTouched.map((id) => ({ target: 'enterprises', recordId: id })),
  ]);
  return counts;
}

/** The validated input as a row of the type's table. Unknown fields are ignored by drizzle. */
function toTableRow(record: ValidRecord, ctx: WriteContext, version: number): Record<string, unknown> {
  const input = record.input as Record<string, unknown> & {
    authority?: string;
    publishedAt?: string;
    sourceTitle?: string;
    sourceNumber?: string;
    sourceUrl?: string;
    regionCode?: string;
  };
  // A record without a region column is placed where its authority serves (厦门市市场监督管理局 → 350200).
  const regionCode = input.regionCode ?? (input.authority ? authorityRegion(input.authority) : undefined);
  const region = regionNames(regionCode);
  return {
    ...input,
    id: record.id,
    naturalKey: record.naturalKey,
    contentHash: record.contentHash,
    version,
    source: compact({
      title: input.sourceTitle, number: input.sourceNumber || undefined, url: input.sourceUrl, authority: input.authority, publishedAt: input.publishedAt,
      file: ctx.fileName, fileSha256: ctx.fileSha256, sheet: record.sheet, row: record.rowNumber,
    }),
    announcementId: record.announcementId ?? null,
    announcementNo: input.sourceNumber,
    announcementTitle: input.sourceTitle,
    regionCode: regionCode ?? null,
    regionProvince: region?.province ?? null,
    regionCity: region?.city ?? null,
    extra: record.extra,
    importId: ctx.importId,
  };
}

/** The GB/T 2260 code of the place an authority serves; none for a national one. */
function authorityRegion(authority: string): string | undefined {
  const place = placeOfAuthority(authority);
  return place?.level !== 'national' && place?.code && regionNames(place.code)?.province ? place.code : undefined;
}

/** The object without its undefined fields (stored JSON stays small and stable). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export const lockImports = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(4242)`);

/** postgres.js's handle on a drizzle transaction (drizzle keeps it as `session.client`), for COPY. */
export const rawTransaction = (tx: Tx) => (tx as unknown as { session: { client: postgres.TransactionSql } }).session.client;
