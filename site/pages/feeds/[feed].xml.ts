import type { APIRoute } from 'astro';
import { getPortal } from '../../../api/portal.ts';
import { onReplica } from '../../../api/read-routing.ts';
import { ATOM_CONTENT_TYPE, buildFeed, FEED_NAMES } from '../../../api/services/feeds.ts';

/** /feeds/{type}.xml, /feeds/all.xml and /feeds/expiries.xml: Atom feeds of new and changed disclosures, and of expiries (api/services/feeds.ts). */
export const GET: APIRoute = async ({ params }) => {
  const xml = await onReplica(getPortal(), (portal) => buildFeed(portal, params.feed ?? ''));
  if (xml === undefined) {
    return new Response(`No such feed. Feeds: ${FEED_NAMES.map((f) => `/feeds/${f}.xml`).join(', ')}\n`, {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(xml, { headers: { 'content-type': ATOM_CONTENT_TYPE, 'cache-control': 'public, max-age=300' } });
};
