import type { Database } from '../db/client';
import type { ClusterConnection } from '../k8s/kubeconfig';

/** A cluster the scheduler collects: its stored name and how to reach it. */
export interface ClusterTarget {
  name: string;
  connection: ClusterConnection;
}

export interface JobContext {
  db: Database;
  /** The cluster this run is for (per-cluster jobs), else undefined. */
  cluster?: ClusterTarget;
  now: () => Date;
}

/** A scheduled job: a name, a cron schedule (UTC) and a handler that returns rows written. */
export interface JobDefinition {
  name: string;
  schedule: string;
  /** Run once per configured cluster, recording one JobRun each. */
  perCluster: boolean;
  run(context: JobContext): Promise<number>;
}

export interface JobRunResult {
  job: string;
  cluster: string | null;
  status: 'succeeded' | 'failed' | 'skipped';
  rows: number;
  error: string | null;
}
