import type { AstroGlobal } from 'astro';
import { hasCjk } from '../../core/glossary.ts';
import type { Lang } from '../../core/labels.ts';
import { publicOrigin } from '../../core/public-url.ts';

/** Chinese is the default; English pages live under /en/ and are served by the same page files. */
export type { Lang };

export const langOf = (Astro: Pick<AstroGlobal, 'locals'>): Lang => Astro.locals.lang ?? 'zh';

/** `lang="zh-CN"` for Chinese text on an English page (names, facts as published); nothing otherwise. */
export const zhLangOn = (lang: Lang, text: string | null | undefined) => (lang === 'en' && hasCjk(text) ? 'zh-CN' : undefined);

/** Picks the text of the page language: `tr(lang)('监督抽查', 'Spot checks')`. */
export const tr = (lang: Lang) => (zh: string, en: string) => (lang === 'en' ? en : zh);

/** A site path in the given language: `/search?q=x` → `/en/search?q=x`. */
export function localePath(lang: Lang, path: string): string {
  if (lang === 'zh') return path;
  return path === '/' ? '/en/' : `/en${path}`;
}

/** The same page in the other language, keeping the query string. */
export function otherLanguageUrl(Astro: Pick<AstroGlobal, 'locals' | 'url'>): string {
  const lang = langOf(Astro);
  const path = Astro.url.pathname.replace(/^\/en(?=\/|$)/, '') || '/';
  return `${localePath(lang === 'en' ? 'zh' : 'en', path)}${Astro.url.search}`;
}

/**
 * The page in both languages, as absolute URLs at the public origin (never the request's Host),
 * for `<link rel="alternate" hreflang>` and `<link rel="canonical">`.
 */
export function languageUrls(Astro: Pick<AstroGlobal, 'url'>): Record<Lang, string> {
  const path = Astro.url.pathname.replace(/^\/en(?=\/|$)/, '') || '/';
  const at = (lang: Lang) => new URL(`${localePath(lang, path)}${Astro.url.search}`, publicOrigin()).href;
  return { zh: at('zh'), en: at('en') };
}

/** Splits /en/… off a path: what the middleware rewrites to, and the language. */
export function splitLocale(pathname: string): { lang: Lang; path: string } {
  const match = /^\/en(\/.*)?$/.exec(pathname);
  return match ? { lang: 'en', path: match[1] ?? '/' } : { lang: 'zh', path: pathname };
}
