import { isVisibleStatus } from '../../db/schema/common.ts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { FactsDescriptor, RecordTypeDescriptor } from '../shared/descriptor.ts';
import { fieldColumns, listColumn } from '../shared/csv.ts';
import { linkColumns, matchAlerts, matchKeys, partiesOfRow, relinkAlerts } from './match.ts';
import { crossBorderAlertHeaders, crossBorderAlertNaturalKey, crossBorderAlertSchema, type CrossBorderAlertInput } from './record.ts';
import { crossBorderAlertDocument, crossBorderAlertHeading, crossBorderAlertIndexSettings, crossBorderAlertTitle } from './search.ts';
import { ALERT_SOURCE_IDS, ALERT_SOURCES, alertSource, JURISDICTION_LABELS, recogniseSource, SOURCE_LABELS } from './sources.ts';
import { crossBorderAlertStats } from './stats.ts';
import { crossBorderAlerts, type CrossBorderAlertRow } from './table.ts';
import { crossBorderAlertDictionary } from './dictionary.ts';

/** What foreign alerts say about an enterprise: how many name it (its own section of the profile, never the domestic verdict). */
export interface CrossBorderAlertFacts {
  crossBorderAlerts: number;
}

const facts: FactsDescriptor<CrossBorderAlertFacts> = {
  columns: {},
  empty: () => ({ crossBorderAlerts: 0 }),
  docs: { crossBorderAlerts: 'Foreign regulators’ alerts linked to the enterprise (strong name matches only)' },
  add(f) {
    f.crossBorderAlerts += 1;
  },
  count: (f) => f.crossBorderAlerts,
  counts: ['crossBorderAlerts'],
};


/** cross-border-alerts (境外通报): one foreign regulator's alert, recall or border rejection. */
export const crossBorderAlertType = {
  name: 'cross-border-alerts' as const,
  dictionary: crossBorderAlertDictionary,
  label: { zh: '境外通报', en: 'Cross-border alerts' },
  record: { zh: '境外通报记录', en: 'Cross-border alert' },
  nav: { path: '/search?type=cross-border-alerts', label: { zh: '境外通报', en: 'Alerts abroad' } },
  table: crossBorderAlerts,
  import: {
    schema: crossBorderAlertSchema,
    headers: crossBorderAlertHeaders,
    naturalKey: (input) => crossBorderAlertNaturalKey(input as CrossBorderAlertInput),
    idPrefix: 'cb',
    // No profile is ever created from an alert: the producers link existing ones (`link`) or none.
    parties: (input) => (input as CrossBorderAlertInput).producers.map((p) => ({ role: p.role, name: p.name, annotation: p.annotation, kind: 'enterprise' as const, link: false })),
    sources: {
      ids: ALERT_SOURCE_IDS,
      recognise: recogniseSource,
      // The rest (authority, jurisdiction, licence) follows from the publisher in the schema.
      values: (id) => ({ publisher: id }),
    },
    link: async (db, rows) => {
      const parties = rows.map((row) => partiesOfRow(row as CrossBorderAlertRow));
      const matches = await matchAlerts(db, parties);
      return rows.map((row, i) => ({ ...linkColumns(row as CrossBorderAlertRow, matches[i]!), matchKeys: matchKeys(parties[i]!) }));
    },
  },
  title: (r) => crossBorderAlertTitle(r as Pick<CrossBorderAlertRow, 'productName' | 'publisher'>),
  subtitle: (r) => (r.producerName ?? r.brand ?? undefined) as string | undefined,
  summary: (r) => [r.producerName, r.brand, r.hazard, JURISDICTION_LABELS[String(r.jurisdiction)]?.zh].filter(Boolean).join(' · '),
  date: (r) => String(r.publishedAt),
  heading: (r, lang) => crossBorderAlertHeading(r as Pick<CrossBorderAlertRow, 'productName'>, lang),
  vocabularies: { jurisdiction: (v) => JURISDICTION_LABELS[v], publisher: (v) => SOURCE_LABELS[v] },
  outcome: (r) => ({ tone: 'adverse', label: alertSource(String(r.publisher))?.measure ?? { zh: '境外通报', en: 'Alert abroad' } }),
  search: {
    settings: crossBorderAlertIndexSettings,
    document: (row) => crossBorderAlertDocument(row as CrossBorderAlertRow),
    fallback: {
      text: [crossBorderAlerts.productName, crossBorderAlerts.producerName, crossBorderAlerts.brand, crossBorderAlerts.model],
      identifiers: [crossBorderAlerts.alertNumber, crossBorderAlerts.productCode],
    },
  },
  csv: [
    ...fieldColumns<CrossBorderAlertRow>('publisher', 'alertNumber', 'datePrecision', 'jurisdiction', 'notifyingCountry', 'originCountry', 'fromChina'),
    ...fieldColumns<CrossBorderAlertRow>('productName', 'productType', 'brand', 'model', 'productCode', 'barcodes', 'producerName'),
    ...fieldColumns<CrossBorderAlertRow>('hazard', 'hazardDetail', 'measures', 'recallCode', 'productionDates', 'licence'),
    // Only strong matches: a possible match is a lead for the reader of the record page, not a fact for a table.
    listColumn('linked_enterprises', (r) => (r.matches as CrossBorderAlertRow['matches']).filter((m) => m.status === 'linked').map((m) => m.enterpriseName)),
  ],
  filters: {
    publisher: {
      schema: z.enum(ALERT_SOURCE_IDS, { error: `must be one of: ${ALERT_SOURCE_IDS.join(', ')}` }),
      attribute: 'publisher',
      sql: (value) => sql`${crossBorderAlerts.publisher} = ${value}`,
      title: { zh: '发布机构', en: 'Publisher' },
      value: (v) => SOURCE_LABELS[v],
    },
  },
  countable: {
    publisher: sql`${crossBorderAlerts.publisher}`,
    jurisdiction: sql`${crossBorderAlerts.jurisdiction}`,
    originCountry: sql`${crossBorderAlerts.originCountry}`,
    hazard: sql`${crossBorderAlerts.hazard}`,
  },
  facts,
  stats: crossBorderAlertStats,
  ownSection: true,
  // The profile lists the alerts linked to it, each with why it was linked.
  profile: (rows, enterpriseId) => ({
    crossBorderAlerts: (rows as CrossBorderAlertRow[])
      .filter((r) => isVisibleStatus(r.status))
      .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1))
      .map((r) => ({
        id: r.id, url: `/cross-border-alerts/${encodeURIComponent(r.id)}`, title: crossBorderAlertTitle(r), productName: r.productName,
        publishedAt: r.publishedAt, datePrecision: r.datePrecision, publisher: r.publisher, jurisdiction: r.jurisdiction, hazard: r.hazard,
        match: r.matches.find((m) => m.enterpriseId === enterpriseId && m.status === 'linked'),
      })),
  }),
  relink: relinkAlerts,
  licences: ALERT_SOURCES.map((s) => ({ name: s.name, licence: s.licence })),
  // Every visible alert: a foreign measure is itself the finding. Its producers count only where linked to a profile.
  products: {
    where: sql`true`,
    fields: { productName: 'productName', brand: 'brand', model: 'model', batch: 'productionDates', manufacturerName: 'producerName', barcodes: 'barcodes' },
    byMakers: (ids) => sql`${crossBorderAlerts.enterpriseIds} && ${sql.param(ids)}::text[]`,
    makers: (row) => (row.enterpriseIds as string[]) ?? [],
    finding: (row) => [row.hazard, row.measures].filter(Boolean).join(' · ') || undefined,
  },
} satisfies RecordTypeDescriptor;
