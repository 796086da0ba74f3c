import type { APIRoute } from 'astro';
import { getPortal } from '../../../api/portal.ts';
import { onReplica } from '../../../api/read-routing.ts';
import { recordsSitemap, XML_CONTENT_TYPE } from '../../../api/services/sitemap.ts';
import { isRecordType } from '../../../types/registry.ts';

const text = (status: number, body: string) => new Response(`${body}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** A bound is an id the sitemap index printed: never longer than this, never a control character (PostgreSQL text holds no NUL). */
const MAX_BOUND = 300;
const isBound = (value: string) => value.length <= MAX_BOUND && !/[\u0000-\u001f\u007f]/.test(value);

/** /sitemaps/{type}.xml?from=…&to=…: one file of the sitemap index, a range of a type's records (api/services/sitemap.ts). */
export const GET: APIRoute = async ({ params, url }) => {
  const type = params.type;
  if (!isRecordType(type)) return text(404, 'No such sitemap. The sitemap index is /sitemap.xml.');
  const names = [...url.searchParams.keys()];
  const bound = (name: string) => url.searchParams.get(name) ?? undefined;
  if (names.some((n) => n !== 'from' && n !== 'to') || new Set(names).size !== names.length || names.some((n) => !isBound(bound(n)!))) {
    return text(400, 'A sitemap file takes from and to, once each, as /sitemap.xml lists them.');
  }
  const xml = await onReplica(getPortal(), (portal) => recordsSitemap(portal, { type, from: bound('from'), to: bound('to') }));
  return new Response(xml, { headers: { 'content-type': XML_CONTENT_TYPE, 'cache-control': 'public, max-age=3600' } });
};
