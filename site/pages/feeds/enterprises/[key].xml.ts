import type { APIRoute } from 'astro';
import { getPortal } from '../../../../api/portal.ts';
import { onReplica } from '../../../../api/read-routing.ts';
import { ATOM_CONTENT_TYPE } from '../../../../api/services/feeds.ts';
import { buildEnterpriseFeed } from '../../../../api/services/subject-feeds.ts';

/** /feeds/enterprises/{uscc-or-id}.xml: every record naming one enterprise, in any state (api/services/subject-feeds.ts). */
export const GET: APIRoute = async ({ params }) => {
  const xml = await onReplica(getPortal(), (portal) => buildEnterpriseFeed(portal, params.key ?? ''));
  if (xml === undefined) {
    return new Response(`No enterprise with USCC or id "${params.key ?? ''}".\n`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return new Response(xml, { headers: { 'content-type': ATOM_CONTENT_TYPE, 'cache-control': 'public, max-age=300' } });
};
