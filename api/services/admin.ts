import { findRecord } from '../../ops/lifecycle/find-record.ts';
import { restoreRecord, withdrawRecord } from '../../ops/lifecycle/status.ts';
import { changedHere } from '../change-watch.ts';
import type { Portal } from '../portal.ts';
import { RECORD_TYPES, type RecordType } from '../../types/registry.ts';
import { RECORD_STATUSES } from '../../db/schema/index.ts';
import { z } from 'zod';

/** A change empties this process's caches. (An unknown record is 404, a wrong state 409: api/errors.ts.) */
async function changing<T>(portal: Portal, work: () => Promise<T>): Promise<T> {
  const result = await work();
  changedHere(portal);
  return result;
}

export function withdraw(portal: Portal, input: { id: string; type?: RecordType; reason: string; operator: string }) {
  return changing(portal, async () => {
    const found = await findRecord(portal.db.db, input.id, input.type);
    return withdrawRecord(portal.db.db, { ...found, actor: input.operator, command: 'admin-api withdraw', reason: input.reason });
  });
}

export function restore(portal: Portal, input: { id: string; type?: RecordType; operator: string }) {
  return changing(portal, async () => {
    const found = await findRecord(portal.db.db, input.id, input.type);
    return restoreRecord(portal.db.db, { ...found, actor: input.operator, command: 'admin-api restore' });
  });
}

/** What a withdrawal or restore did. */
export const lifecycleResultSchema = z
  .object({
    type: z.enum(RECORD_TYPES).describe('The record’s type'),
    id: z.string().describe('The record’s id'),
    status: z.enum(RECORD_STATUSES).describe('Its status now'),
    previousStatus: z.enum(RECORD_STATUSES).describe('Its status before'),
  })
  .meta({ id: 'LifecycleResult', description: 'A record’s status before and after a withdrawal or restore' });
