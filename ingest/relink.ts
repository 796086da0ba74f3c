import { auditLog, searchOutbox } from '../db/schema/index.ts';
import { typesWith } from '../types/registry.ts';
import type { Tx } from './write-batch.ts';

/**
 * After profiles were created or changed (new enterprises, a directory's English names), the types
 * that match their records to profiles by their own rule (foreign alerts) match again. Each record
 * whose links changed gets a `link` entry in the audit log — the change feed carries it — and is
 * queued for search with the profiles it was or now is linked to. Returns how many changed.
 */
export async function relinkRecords(tx: Tx, profiles: Iterable<string>, by: { actor: string; command: string; source: string; importId?: number; except?: string }): Promise<number> {
  const ids = [...profiles];
  if (ids.length === 0) return 0;
  let changed = 0;
  for (const type of typesWith('relink')) {
    // The type's own import has just linked its records.
    if (type.name === by.except) continue;
    const { records, enterprises } = await type.relink(tx, ids);
    if (records.length === 0) continue;
    await tx.insert(auditLog).values(records.map((r) => ({
      type: type.name, recordId: r.id, action: 'link' as const, version: r.version, actor: by.actor, command: by.command, importId: by.importId, source: by.source,
    })));
    await tx.insert(searchOutbox).values([
      ...records.map((r) => ({ target: type.name, recordId: r.id })),
      ...enterprises.map((id) => ({ target: 'enterprises', recordId: id })),
    ]);
    changed += records.length;
  }
  return changed;
}
