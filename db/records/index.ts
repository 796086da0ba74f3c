import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { RecordType } from '../schema/common.ts';
import { licenseRevocations, penalties, spotChecks, typicalCases } from '../schema/index.ts';
import { licenseRevocationHeaders, licenseRevocationNaturalKey, licenseRevocationSchema } from './license-revocations.ts';
import { penaltyHeaders, penaltyNaturalKey, penaltySchema } from './penalties.ts';
import { spotCheckHeaders, spotCheckNaturalKey, spotCheckSchema } from './spot-checks.ts';
import { typicalCaseHeaders, typicalCaseNaturalKey, typicalCaseSchema } from './typical-cases.ts';
import { normalizeName } from '../normalize/text.ts';

/** An enterprise a record is about, and the column of the record that links to it. */
export interface PartyRef {
  column: string;
  name: string;
  uscc?: string;
  address?: string;
  kind: 'enterprise' | 'person';
  brands?: string[];
  regionCode?: string;
}

type AnySchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

/** Everything the import needs to know about one record type. */
export interface RecordTypeDef<S extends AnySchema = AnySchema> {
  type: RecordType;
  table: typeof spotChecks | typeof licenseRevocations | typeof penalties | typeof typicalCases;
  schema: S;
  headers: Record<string, string[]>;
  idPrefix: string;
  /** Columns linking a record to enterprises: their profiles change when the record does. */
  enterpriseColumns: string[];
  naturalKey(input: z.output<S>): (string | undefined)[];
  parties(input: z.output<S>): PartyRef[];
}

function def<S extends AnySchema>(d: RecordTypeDef<S>): RecordTypeDef {
  return d as unknown as RecordTypeDef;
}

export const RECORD_DEFS: Record<RecordType, RecordTypeDef> = {
  'spot-checks': def({
    type: 'spot-checks',
    table: spotChecks,
    schema: spotCheckSchema,
    headers: spotCheckHeaders,
    idPrefix: 'sc',
    enterpriseColumns: ['manufacturerId', 'sampledUnitId'],
    naturalKey: spotCheckNaturalKey,
    parties: (r) => [
      ...(r.manufacturerName
        ? [{ column: 'manufacturerId', name: r.manufacturerName, uscc: r.manufacturerUscc, address: r.manufacturerAddress, kind: 'enterprise' as const, brands: r.brand ? [r.brand] : [] }]
        : []),
      ...(r.sampledUnitName && r.sampledUnitName !== r.manufacturerName
        ? [{ column: 'sampledUnitId', name: r.sampledUnitName, address: r.sampledUnitAddress, kind: 'enterprise' as const }]
        : []),
    ],
  }),
  'license-revocations': def({
    type: 'license-revocations',
    table: licenseRevocations,
    schema: licenseRevocationSchema,
    headers: licenseRevocationHeaders,
    idPrefix: 'lr',
    enterpriseColumns: ['enterpriseId'],
    naturalKey: licenseRevocationNaturalKey,
    parties: (r) => [{ column: 'enterpriseId', name: r.enterpriseName, uscc: r.enterpriseUscc, kind: 'enterprise', regionCode: r.regionCode }],
  }),
  penalties: def({
    type: 'penalties',
    table: penalties,
    schema: penaltySchema,
    headers: penaltyHeaders,
    idPrefix: 'pn',
    enterpriseColumns: ['enterpriseId'],
    naturalKey: penaltyNaturalKey,
    parties: (r) => [{ column: 'enterpriseId', name: r.partyName, uscc: r.partyUscc, kind: r.partyKind, regionCode: r.regionCode }],
  }),
  'typical-cases': def({
    type: 'typical-cases',
    table: typicalCases,
    schema: typicalCaseSchema,
    headers: typicalCaseHeaders,
    idPrefix: '',
    enterpriseColumns: ['enterpriseId'],
    naturalKey: typicalCaseNaturalKey,
    // Typical cases name their parties anonymously (某电缆有限公司): they link to no profile.
    parties: () => [],
  }),
};

/**
 * A record's identity from its natural key: a stable, URL-safe id (the same record gets the same
 * id everywhere) and the natural key as stored (hash, then the normalized parts, for people).
 */
export function recordIdentity(d: RecordTypeDef, key: (string | undefined)[]): { id: string; naturalKey: string } {
  if (d.type === 'typical-cases') return { id: String(key[0]), naturalKey: String(key[0]) };
  const text = naturalKeyText(key);
  const hash = createHash('sha256').update(text).digest('hex');
  return { id: `${d.idPrefix}-${hash.slice(0, 16)}`, naturalKey: `${hash.slice(0, 32)}:${text.slice(0, 200)}` };
}

/** The natural key as stored: its parts normalized the way names are matched, joined. */
export function naturalKeyText(key: (string | undefined)[]): string {
  return key.map((part) => normalizeName(part ?? '')).join('|');
}
