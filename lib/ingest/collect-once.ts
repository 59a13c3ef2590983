import type { Database } from '../db/client';
import { makeApis, type ClientOptions } from '../k8s/client';
import type { ClusterConnection } from '../k8s/kubeconfig';
import { readSnapshot } from '../k8s/read-snapshot';
import { streamingWriter } from './stream-write';
import { writeSnapshot, type WriteResult } from './write-snapshot';

export interface CollectOnceOptions extends ClientOptions {
  /** Name stored with every row; defaults to the kubeconfig context's name. */
  cluster?: string;
  /** Postgres: pods per write while the pods are still being read (stream-write POD_CHUNK). */
  podChunk?: number;
}

/**
 * One scrape of one cluster into the database: read (paginated), and write. On Postgres the
 * inventory is written while the pods are still being read (stream-write.ts), the scrape row
 * and its samples after the read; on PGlite (one connection) all of it after the read, in one
 * transaction. A read that fails writes no scrape (inventory already streamed stays, as after
 * a crash: the next scrape upserts it again).
 */
export async function collectOnce(
  db: Database,
  connection: ClusterConnection,
  options: CollectOnceOptions = {},
): Promise<WriteResult & { durationMs: number }> {
  const started = performance.now();
  const cluster = options.cluster ?? connection.contextName ?? 'default';
  const writer = db.kind === 'postgres' ? streamingWriter(db, options.podChunk) : null;
  let snapshot;
  try {
    snapshot = await readSnapshot(makeApis(connection.kubeConfig), { ...options, cluster, observer: writer?.observer });
  } catch (error) {
    await writer?.abandon();
    throw error;
  }
  const durationMs = performance.now() - started;
  const result = writer ? await writer.finish(snapshot, durationMs) : await writeSnapshot(db, snapshot, durationMs);
  return { ...result, durationMs: performance.now() - started };
}
