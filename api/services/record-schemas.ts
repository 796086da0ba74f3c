import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../db/schema/index.ts';
import { RECORD_TYPES, TYPES, type Descriptors, type RecordType } from '../../types/registry.ts';
import { isoTimestamp, recordSchemaOf, schemaNameOf, typedSchema, type PublicRow } from '../../types/shared/record-schema.ts';

/** A text in both languages. */
export const bilingualSchema = z
  .object({ zh: z.string().describe('In Chinese'), en: z.string().describe('In English') })
  .meta({ id: 'Bilingual', description: 'A text in Chinese and English' });

/** What a record found, as its badge says it everywhere. */
export const outcomeSchema = z
  .object({
    tone: z.enum(['adverse', 'clean', 'neutral']).describe('adverse counts against the enterprise named; clean is a pass; neutral neither'),
    label: bilingualSchema.describe('The badge’s words'),
  })
  .meta({ id: 'Outcome', description: 'What the record found, as its badge says it (failed, passed, revoked, penalty…)' });

export const recordTypeSchema = z.enum(RECORD_TYPES).meta({ id: 'RecordType', description: 'A record type’s stable name, as in URLs and API paths' });

/** Each type's record, derived from its drizzle table and described from its dictionary. */
export const RECORD_SCHEMAS = Object.fromEntries(TYPES.map((t) => [t.name, recordSchemaOf(t)])) as Record<RecordType, ReturnType<typeof recordSchemaOf>>;

type DescriptorOf<N extends RecordType> = Extract<Descriptors[number], { name: N }>;
/** One record of type N as the API publishes it (JSON: timestamps as strings). */
export type PublicRecordOf<N extends RecordType> = PublicRow<DescriptorOf<N>['table']['$inferSelect']>;

export const relatedRecordSchema = z
  .object({
    type: recordTypeSchema,
    id: z.string().describe('The related record’s id'),
    title: z.string().describe('Its title, in the language of its announcement'),
    heading: bilingualSchema.describe('The title without its outcome, in both languages'),
    outcome: outcomeSchema,
    date: z.iso.date().describe('Its own date (a decision date, or the publication date)'),
    relation: z.enum(['same-announcement', 'same-enterprise', 'cited-decision', 'cites-decision']).describe('Why it is related'),
  })
  .meta({ id: 'RelatedRecord', description: 'A record a reader of this one would want next' });

const versionSchema = z.object({
  version: z.number().int().describe('Version number (1 for the first publication)'),
  createdAt: isoTimestamp.describe('When this version was stored'),
  data: z.record(z.string(), z.unknown()).describe('Every published field of the record as it was in this version'),
});
const eventSchema = z.object({
  action: z.enum(AUDIT_ACTIONS).describe('What happened: create, correct, withdraw, restore, expire, link…'),
  at: isoTimestamp.describe('When it happened'),
  version: z.number().int().describe('The version it produced or concerned'),
  reason: z.string().nullable().describe('The reason given (a withdrawal’s, an expiry’s); null when none'),
});
const labelsSchema = z
  .record(z.string(), z.union([bilingualSchema, z.array(bilingualSchema)]))
  .describe('Coded and fixed-vocabulary fields in Chinese and English, from the portal’s glossary: status, outcome, authority, region, productCategory, campaign and the type’s own codes. A value the glossary cannot word keeps its published Chinese in `en`.');

/** One record with its labels, related records, versions and lifecycle events, for one type. */
const recordResponseOf = <N extends RecordType>(type: N) =>
  z.object({
    type: z.literal(type).describe('The record’s type'),
    record: RECORD_SCHEMAS[type],
    labels: labelsSchema,
    related: z.array(relatedRecordSchema).describe('Related records, newest first (visible ones only)'),
    versions: z.array(versionSchema).describe('Every version, newest first: the current one, then those corrections replaced'),
    events: z.array(eventSchema).describe('Its lifecycle events, oldest first'),
  }).meta({ id: `${schemaNameOf({ name: type })}RecordResponse`, description: `One ${type} record with its labels, related records, versions and history` });

/** GET /{type}/{id} for a record of type N: `data.type === N` narrows `data.record` to that type's fields. */
export type RecordResponseOf<N extends RecordType> = Omit<z.output<ReturnType<typeof recordResponseOf>>, 'type' | 'record'> & { type: N; record: PublicRecordOf<N> };
export type RecordResponse = { [N in RecordType]: RecordResponseOf<N> }[RecordType];

/** One record with its history, whatever its type: one alternative per type, told apart by `type`. */
const [firstResponse, ...otherResponses] = RECORD_TYPES.map(recordResponseOf);
export const recordResponseSchema = typedSchema<RecordResponse>(
  z
    .discriminatedUnion('type', [firstResponse!, ...otherResponses])
    .meta({ id: 'RecordResponse', description: 'One record with its labels, related records, versions and lifecycle history (withdrawn and expired records too)' }),
);

/** The newest records of a type (home page, listings), each with `subtitleEn` when the firm it names has a known English name. */
export const latestRecordsSchema = z.array(z.record(z.string(), z.unknown()).describe('A record, every published field, and subtitleEn'));
