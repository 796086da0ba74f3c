import type { FieldDoc, RecordTypeDescriptor } from './descriptor.ts';

/** The fields every record has (db/schema/common.ts), described once for every type. */
export const COMMON_FIELD_DOCS: Record<string, FieldDoc> = {};

/** Every field a record of `type` publishes, described: the common ones, then the type's own. */
export function fieldDocsOf(type: Pick<RecordTypeDescriptor, 'dictionary'>): Record<string, FieldDoc> {
  return { ...COMMON_FIELD_DOCS, ...type.dictionary };
}
