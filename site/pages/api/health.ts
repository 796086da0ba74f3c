import type { APIRoute } from 'astro';
import { handleHealth } from '../../../api/http.ts';

export const GET: APIRoute = ({ request }) => handleHealth(request);
