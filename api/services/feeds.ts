import { asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { RecordStatus } from '../../db/schema/index.ts';
import { RECORD_TYPES, TYPE_LABELS, typeNamed, typesWith, type RecordType } from '../../types/registry.ts';
import { publicOrigin } from '../../core/public-url.ts';
import type { Portal } from '../portal.ts';
import { DATA_LICENSE } from './list-meta.ts';

/**
 * `/feeds/{name}.xml`: one feed per record type, one of all of them, and one of expiries. The
 * main feeds carry new, corrected and withdrawn records. A withdrawal is news: a platform that
 * republished the record must take it down, and it happens one record at a time, by decision.
 * An expiry is housekeeping: the end of a disclosure period the record always stated, reached by
 * hundreds at once each hour, which would push every new disclosure out of a 50-entry feed. It
 * has its own feed, for those who keep a copy and must drop what has expired.
 */
export const EXPIRIES_FEED = 'expiries';
export const FEED_NAMES = ['all', ...RECORD_TYPES, EXPIRIES_FEED] as const;
export type FeedName = (typeof FEED_NAMES)[number];
export const isFeedName = (name: string | undefined): name is FeedName => FEED_NAMES.includes(name as FeedName);

/** How many entries a feed carries: the newest published or changed disclosures. */
export const FEED_SIZE = 50;
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

const SITE = { zh: '产品质量信息公示平台', en: 'Product Quality Disclosure Portal' };
/** Entry title prefixes: a reader of the change feed sees at once what happened to a record. */
const STATUS_PREFIX: Record<RecordStatus, string> = {
  published: '',
  corrected: '【已更正 Corrected】',
  withdrawn: '【已撤回 Withdrawn】',
  expired: '【公示期满 Disclosure period ended】',
};

/** Escapes text for XML element content and attribute values, dropping characters XML 1.0 forbids. */
export function xmlEscape(value: unknown): string {
  return String(value ?? '')
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export type AnyRow = { id: string; status: RecordStatus; statusReason: string | null; version: number; authority: string; publishedAt: string; createdAt: Date; changedAt: Date };

/** When a record last changed: an edit (`updatedAt`) or a withdrawal, restore or expiry (`statusChangedAt`). */
export const changedAtSql = (type: RecordType) => {
  const t = typeNamed(type).table;
  return sql`greatest(${t.updatedAt}, coalesce(${t.statusChangedAt}, ${t.updatedAt}))`;
};

/** What the main feeds carry: everything but expiries (see FEED_NAMES). */
const NEWS_STATUSES: RecordStatus[] = ['published', 'corrected', 'withdrawn'];

/** The `limit` records of a type matching `where` that changed last, newest first, with when they changed. */
export async function newestRecords({ db }: Portal, type: RecordType, where: SQL, limit: number) {
  const table = typeNamed(type).table;
  const changedAt = changedAtSql(type);
  const rows = await db.db
    .select({ row: table, changedAt: sql<number>`extract(epoch from ${changedAt})::float8`.mapWith(Number) })
    .from(table)
    .where(where)
    .orderBy(desc(changedAt), asc(table.id))
    .limit(limit);
  return rows.map(({ row, changedAt }) => ({ type, row: { ...(row as unknown as AnyRow), changedAt: new Date(Math.round(changedAt * 1000)) } }));
}

type FeedItem = { type: RecordType; row: AnyRow };

/** Records of several types in one list: the `limit` that changed last, newest first. */
export const newestFirst = (items: FeedItem[], limit: number) =>
  items.sort((a, b) => b.row.changedAt.getTime() - a.row.changedAt.getTime() || a.row.id.localeCompare(b.row.id)).slice(0, limit);

/**
 * Feed and entry ids are tag URIs (RFC 4151) under a fixed authority name, not URLs: a reader
 * keys its "already seen" on them, so they must not change when the portal moves to another
 * address or is reached under another name. The links beside them carry the address.
 */
export const TAG_AUTHORITY = 'quality-transparency-portal,2026';
const tagUri = (specific: string) => `tag:${TAG_AUTHORITY}:${specific}`;

function entry(origin: string, type: RecordType, row: AnyRow): string {
  // Each type words its own records (types/<name>/): the title, and a line of what it says.
  const title = typeNamed(type).title(row);
  const text = typeNamed(type).summary(row);
  const url = `${origin}/${type}/${encodeURIComponent(row.id)}`;
  const status = row.status === 'published' ? '' : `${STATUS_PREFIX[row.status].slice(1, -1)}${row.statusReason ? `：${row.statusReason}` : ''}`;
  const summary = [`${TYPE_LABELS[type].zh} · ${row.authority} · ${row.publishedAt}`, status, text].filter(Boolean).join('\n');
  return [
    '  <entry>',
    // One entry per state of a record: a correction, withdrawal or expiry is news to a reader.
    `    <id>${xmlEscape(tagUri(`${type}/${encodeURIComponent(row.id)}#v${row.version}-${row.status}`))}</id>`,
    `    <title type="text">${xmlEscape(`${STATUS_PREFIX[row.status]}${title}`)}</title>`,
    `    <link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>`,
    `    <published>${row.createdAt.toISOString()}</published>`,
    `    <updated>${row.changedAt.toISOString()}</updated>`,
    `    <author><name>${xmlEscape(row.authority)}</name></author>`,
    `    <category term="${type}" label="${xmlEscape(`${TYPE_LABELS[type].zh} ${TYPE_LABELS[type].en}`)}"/>`,
    `    <summary type="text">${xmlEscape(summary)}</summary>`,
    '  </entry>',
  ].join('\n');
}

/** How each feed is named, and what its subtitle says it holds. */
function feedLabel(name: FeedName): { zh: string; en: string; about: string } {
  if (name === EXPIRIES_FEED) {
    return { zh: '公示期满', en: 'Expiries', about: '公示期满、已移出搜索的记录。Records whose disclosure period ended and that left search.' };
  }
  const about = '最新公示与变更（更正、撤回）；公示期满见 /feeds/expiries.xml。Newest disclosures and changes (corrections, withdrawals); expiries are in /feeds/expiries.xml.';
  return { ...(name === 'all' ? { zh: '全部公示', en: 'All disclosures' } : TYPE_LABELS[name]), about };
}

/**
 * The Atom 1.0 feed `name`: for a record type or `all`, the FEED_SIZE most recently published,
 * corrected or withdrawn records (titled so); for `expiries`, the most recently expired records of
 * every type that has a disclosure period. `undefined` for unknown names.
 */
export async function buildFeed(portal: Portal, name: string, origin: string = publicOrigin()): Promise<string | undefined> {
  if (!isFeedName(name)) return undefined;
  const expiries = name === EXPIRIES_FEED;
  const types = expiries ? typesWith('expiry').map((t) => t.name as RecordType) : name === 'all' ? [...RECORD_TYPES] : [name];
  const where = (type: RecordType) => (expiries ? eq(typeNamed(type).table.status, 'expired') : inArray(typeNamed(type).table.status, NEWS_STATUSES));
  const items = newestFirst((await Promise.all(types.map((type) => newestRecords(portal, type, where(type), FEED_SIZE)))).flat(), FEED_SIZE);
  const self = `${origin}/feeds/${name}.xml`;
  const label = feedLabel(name);
  // Expired records are in no search: the page that lists the feeds stands for them.
  const page = expiries ? `${origin}/data` : name === 'all' ? `${origin}/search?sort=newest` : `${origin}/search?type=${name}&sort=newest`;
  return atomFeed({ origin, id: `feeds/${name}`, title: label, subtitle: label.about, self, page, items });
}

/** An Atom 1.0 document: the portal as author, the data licence, and one entry per record state. */
export function atomFeed(feed: { origin: string; id: string; title: { zh: string; en: string }; subtitle: string; self: string; page: string; items: FeedItem[] }): string {
  const { origin, items } = feed;
  const updated = items[0]?.row.changedAt ?? new Date(0);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xmlEscape(tagUri(feed.id))}</id>`,
    `  <title type="text">${xmlEscape(`${SITE.zh} · ${feed.title.zh} / ${SITE.en} · ${feed.title.en}`)}</title>`,
    `  <subtitle type="text">${xmlEscape(feed.subtitle)}</subtitle>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(feed.page)}"/>`,
    `  <author><name>${xmlEscape(`${SITE.zh} ${SITE.en}`)}</name><uri>${xmlEscape(`${origin}/`)}</uri></author>`,
    `  <rights type="text">${xmlEscape(DATA_LICENSE)}</rights>`,
    `  <generator>quality-transparency-portal</generator>`,
    ...items.map(({ type, row }) => entry(origin, type, row)),
    '</feed>',
    '',
  ].join('\n');
}
