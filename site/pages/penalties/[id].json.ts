import type { APIRoute } from 'astro';
import { handleRecordJson } from '../../../api/http.ts';

export const GET: APIRoute = ({ request, params, clientAddress }) => handleRecordJson(request, 'penalties', params.id!, clientAddress);
