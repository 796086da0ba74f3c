import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { RecordType } from '../schema/common.ts';
import { licenseRevocations, penalties, spotChecks, typicalCases } from '../schema/index.ts';
import { licenseRevocationHeaders, licenseRevocationNaturalKey, licenseRevocationSchema } from './license-revocations.ts';
import { penaltyHeaders, penaltyNaturalKey, penaltySchema } from './penalties.ts';
import { spotCheckHeaders, spotCheckNaturalKey, spotCheckSchema } from './spot-checks.ts';
import { typicalCaseHeaders, typicalCaseNaturalKey, typicalCaseSchema } from './typical-cases.ts';
import { normalizeName } from '../../core/normalize/text.ts';
import { isNamedOrganisation, type PartyRole } from '../../core/normalize/parties.ts';
import { brandNames } from '../../core/normalize/placeholders.ts';
import { isMaskedIdentifier } from '../../core/normalize/uscc.ts';
import type { SpotCheckInput } from './spot-checks.ts';

/** A party a record names, as the import links it to an enterprise profile. */
export interface PartyRef {
  role: PartyRole;
  name: string;
  /** A complete USCC, the profile's key; a partly masked one is only `publishedUscc`. */
  uscc?: string;
  publishedUscc?: string;
  address?: string;
  kind: 'enterprise' | 'person';
  brands?: string[];
  regionCode?: string;
  annotation?: string;
  /** The record's own link column this party fills (the first party of its role). */
  column?: string;
  /** False for a name that must not get a profile (an anonymised party such as 某电缆有限公司). */
  link: boolean;
}

/** A party's USCC as a profile key: complete codes only, never a masked one. */
const profileUscc = (uscc: string | undefined) => (uscc && !isMaskedIdentifier(uscc) ? uscc : undefined);

function spotCheckParties(r: SpotCheckInput): PartyRef[] {
  const brands = brandNames(r.brand);
  const firsts = new Set<string>();
  return r.parties.map((p) => {
    const column = p.role === 'manufacturer' ? 'manufacturerId' : p.role === 'sampled' ? 'sampledUnitId' : undefined;
    const first = column && !firsts.has(column) && firsts.add(column);
    return {
      role: p.role, name: p.name, uscc: profileUscc(p.uscc), publishedUscc: p.uscc, address: p.address, kind: p.kind ?? 'enterprise',
      // A masked individual trader (甘**) is not one person: no profile.
      annotation: p.annotation, link: p.kind !== 'person', column: first && p.kind !== 'person' ? column : undefined,
      brands: p.role === 'manufacturer' || p.role === 'producer' || p.role === 'importer' ? brands : [],
    };
  });
}

type AnySchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

/** Everything the import needs to know about one record type. */
export interface RecordTypeDef<S extends AnySchema = AnySchema> {
  type: RecordType;
  table: typeof spotChecks | typeof licenseRevocations | typeof penalties | typeof typicalCases;
  schema: S;
  headers: Record<string, string[]>;
  idPrefix: string;
  naturalKey(input: z.output<S>): (string | undefined)[];
  parties(input: z.output<S>): PartyRef[];
  /**
   * For types published as lists of tested batches (spot checks): the fields holding a row's
   * result, its unqualified items and its product kind, so a list without a result column (an
   * unqualified-products list) or with section rows (`1、柴油机油`) can still be read.
   */
  list?: { resultField: string; itemsField: string; kindField: string };
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
    naturalKey: spotCheckNaturalKey,
    parties: spotCheckParties,
    list: { resultField: 'result', itemsField: 'unqualifiedItems', kindField: 'productKind' },
  }),
  'license-revocations': def({
    type: 'license-revocations',
    table: licenseRevocations,
    schema: licenseRevocationSchema,
    headers: licenseRevocationHeaders,
    idPrefix: 'lr',
    naturalKey: licenseRevocationNaturalKey,
    parties: (r) => [{ role: 'holder', column: 'enterpriseId', name: r.enterpriseName, uscc: profileUscc(r.enterpriseUscc), publishedUscc: r.enterpriseUscc, kind: 'enterprise', regionCode: r.regionCode, link: true }],
  }),
  penalties: def({
    type: 'penalties',
    table: penalties,
    schema: penaltySchema,
    headers: penaltyHeaders,
    idPrefix: 'pn',
    naturalKey: penaltyNaturalKey,
    parties: (r) => [{ role: 'party', column: 'enterpriseId', name: r.partyName, uscc: profileUscc(r.partyUscc), publishedUscc: r.partyUscc, kind: r.partyKind, regionCode: r.regionCode, link: true }],
  }),
  'typical-cases': def({
    type: 'typical-cases',
    table: typicalCases,
    schema: typicalCaseSchema,
    headers: typicalCaseHeaders,
    idPrefix: '',
    naturalKey: typicalCaseNaturalKey,
    // Typical cases often name their parties anonymously (某电缆有限公司): only a party named in
    // full (山东某某线缆有限公司 is not; 山东天猫线缆有限公司 is) links to a profile.
    parties: (r) => (r.parties ?? '').split(/[、，,；;\n]/).map((name) => name.trim()).filter(isNamedOrganisation)
      .map((name, i) => ({ role: 'party' as const, name, kind: 'enterprise' as const, regionCode: r.regionCode, link: true, column: i === 0 ? 'enterpriseId' : undefined })),
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
