import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { brandNames } from '../../core/normalize/placeholders.ts';
import { fieldColumns, listColumn } from '../shared/csv.ts';
import type { RecordTypeDescriptor, PartyRef } from '../shared/descriptor.ts';
import { profileUscc } from '../shared/identity.ts';
import { spotCheckFacts } from './facts.ts';
import { CHANNEL_LABELS, LEVEL_LABELS, RESULT_LABELS } from './labels.ts';
import { spotCheckHeaders, spotCheckNaturalKey, spotCheckSchema, type SpotCheckInput } from './record.ts';
import { spotCheckDocument, spotCheckIndexSettings } from './search.ts';
import { spotCheckStats } from './stats.ts';
import { spotChecks, type SpotCheckRow } from './table.ts';
import { spotCheckDictionary } from './dictionary.ts';

/** Every party the row names, with its role; the first manufacturer and sampled unit fill the record's link columns. */
function parties(r: SpotCheckInput): PartyRef[] {
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

const verdictWord = (row: Record<string, unknown>) => (row.result === 'unqualified' ? '不合格' : '合格');
const itemsOf = (row: Record<string, unknown>) => (row.unqualifiedItems as SpotCheckRow['unqualifiedItems']).map((u) => u.item).join('、');

/** spot-checks (监督抽查结果): one sampled product batch in one announcement. */
export const spotCheckType = {
  name: 'spot-checks' as const,
  dictionary: spotCheckDictionary,
  label: { zh: '监督抽查', en: 'Spot checks' },
  record: { zh: '监督抽查记录', en: 'Spot-check record' },
  nav: { path: '/search?type=spot-checks', label: { zh: '监督抽查', en: 'Spot checks' } },
  table: spotChecks,
  import: {
    schema: spotCheckSchema,
    headers: spotCheckHeaders,
    naturalKey: (input) => spotCheckNaturalKey(input as SpotCheckInput),
    idPrefix: 'sc',
    parties: (input) => parties(input as SpotCheckInput),
    list: { resultField: 'result', itemsField: 'unqualifiedItems', kindField: 'productKind' },
  },
  title: (r) => `${r.productName}（${verdictWord(r)}）`,
  subtitle: (r) => (r.manufacturerName ?? (r.namedParties as SpotCheckRow['namedParties'])?.[0]?.name ?? r.sampledUnitName ?? undefined) as string | undefined,
  summary: (r) => [r.manufacturerName, r.brand, r.model, itemsOf(r) && `不合格项目：${itemsOf(r)}`].filter(Boolean).join(' · '),
  date: (r) => String(r.publishedAt),
  heading: (r) => String(r.productName),
  outcome: (r) => ({ tone: r.result === 'unqualified' ? 'adverse' : 'clean', label: RESULT_LABELS[r.result as SpotCheckRow['result']] }),
  vocabularies: { result: (v) => RESULT_LABELS[v as SpotCheckRow['result']], level: (v) => LEVEL_LABELS[v as keyof typeof LEVEL_LABELS], channel: (v) => CHANNEL_LABELS[v as keyof typeof CHANNEL_LABELS] },
  search: {
    settings: spotCheckIndexSettings,
    document: (row) => spotCheckDocument(row as SpotCheckRow),
    fallback: {
      text: [spotChecks.productName, spotChecks.manufacturerName, spotChecks.brand, spotChecks.sampledUnitName, spotChecks.model],
      identifiers: [spotChecks.manufacturerUscc],
    },
  },
  csv: [
    ...fieldColumns<SpotCheckRow>('productName', 'productKind', 'brand', 'model', 'batch', 'batchDate', 'qualityGrade', 'result'),
    listColumn('unqualified_items', (r) => (r.unqualifiedItems as SpotCheckRow['unqualifiedItems']).map((u) => u.item)),
    ...fieldColumns<SpotCheckRow>('manufacturerName', 'manufacturerUscc', 'manufacturerAddress', 'sampledUnitName', 'sampledUnitAddress'),
    ...fieldColumns<SpotCheckRow>('platform', 'store', 'channel', 'level', 'jurisdiction', 'standard', 'inspectionAgency', 'disposal'),
  ],
  filters: {
    result: {
      schema: z.enum(['qualified', 'unqualified'], { error: 'must be qualified or unqualified' }),
      attribute: 'result',
      sql: (value) => sql`${spotChecks.result} = ${value}`,
      title: { zh: '抽查结果', en: 'Result' },
      value: (v) => RESULT_LABELS[v as keyof typeof RESULT_LABELS],
    },
  },
  countable: { result: sql`${spotChecks.result}`, level: sql`${spotChecks.level}`, channel: sql`${spotChecks.channel}` },
  facts: spotCheckFacts({ result: spotChecks.result, publishedAt: spotChecks.publishedAt }),
  announcementSiblings: sql`${spotChecks.result} = 'unqualified'`,
  campaignFailures: { count: sql<number>`count(*) filter (where ${spotChecks.result} = 'unqualified')::int`, query: 'result=unqualified' },
  stats: spotCheckStats,
  // Only failed batches: a platform screening its listings asks what must come down.
  products: {
    where: sql`result = 'unqualified'`,
    fields: { productName: 'productName', brand: 'brand', model: 'model', batch: 'batch', batchDate: 'batchDate', manufacturerName: 'manufacturerName', manufacturerUscc: 'manufacturerUscc', platform: 'platform', store: 'store' },
    byMakers: (ids) => sql`${spotChecks.manufacturerId} = any(${sql.param(ids)}::text[])`,
    makers: (row) => (row.manufacturerId ? [String(row.manufacturerId)] : []),
    finding: (row) => itemsOf(row) || undefined,
  },
} satisfies RecordTypeDescriptor;
