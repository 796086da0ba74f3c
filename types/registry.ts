import type { Bilingual } from '../core/labels.ts';
import { crossBorderAlertType } from './cross-border-alerts/index.ts';
import { licenseRevocationType } from './license-revocations/index.ts';
import { penaltyType } from './penalties/index.ts';
import type { RecordTypeDescriptor } from './shared/descriptor.ts';
import { spotCheckType } from './spot-checks/index.ts';
import { typicalCaseType } from './typical-cases/index.ts';

/**
 * Every record type, in the order lists show them: the one place that names them all. Import,
 * store, search, API and pages iterate over these descriptors (types/shared/descriptor.ts); a
 * type's own folder (types/<name>/, site/types/<name>/, sample/types/<name>/) holds the rest.
 */
const DESCRIPTORS = [spotCheckType, penaltyType, licenseRevocationType, typicalCaseType, crossBorderAlertType] as const;
export const TYPES: readonly RecordTypeDescriptor[] = DESCRIPTORS;
/** The descriptors with their precise types (what each contributes to an enterprise's facts…). */
export type Descriptors = typeof DESCRIPTORS;

/** The stable type names: URLs, API paths, index names, file names. */
export const RECORD_TYPES = [spotCheckType.name, penaltyType.name, licenseRevocationType.name, typicalCaseType.name, crossBorderAlertType.name] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const isRecordType = (name: unknown): name is RecordType => RECORD_TYPES.includes(name as RecordType);

/** Each type's descriptor by its name. */
export const TYPE_BY_NAME = Object.fromEntries(TYPES.map((t) => [t.name, t])) as Record<RecordType, RecordTypeDescriptor>;

/** How pages name each type, and enterprises. */
export const TYPE_LABELS: Record<RecordType | 'enterprises', Bilingual> = {
  ...(Object.fromEntries(TYPES.map((t) => [t.name, t.label])) as Record<RecordType, Bilingual>),
  enterprises: { zh: '企业', en: 'Enterprises' },
};

/** The descriptor of a type name (the caller has validated it). */
export const typeNamed = (name: RecordType): RecordTypeDescriptor => TYPE_BY_NAME[name];

/** The types that have a given capability, with it: `typesWith('expiry')`. */
export function typesWith<K extends keyof RecordTypeDescriptor>(key: K): (RecordTypeDescriptor & Required<Pick<RecordTypeDescriptor, K>>)[] {
  return TYPES.filter((t): t is RecordTypeDescriptor & Required<Pick<RecordTypeDescriptor, K>> => t[key] !== undefined);
}

/** A regular-expression alternation of the type names, for routes: `spot-checks|license-revocations|…`. */
export const TYPE_PATTERN = RECORD_TYPES.map((t) => t.replace(/[-]/g, '\\-')).join('|');
