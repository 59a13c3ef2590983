import { metrics } from '@/lib/observability/metrics';

export const dynamic = 'force-dynamic';

/** Prometheus text format: scrape durations, rows written, job runs and failures. */
export async function GET() {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType } });
}
