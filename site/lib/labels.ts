import type { IndexName } from '../../search/indexes/index.ts';

/** How each type is named on the pages (Chinese first; English follows on the same line). */
export const TYPE_LABELS: Record<IndexName, { zh: string; en: string }> = {
  'spot-checks': { zh: '监督抽查', en: 'Spot checks' },
  penalties: { zh: '行政处罚', en: 'Penalties' },
  'license-revocations': { zh: '许可证吊销/撤销', en: 'Licence revocations' },
  'typical-cases': { zh: '典型案例', en: 'Typical cases' },
  enterprises: { zh: '企业', en: 'Enterprises' },
};

export const STATUS_LABELS = {
  published: '已公示',
  corrected: '已更正',
  withdrawn: '已撤回',
  expired: '公示期满',
} as const;

export const LEVEL_LABELS = { national: '国家监督抽查', provincial: '省级监督抽查', municipal: '市级监督抽查' } as const;
export const CHANNEL_LABELS = { production: '生产环节', circulation: '流通环节', 'e-commerce': '电子商务' } as const;
export const LICENSE_TYPE_LABELS = { production: '工业产品生产许可证', food: '食品生产许可证', ccc: 'CCC 认证证书', other: '其他许可' } as const;
export const PENALTY_TYPE_LABELS: Record<string, string> = {
  warning: '警告',
  'circulated-criticism': '通报批评',
  fine: '罚款',
  'confiscation-of-gains': '没收违法所得',
  'confiscation-of-goods': '没收非法财物',
  suspension: '责令停产停业/暂扣',
  'licence-revocation': '吊销许可证',
  'qualification-downgrade': '降低资质等级',
};

export const yuan = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
