import type { Bilingual } from '../../core/labels.ts';

/** The words of spot-check values, in both languages. */
export const RESULT_LABELS: Record<'qualified' | 'unqualified', Bilingual> = {
  qualified: { zh: '合格', en: 'Passed' },
  unqualified: { zh: '不合格', en: 'Failed' },
};
export const LEVEL_LABELS: Record<'national' | 'provincial' | 'municipal' | 'county', Bilingual> = {
  national: { zh: '国家监督抽查', en: 'National spot check' },
  provincial: { zh: '省级监督抽查', en: 'Provincial spot check' },
  municipal: { zh: '市级监督抽查', en: 'Municipal spot check' },
  county: { zh: '县（区）级监督抽查', en: 'County or district spot check' },
};
export const CHANNEL_LABELS: Record<'production' | 'circulation' | 'e-commerce', Bilingual> = {
  production: { zh: '生产环节', en: 'Production' },
  circulation: { zh: '流通环节', en: 'Retail' },
  'e-commerce': { zh: '电子商务', en: 'E-commerce' },
};
