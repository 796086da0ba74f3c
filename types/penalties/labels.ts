import type { Bilingual } from '../../core/labels.ts';

/** The penalty kinds the portal distinguishes (the facet values of `penaltyTypes`), in both languages. */
export const PENALTY_TYPE_LABELS: Record<string, Bilingual> = {
  warning: { zh: '警告', en: 'Warning' },
  'circulated-criticism': { zh: '通报批评', en: 'Public criticism' },
  fine: { zh: '罚款', en: 'Fine' },
  'confiscation-of-gains': { zh: '没收违法所得', en: 'Confiscation of illegal gains' },
  'confiscation-of-goods': { zh: '没收非法财物', en: 'Confiscation of goods' },
  suspension: { zh: '责令停产停业/暂扣', en: 'Suspension' },
  'licence-revocation': { zh: '吊销许可证', en: 'Licence revocation' },
  'qualification-downgrade': { zh: '降低资质等级', en: 'Qualification downgrade' },
};
