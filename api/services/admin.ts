import { findRecord, RecordNotFound } from '../../db/lifecycle/find-record.ts';
import { LifecycleError, restoreRecord, withdrawRecord } from '../../db/lifecycle/status.ts';
import type { RecordType } from '../../db/schema/common.ts';
import { changedHere } from '../change-watch.ts';
import { DomainError, NotFoundError } from '../errors.ts';
import type { Portal } from '../portal.ts';

/** Lifecycle failures as domain errors: an unknown record is 404, a wrong state is 409. A change empties this process's caches. */
async function mapLifecycle<T>(work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    changedHere();
    return result;
  } catch (error) {
    if (error instanceof RecordNotFound) throw new NotFoundError(error.message);
    if (error instanceof LifecycleError) throw new DomainError('CONFLICT', error.message);
    throw error;
  }
}

export function withdraw(portal: Portal, input: { id: string; type?: RecordType; reason: string; operator: string }) {
  return mapLifecycle(async () => {
    const found = await findRecord(portal.db.db, input.id, input.type);
    return withdrawRecord(portal.db.db, { ...found, actor: input.operator, command: 'admin-api withdraw', reason: input.reason });
  });
}

export function restore(portal: Portal, input: { id: string; type?: RecordType; operator: string }) {
  return mapLifecycle(async () => {
    const found = await findRecord(portal.db.db, input.id, input.type);
    return restoreRecord(portal.db.db, { ...found, actor: input.operator, command: 'admin-api restore' });
  });
}
