import type { APIRoute } from 'astro';
import { handleRest } from '../../../../api/rest.ts';

export const ALL: APIRoute = ({ request, clientAddress }) => handleRest(request, clientAddress);
