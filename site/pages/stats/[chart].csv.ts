import type { APIRoute } from 'astro';
import { getPortal } from '../../../api/portal.ts';
import { onReplica } from '../../../api/read-routing.ts';
import { statsCsvResponse } from '../../../api/services/stats.ts';

/** GET /stats/{chart}.csv: a chart's data as CSV (404 for an unknown chart). */
export const GET: APIRoute = ({ url }) => onReplica(getPortal(), (portal) => statsCsvResponse(portal, url.pathname));
