import { label, type Lang } from '../../../core/labels.ts';
import { MATCH_REASON_LABELS } from '../../../types/cross-border-alerts/labels.ts';
import type { AlertMatch } from '../../../types/cross-border-alerts/table.ts';

/** Why an alert was (or may be) about a profile, in one line: the reason, the score, the name in the alert. */
export function matchText(lang: Lang, m: Pick<AlertMatch, 'reason' | 'score' | 'producer'>): string {
  const reason = label(lang, MATCH_REASON_LABELS, m.reason);
  const score = m.score.toLocaleString(lang === 'en' ? 'en' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return lang === 'en' ? `${reason} (score ${score}; in the alert: ${m.producer})` : `${reason}（匹配度 ${score}；通报所列：${m.producer}）`;
}
