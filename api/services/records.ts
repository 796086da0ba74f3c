import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { TYPES, typeNamed, type RecordType } from '../../types/registry.ts';
import { preparedFor } from '../../db/prepared.ts';
import { auditLog, isVisible, recordVersions } from '../../db/schema/index.ts';
import { englishNamesOf } from '../../db/queries/english-names.ts';
import { publicFields } from '../../db/queries/public-fields.ts';
import { NotFoundError } from '../errors.ts';
import type { Portal } from '../portal.ts';
import { relatedRecords } from './related.ts';
import { recordLabels } from '../../types/shared/labels.ts';

/** Each type's record by id, prepared once (db/prepared.ts): a record page is the site's commonest. */
const recordById = preparedFor((db) => new Map(TYPES.map((t) => [t.name, db.select().from(t.table).where(eq(t.table.id, sql.placeholder('id'))).limit(1).prepare('record_by_id')])));

/**
 * One record with its status, its version history and its lifecycle events. Withdrawn and expired
 * records are returned too — their permalink shows a tombstone, never a silent 404.
 */
export async function getRecord(portal: Portal, type: RecordType, id: string) {
  const { db } = portal;
  // The events need only the id: asked beside the row. The versions need the row's version.
  const eventsQuery = db.db
    .select({ action: auditLog.action, at: auditLog.at, version: auditLog.version, reason: auditLog.reason })
    .from(auditLog)
    .where(and(eq(auditLog.type, type), eq(auditLog.recordId, id)))
    .orderBy(asc(auditLog.id))
    .execute();
  eventsQuery.catch(() => {});
  const [row] = await recordById(db.db).get(type)!.execute({ id });
  if (!row) throw new NotFoundError(`No ${type} record with id "${id}"`);
  // The current version is the row itself; record_versions keeps the versions corrections replaced.
  const [replaced, events, related] = await Promise.all([
    db.db
      .select({ version: recordVersions.version, createdAt: recordVersions.createdAt, data: recordVersions.data })
      .from(recordVersions)
      .where(and(eq(recordVersions.type, type), eq(recordVersions.recordId, id), lt(recordVersions.version, row.version)))
      .orderBy(desc(recordVersions.version)),
    eventsQuery,
    relatedRecords(portal, type, row as Record<string, unknown>),
  ]);
  const versions = [{ version: row.version, createdAt: row.updatedAt, data: row as Record<string, unknown> }, ...replaced];
  return {
    type,
    record: publicFields(row as Record<string, unknown>),
    /** Coded and fixed-vocabulary fields in Chinese and English (status, outcome, authority, region, result…). */
    labels: recordLabels(typeNamed(type), row as Record<string, unknown>),
    related,
    versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), data: publicFields(v.data) })),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

/** The newest visible records of a type, for the home page and listings. */
export async function latestRecords({ db }: Portal, type: RecordType, limit: number) {
  const table = typeNamed(type).table;
  const rows = await db.db.select().from(table).where(isVisible(table.status)).orderBy(desc(table.publishedAt), asc(table.id)).limit(limit);
  const english = await englishNamesOf(db.db, rows as Record<string, unknown>[]);
  // `subtitleEn`: the firm it names, by its known English name (English pages show it).
  return rows.map((row) => {
    const subtitle = typeNamed(type).subtitle(row as Record<string, unknown>);
    return { ...publicFields(row as Record<string, unknown>), ...(subtitle && english.has(subtitle) ? { subtitleEn: english.get(subtitle) } : {}) };
  });
}
