import type { APIRoute } from 'astro';
import { getPortal } from '../../../../api/portal.ts';
import { onReplica } from '../../../../api/read-routing.ts';
import { ATOM_CONTENT_TYPE } from '../../../../api/services/feeds.ts';
import { buildBrandFeed } from '../../../../api/services/subject-feeds.ts';

/** /feeds/brands/{brand}.xml: every record naming a brand, its spelling folded (api/services/subject-feeds.ts). */
export const GET: APIRoute = async ({ params }) => {
  const xml = await onReplica(getPortal(), (portal) => buildBrandFeed(portal, params.brand ?? ''));
  if (xml === undefined) {
    return new Response('A brand feed needs a brand with letters or digits (at most 100 characters).\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return new Response(xml, { headers: { 'content-type': ATOM_CONTENT_TYPE, 'cache-control': 'public, max-age=300' } });
};
