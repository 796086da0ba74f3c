import { productKeys } from '../../core/text/product-keys.ts';
import { TYPE_LABELS, type RecordType } from '../../types/registry.ts';
import type { tr } from './i18n.ts';

/**
 * Another form of a page's content — its JSON, its type's feed — as `<link rel="alternate">` in
 * the page's head (site/layouts/Base.astro). The page sets them, since only it knows what it shows.
 */
export interface Alternate {
  href: string;
  type: 'application/json' | 'application/atom+xml';
  title: string;
}

type T = ReturnType<typeof tr>;

/** The Atom feed of a record type's new and changed records. */
export const typeFeed = (T: T, type: RecordType): Alternate => ({
  href: `/feeds/${type}.xml`,
  type: 'application/atom+xml',
  title: T(`${TYPE_LABELS[type].zh}：新公示与变更（Atom）`, `${TYPE_LABELS[type].en}: new and changed (Atom)`),
});

/** Every record naming one enterprise, or one brand (api/services/subject-feeds.ts). */
export const enterpriseFeedUrl = (key: string) => `/feeds/enterprises/${encodeURIComponent(key)}.xml`;
export const brandFeedUrl = (brand: string) => `/feeds/brands/${encodeURIComponent(brand)}.xml`;
/** The brand's feed, when the brand has letters or digits to follow (not a placeholder such as ／). */
export const brandFeedOf = (brand: string | null | undefined): string | undefined => (brand && productKeys(brand).length > 0 ? brandFeedUrl(brand) : undefined);
export const enterpriseFeed = (T: T, key: string): Alternate => ({
  href: enterpriseFeedUrl(key),
  type: 'application/atom+xml',
  title: T('本企业的全部记录（Atom）', 'Every record of this enterprise (Atom)'),
});

/** The data the page shows, as JSON. */
export const json = (T: T, href: string): Alternate => ({ href, type: 'application/json', title: T('本页数据（JSON）', 'This page’s data (JSON)') });

/** A search or listing: the same query from the API, and the feed of the type it is limited to. */
export const searchAlternates = (T: T, query: URLSearchParams, type: RecordType | undefined): Alternate[] => [
  json(T, `/api/v1/search${query.size > 0 ? `?${query}` : ''}`),
  ...(type ? [typeFeed(T, type)] : []),
];
