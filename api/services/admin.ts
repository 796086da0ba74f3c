import { findRecord } from '../../ops/lifecycle/find-record.ts';
import { restoreRecord, withdrawRecord } from '../../ops/lifecycle/status.ts';
import { changedHere } from '../change-watch.ts';
import type { Portal } from '../portal.ts';
import { type RecordType } from '../../types/registry.ts';

/** A change empties this process's caches. (An unknown record is 404, a wrong state 409: api/errors.ts.) */
async function changing<T>(work: () => Promise<T>): Promise<T> {
  const result = await work();
  changedHere();
  return result;
}

export function withdraw(portal: Portal, input: { id: string; type?: RecordType; reason: string; operator: string }) {
  return changing(async () => {
    const found = await findRecord(portal.db.db, input.id, input.type);
    return withdrawRecord(portal.db.db, { ...found, actor: input.operator, command: 'admin-api withdraw', reason: input.reason });
  });
}

export function restore(portal: Portal, input: { id: string; type?: RecordType; operator: string }) {
  return changing(async () => {
    const found = await findRecord(portal.db.db, input.id, input.type);
    return restoreRecord(portal.db.db, { ...found, actor: input.operator, command: 'admin-api restore' });
  });
}
