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

/** The process's metrics, created (with the default Node.js metrics) on first use. */
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

/** The one Registry of this process, for /metrics. */
export function metricsRegistry(): Registry {
  return metrics().registry;
}

/** Observes one collection of `cluster` that took `seconds`. */
export function recordScrape(cluster: string, seconds: number): void {
  metrics().scrapeDuration.observe({ cluster }, seconds);
}

/**
 * Counts one finished job run: its outcome, a failure, the rows it wrote. The second form is
 * the scheduler's `onRun` callback; it also observes a successful collect's duration (do not
 * call recordScrape for the same run as well).
 */
export function recordJobRun(job: string, status: string, rows: number): void;
export function recordJobRun(result: JobRunResult, durationSeconds: number): void;
export function recordJobRun(jobOrResult: string | JobRunResult, statusOrSeconds: string | number, rows = 0): void {
  if (typeof jobOrResult === 'string') return count(jobOrResult, String(statusOrSeconds), rows);
  count(jobOrResult.job, jobOrResult.status, jobOrResult.rows);
  if (jobOrResult.job === 'collect' && jobOrResult.cluster && jobOrResult.status === 'succeeded') {
    recordScrape(jobOrResult.cluster, Number(statusOrSeconds));
  }
}

function count(job: string, status: string, rows: number): void {
  const m = metrics();
  m.jobRuns.inc({ job, status });
  if (status === 'failed') m.jobFailures.inc({ job });
  if (rows > 0) m.rowsWritten.inc({ job }, rows);
}
