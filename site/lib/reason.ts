import type { Lang } from '../../core/labels.ts';

const HAN = /\p{Script=Han}/u;

/**
 * A status reason in the page's language. Operators write reasons in both languages at once
 * ("发布有误 published in error"): the Chinese page shows the Chinese part, the English page the
 * rest. A reason in one language only is shown as written, with its language for the page to mark.
 */
export function reasonIn(lang: Lang, reason: string): { text: string; lang?: Lang } {
  const text = reason.trim();
  const split = /^([^A-Za-z]*\p{Script=Han}[^A-Za-z]*?)[\s,;，；/|-]+([A-Za-z].*)$/u.exec(text);
  if (split) return { text: (lang === 'zh' ? split[1]! : split[2]!).trim() };
  const written: Lang = HAN.test(text) ? 'zh' : 'en';
  return written === lang ? { text } : { text, lang: written };
}
