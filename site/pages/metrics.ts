import type { APIRoute } from 'astro';
import { handleMetrics } from '../../api/metrics-http.ts';

/** Prometheus metrics for operators (api/metrics-http.ts says who may read them). */
export const GET: APIRoute = ({ request }) => handleMetrics(request);
