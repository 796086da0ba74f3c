import type { Bilingual } from '../../core/labels.ts';

export const LICENSE_TYPE_LABELS: Record<'production' | 'food' | 'ccc' | 'other', Bilingual> = {
  production: { zh: '工业产品生产许可证', en: 'Industrial product production licence' },
  food: { zh: '食品生产许可证', en: 'Food production licence' },
  ccc: { zh: 'CCC 认证证书', en: 'CCC certificate' },
  other: { zh: '其他许可', en: 'Other licence' },
};
export const LICENSE_ACTION_LABELS: Record<'revoked' | 'withdrawn' | 'cancelled' | 'suspended', Bilingual> = {
  revoked: { zh: '吊销', en: 'Revoked' },
  withdrawn: { zh: '撤销', en: 'Withdrawn' },
  cancelled: { zh: '注销', en: 'Cancelled' },
  suspended: { zh: '暂停', en: 'Suspended' },
};
