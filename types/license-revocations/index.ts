import { isVisibleStatus } from '../../db/schema/common.ts';
import { sql } from 'drizzle-orm';
import { canonicalLicenceNo } from '../../core/text/index.ts';
import type { FactsDescriptor, RecordTypeDescriptor } from '../shared/descriptor.ts';
import { fieldColumns } from '../shared/csv.ts';
import { profileUscc } from '../shared/identity.ts';
import { LICENSE_ACTION_LABELS, LICENSE_TYPE_LABELS } from './labels.ts';
import { licenseRevocationHeaders, licenseRevocationNaturalKey, licenseRevocationSchema, type LicenseRevocationInput } from './record.ts';
import { LICENSE_ACTION_ZH, licenseRevocationDocument, licenseRevocationIndexSettings } from './search.ts';
import { licenseRevocations, type LicenseRevocationRow } from './table.ts';
import { licenseRevocationDictionary } from './dictionary.ts';

/** What licence actions say about an enterprise: how many, and whether a licence was revoked or withdrawn. */
export interface LicenceFacts {
  licenseRevocations: number;
  licenseRevoked: boolean;
  /** A licence suspended (暂停) and not since cancelled by a later record: adverse too, said apart. */
  licenseSuspended: boolean;
}

const facts: FactsDescriptor<LicenceFacts> = {
  columns: { action: licenseRevocations.action },
  empty: () => ({ licenseRevocations: 0, licenseRevoked: false, licenseSuspended: false }),
  docs: {
    licenseRevocations: 'Licence actions against the enterprise (revoked, withdrawn, cancelled, suspended)',
    licenseRevoked: 'True when a licence of the enterprise was revoked or withdrawn',
    licenseSuspended: 'True when a licence of the enterprise is suspended',
  },
  add(f, row) {
    f.licenseRevocations += 1;
    if (row.action === 'revoked' || row.action === 'withdrawn') f.licenseRevoked = true;
    if (row.action === 'suspended') f.licenseSuspended = true;
  },
  count: (f) => f.licenseRevocations,
  flags: ['licenseRevoked', 'licenseSuspended'],
  counts: ['licenseRevocations'],
};

// Licence numbers compared as canonicalLicenceNo, then letters and digits only — on both sides.
const FULL_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0xff01 + i)).join('');
const HALF_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join('');

/** license-revocations (吊销/撤销/注销许可证): one action on one licence or certificate. */
export const licenseRevocationType = {
  name: 'license-revocations' as const,
  dictionary: licenseRevocationDictionary,
  label: { zh: '许可证吊销/撤销', en: 'Licence revocations' },
  record: { zh: '许可证处理记录', en: 'Licence record' },
  nav: { path: '/search?type=license-revocations', label: { zh: '许可证', en: 'Licences' } },
  table: licenseRevocations,
  import: {
    schema: licenseRevocationSchema,
    headers: licenseRevocationHeaders,
    naturalKey: (input) => licenseRevocationNaturalKey(input as LicenseRevocationInput),
    idPrefix: 'lr',
    parties: (input) => {
      const r = input as LicenseRevocationInput;
      return [{ role: 'holder', column: 'enterpriseId', name: r.enterpriseName, uscc: profileUscc(r.enterpriseUscc), publishedUscc: r.enterpriseUscc, kind: 'enterprise', regionCode: r.regionCode, link: true }];
    },
  },
  title: (r) => `${r.enterpriseName} ${r.licenseNo}（${LICENSE_ACTION_ZH[r.action as LicenseRevocationRow['action']]}）`,
  subtitle: (r) => (r.product ?? undefined) as string | undefined,
  summary: (r) => [r.product, r.reason].filter(Boolean).join(' · '),
  date: (r) => String(r.decidedAt),
  heading: (r) => `${r.enterpriseName} ${r.licenseNo}`,
  // A cancelled (注销) licence is often the holder's own request: not adverse.
  outcome: (r) => ({ tone: r.action === 'cancelled' ? 'neutral' : 'adverse', label: LICENSE_ACTION_LABELS[r.action as LicenseRevocationRow['action']] }),
  vocabularies: { action: (v) => LICENSE_ACTION_LABELS[v as LicenseRevocationRow['action']], licenseType: (v) => LICENSE_TYPE_LABELS[v as keyof typeof LICENSE_TYPE_LABELS] },
  search: {
    settings: licenseRevocationIndexSettings,
    document: (row) => licenseRevocationDocument(row as LicenseRevocationRow),
    fallback: {
      text: [licenseRevocations.enterpriseName, licenseRevocations.licenseNo, licenseRevocations.product],
      identifiers: [licenseRevocations.enterpriseUscc, licenseRevocations.licenseNo, licenseRevocations.decisionNo],
    },
  },
  csv: fieldColumns<LicenseRevocationRow>('enterpriseName', 'enterpriseUscc', 'licenseType', 'licenseNo', 'action', 'product', 'reason', 'decisionNo', 'decidedAt'),
  countable: { action: sql`${licenseRevocations.action}`, licenseType: sql`${licenseRevocations.licenseType}` },
  facts,
  relatedByEnterprise: true,
  decisionNumbers: licenseRevocations.decisionNo,
  screening: {
    query: 'licenseNo',
    reason: 'licence-no',
    key: (raw) => canonicalLicenceNo(raw).replace(/[^0-9A-Z]/g, ''),
    keySql: sql<string>`upper(regexp_replace(translate(${licenseRevocations.licenseNo}, ${FULL_WIDTH}, ${HALF_WIDTH}), '[^0-9A-Za-z]', '', 'g'))`,
  },
  // The profile names every licence action, newest first (the verdict says which count against
  // the holder), and, as before, the licences that were revoked or withdrawn.
  profile: (rows) => {
    const actions = (rows as LicenseRevocationRow[])
      .filter((r) => isVisibleStatus(r.status))
      .map((r) => ({ id: r.id, licenseNo: r.licenseNo, decidedAt: r.decidedAt, action: r.action, product: r.product }))
      .sort((a, b) => (a.decidedAt < b.decidedAt ? 1 : -1));
    return { licenceActions: actions, revokedLicences: actions.filter((a) => a.action === 'revoked' || a.action === 'withdrawn') };
  },
} satisfies RecordTypeDescriptor;
