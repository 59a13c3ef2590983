import { errorResponse } from '@/lib/http/errors';
import { metricsRegistry } from '@/lib/observability/metrics';

export const dynamic = 'force-dynamic';

/** Prometheus text format: scrape durations, rows written, job runs and failures, process metrics. */
export async function GET(request: Request) {
  try {
    const registry = metricsRegistry();
    return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
