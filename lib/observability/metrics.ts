import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { JobRunResult } from '../scheduler/types';

interface TallyMetrics {
  registry: Registry;
  scrapeDuration: Histogram<'cluster'>;
  rowsWritten: Counter<'job'>;
  jobFailures: Counter<'job'>;
  jobRuns: Counter<'job' | 'status'>;
}

// One registry per process: the scheduler (CLI bundle) and /metrics (Next bundle) share it.
const holder = globalThis as typeof globalThis & { __tallyMetrics?: TallyMetrics };

export function metrics(): TallyMetrics {
  if (!holder.__tallyMetrics) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'tally_' });
    holder.__tallyMetrics = {
      registry,
      scrapeDuration: new Histogram({ name: 'tally_scrape_duration_seconds', help: 'Duration of one collection of one cluster', labelNames: ['cluster'], buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers: [registry] }),
      rowsWritten: new Counter({ name: 'tally_rows_written_total', help: 'Rows written by jobs', labelNames: ['job'], registers: [registry] }),
      jobFailures: new Counter({ name: 'tally_job_failures_total', help: 'Job runs that failed', labelNames: ['job'], registers: [registry] }),
      jobRuns: new Counter({ name: 'tally_job_runs_total', help: 'Job runs by outcome', labelNames: ['job', 'status'], registers: [registry] }),
    };
  }
  return holder.__tallyMetrics;
}

/** Counts one finished job run (and, for collect, its duration per cluster). */
export function recordJobRun(result: JobRunResult, durationSeconds: number): void {
  const m = metrics();
  m.jobRuns.inc({ job: result.job, status: result.status });
  if (result.status === 'failed') m.jobFailures.inc({ job: result.job });
  if (result.rows > 0) m.rowsWritten.inc({ job: result.job }, result.rows);
  if (result.job === 'collect' && result.cluster && result.status === 'succeeded') m.scrapeDuration.observe({ cluster: result.cluster }, durationSeconds);
}
