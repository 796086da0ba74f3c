import { authorityName, placeName } from '../../core/glossary.ts';
import { STATUS_LABELS, type Bilingual } from '../../core/labels.ts';
import { campaignOf, categoryOf } from '../../core/taxonomy.ts';
import type { RecordTypeDescriptor } from './descriptor.ts';

/** The record's heading (its title without its outcome) in both languages. */
export const headingOf = (type: RecordTypeDescriptor, row: Record<string, unknown>): Bilingual => ({ zh: type.heading(row, 'zh'), en: type.heading(row, 'en') });

/**
 * A record's coded and fixed-vocabulary fields in both languages — the API's `labels`, the CSV's
 * `_en` columns, the pages: status, outcome, authority, region, category, campaign, then the
 * type's own vocabularies (its descriptor's `vocabularies`). A value the glossary cannot word in
 * English keeps its published Chinese in `en`.
 */
export function recordLabels(type: RecordTypeDescriptor, row: Record<string, unknown>): Record<string, Bilingual | Bilingual[]> {
  const out: Record<string, Bilingual | Bilingual[]> = {};
  const status = STATUS_LABELS[row.status as keyof typeof STATUS_LABELS];
  if (status) out.status = status;
  out.outcome = type.outcome(row).label;
  if (typeof row.authority === 'string') out.authority = { zh: row.authority, en: authorityName(row.authority, 'en').text };
  const region = placeName(row.regionCode as string | null);
  if (region) out.region = region;
  const category = categoryOf(row.productCategory as string | null);
  if (category) out.productCategory = { zh: category.zh, en: category.en };
  const campaign = campaignOf(row.campaign as string | null);
  if (campaign) out.campaign = { zh: campaign.zh, en: campaign.en };
  for (const [field, word] of Object.entries(type.vocabularies ?? {})) {
    const value = row[field];
    const said = (v: unknown) => (typeof v === 'string' && v ? (word(v) ?? { zh: v, en: v }) : undefined);
    if (Array.isArray(value)) out[field] = value.map(said).filter((b): b is Bilingual => Boolean(b));
    else if (said(value)) out[field] = said(value)!;
  }
  return out;
}
