import type { APIRoute } from 'astro';
import { handleRecordJson, notFoundJson } from '../../../api/http.ts';
import { isRecordType } from '../../../types/registry.ts';

/** `/{type}/{id}.json`: the record's data, as the API gives it. */
export const GET: APIRoute = ({ request, params, clientAddress }) =>
  isRecordType(params.type) ? handleRecordJson(request, params.type, params.id!, clientAddress) : notFoundJson(`No record type "${String(params.type).slice(0, 60)}"`);
