import type { Bilingual } from '../../core/labels.ts';
import { headerKey } from '../../core/normalize/header-key.ts';

/**
 * The foreign regulators whose alerts the portal republishes, each read in its own file shape.
 * A file is recognised by headers only that publisher uses (or named with `--source`); what the
 * publisher implies — who acted, where, under which licence — fills the fields no column gives.
 */
export interface AlertSource {
  id: string;
  name: Bilingual;
  /** Who published the alert, as the record's authority. */
  authority: string;
  /** Where the measure applies: EU, US, TW. */
  jurisdiction: string;
  /** The licence its data is published under, as the publisher states it. */
  licence: string;
  /** Where the publisher's own list is, for the record page. */
  home: string;
  /** Headers (any one) that only this publisher's files have. */
  signature: string[];
  /** What kind of measure its alerts are, for titles: 欧盟通报, 美国召回. */
  measure: Bilingual;
  /** How it writes a date with slashes: 25/05/2013 (day first) or 05/25/2013 (month first). */
  dayFirst: boolean;
}

export const ALERT_SOURCES = [
  {
    id: 'eu-safety-gate',
    name: { zh: '欧盟 Safety Gate 危险非食品快速预警', en: 'EU Safety Gate (rapid alert system for dangerous non-food products)' },
    authority: 'European Commission — Safety Gate',
    jurisdiction: 'EU',
    licence: '© European Union; reuse authorised with acknowledgement of the source (Commission Decision 2011/833/EU)',
    home: 'https://ec.europa.eu/safety-gate-alerts/',
    signature: ['alert_number', 'Alert number', 'Alert submitted by', 'risk_type', 'Risk type'],
    measure: { zh: '欧盟通报', en: 'EU alert' },
    dayFirst: true,
  },
  {
    id: 'us-cpsc',
    name: { zh: '美国消费品安全委员会（CPSC）召回', en: 'U.S. Consumer Product Safety Commission (CPSC) recalls' },
    authority: 'U.S. Consumer Product Safety Commission',
    jurisdiction: 'US',
    licence: 'U.S. federal government work: public domain (17 U.S.C. § 105)',
    home: 'https://www.cpsc.gov/Recalls',
    signature: ['recall_number', 'RecallNumber', 'RecallID', 'ManufacturerCountries.Country'],
    measure: { zh: '美国召回', en: 'US recall' },
    dayFirst: false,
  },
  {
    id: 'tw-fda',
    name: { zh: '台湾地区食品药物管理署边境查验不合格', en: 'Taiwan Food and Drug Administration border rejections' },
    authority: 'Taiwan Food and Drug Administration',
    jurisdiction: 'TW',
    licence: '政府資料開放授權條款-第1版 (Open Government Data License, version 1.0; compatible with CC BY 4.0)',
    home: 'https://www.fda.gov.tw/UnsafeFood/UnsafeFood.aspx',
    signature: ['producer_name', 'reason_detail', '製造廠或出口商名稱', '制造厂或出口商名称', '不合格原因暨檢出量詳細說明', '不合格原因暨检出量详细说明'],
    measure: { zh: '台湾地区边境检验不合格', en: 'Rejected at the Taiwan border' },
    dayFirst: false,
  },
] as const satisfies readonly AlertSource[];

export type AlertSourceId = (typeof ALERT_SOURCES)[number]['id'];
export const ALERT_SOURCE_IDS = ALERT_SOURCES.map((s) => s.id) as [AlertSourceId, ...AlertSourceId[]];
export const alertSource = (id: string | null | undefined): AlertSource | undefined => ALERT_SOURCES.find((s) => s.id === id);

/** The publisher whose file has these headers; undefined when none (or more than one) fits. */
export function recogniseSource(headers: string[]): AlertSourceId | undefined {
  const keys = new Set(headers.map(headerKey));
  const fits = ALERT_SOURCES.filter((s) => s.signature.some((h) => keys.has(headerKey(h))));
  return fits.length === 1 ? fits[0]!.id : undefined;
}

/** Labels of the sources, for facets and pages. */
export const SOURCE_LABELS: Record<string, Bilingual> = Object.fromEntries(ALERT_SOURCES.map((s) => [s.id, s.name]));

export const JURISDICTION_LABELS: Record<string, Bilingual> = {
  EU: { zh: '欧盟', en: 'European Union' },
  US: { zh: '美国', en: 'United States' },
  TW: { zh: '台湾地区', en: 'Taiwan' },
};
