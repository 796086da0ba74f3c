import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../db/schema/index.ts';
import { metaSchema } from './list-meta.ts';
import { recordTypeSchema } from './record-schemas.ts';

export const changeEntrySchema = z
  .object({
    seq: z.string().describe('This change’s cursor: `since=<seq>` continues right after it'),
    type: recordTypeSchema,
    id: z.string().describe('The record’s id'),
    action: z.enum(AUDIT_ACTIONS).describe('What happened to the record'),
    version: z.number().int().describe('The record’s version after the change'),
    at: z.string().describe('When the change was committed (ISO 8601)'),
    reason: z.string().optional().describe('The reason given for a withdrawal, restore or expiry'),
    record: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('The record as it is now: every public field (as in its type’s …Record schema) while it is published or corrected — upsert it; only status, statusReason and statusChangedAt once it is withdrawn or expired — delete it'),
    url: z.string().describe('Path of the record’s page'),
  })
  .meta({ id: 'ChangeEntry', description: 'One change in the change feed' });

export const changesResponseSchema = z
  .object({
    changes: z.array(changeEntrySchema).describe('The changes after `since`, in commit order'),
    meta: metaSchema
      .omit({ next_cursor: true })
      .extend({
        next_cursor: z.string().describe('Pass as `since` to continue; the same cursor when nothing followed (poll again later)'),
        has_more: z.boolean().describe('True when more changes are waiting: ask again at once'),
      })
      .describe('Paging, freshness and licence'),
  })
  .meta({ id: 'ChangesResponse', description: 'A page of the change feed' });
