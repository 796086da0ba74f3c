import type { APIRoute } from 'astro';
import { handleTrpc } from '../../../../api/trpc-handler.ts';

export const ALL: APIRoute = ({ request, clientAddress }) => handleTrpc(request, clientAddress);
