import type { Database } from '../db/client';
import { makeApis, type ClientOptions } from '../k8s/client';
import type { ClusterConnection } from '../k8s/kubeconfig';
import { readSnapshot } from '../k8s/read-snapshot';
import { writeSnapshot, type WriteResult } from './write-snapshot';

export interface CollectOnceOptions extends ClientOptions {
  /** Name stored with every row; defaults to the kubeconfig context's name. */
  cluster?: string;
}

/** One scrape of one cluster into the database: read (paginated), then one write transaction. */
export async function collectOnce(
  db: Database,
  connection: ClusterConnection,
  options: CollectOnceOptions = {},
): Promise<WriteResult & { durationMs: number }> {
  const started = performance.now();
  const cluster = options.cluster ?? connection.contextName ?? 'default';
  const snapshot = await readSnapshot(makeApis(connection.kubeConfig), { ...options, cluster });
  const durationMs = performance.now() - started;
  const result = await writeSnapshot(db, snapshot, durationMs);
  return { ...result, durationMs: performance.now() - started };
}
