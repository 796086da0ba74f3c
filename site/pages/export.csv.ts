import type { APIRoute } from 'astro';
import { handleExportCsv } from '../../api/http.ts';

export const GET: APIRoute = ({ request, clientAddress }) => handleExportCsv(request, clientAddress);
