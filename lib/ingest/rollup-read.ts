import type { SqlSession } from '../db/session';

export interface SampleRow {
  sampled_at: Date;
  pod_uid: string;
  container: string;
  namespace: string;
  pod: string;
  node_name: string;
  cpu_request_millicores: number | null;
  memory_request_bytes: string | null;
  gpu_request: number;
  cpu_usage_millicores: number | null;
  memory_usage_bytes: string | null;
  controller_kind: string | null;
  controller_name: string | null;
  pod_labels: Record<string, string> | null;
}

export interface NodeRow {
  sampled_at: Date;
  node_uid: string;
  node_name: string;
  provider: string | null;
  instance_type: string | null;
  node_pool: string | null;
  capacity_type: string;
  region: string | null;
  cpu_capacity_millicores: number;
  memory_capacity_bytes: string;
  gpu_capacity: number;
}

/** Scrape times of a cluster that can cover [start, end): from `start − lookback`, plus the first one after. */
export async function readScrapeTimes(s: SqlSession, clusterId: number, start: Date, end: Date, lookbackMs: number): Promise<number[]> {
  const rows = await s.query<{ t: Date }>(
    `(SELECT sampled_at AS t FROM "scrape" WHERE cluster_id = $1 AND sampled_at >= $2 AND sampled_at < $3)
     UNION ALL
     (SELECT sampled_at AS t FROM "scrape" WHERE cluster_id = $1 AND sampled_at >= $3 ORDER BY sampled_at LIMIT 1)
     ORDER BY t`,
    [clusterId, new Date(start.getTime() - lookbackMs), end],
  );
  return rows.map((r) => new Date(r.t).getTime());
}

export async function readSamples(s: SqlSession, clusterId: number, times: Date[]): Promise<SampleRow[]> {
  return s.query<SampleRow>(
    `SELECT cs.sampled_at, cs.pod_uid, cs.container, cs.namespace, cs.pod, cs.node_name,
            cs.cpu_request_millicores, cs.memory_request_bytes::text, cs.gpu_request,
            cs.cpu_usage_millicores, cs.memory_usage_bytes::text,
            p.controller_kind, p.controller_name, p.labels AS pod_labels
       FROM "container_sample" cs
       LEFT JOIN "pod" p ON p.cluster_id = cs.cluster_id AND p.uid = cs.pod_uid
      WHERE cs.cluster_id = $1 AND cs.sampled_at = ANY($2::timestamptz[])`,
    [clusterId, times],
  );
}

export async function readNodes(s: SqlSession, clusterId: number, times: Date[]): Promise<NodeRow[]> {
  return s.query<NodeRow>(
    `SELECT ns.sampled_at, ns.node_uid, ns.node_name, n.provider, n.instance_type, n.node_pool, n.capacity_type,
            n.region, n.cpu_capacity_millicores, n.memory_capacity_bytes::text, n.gpu_capacity
       FROM "node_sample" ns
       JOIN "node" n ON n.cluster_id = ns.cluster_id AND n.uid = ns.node_uid
      WHERE ns.cluster_id = $1 AND ns.sampled_at = ANY($2::timestamptz[])`,
    [clusterId, times],
  );
}

export async function readNamespaceLabels(s: SqlSession, clusterId: number): Promise<Map<string, Record<string, string>>> {
  const rows = await s.query<{ name: string; labels: Record<string, string> }>(
    'SELECT name, labels FROM "namespace" WHERE cluster_id = $1',
    [clusterId],
  );
  return new Map(rows.map((r) => [r.name, r.labels ?? {}]));
}

export interface ClaimRow {
  sampled_at: Date;
  namespace: string;
  name: string;
  storage_class: string | null;
  bytes: string;
  pod_uids: string[] | null;
}

export async function readClaimSamples(s: SqlSession, clusterId: number, times: Date[]): Promise<ClaimRow[]> {
  return s.query<ClaimRow>(
    `SELECT sampled_at, namespace, name, storage_class, bytes::text, pod_uids FROM "claim_sample"
      WHERE cluster_id = $1 AND sampled_at = ANY($2::timestamptz[]) ORDER BY namespace, name, sampled_at`,
    [clusterId, times],
  );
}

export interface KeptPrice {
  usdPerHour: number;
  source: string;
}

/** The prices an hour was rolled up with, per node uid (to keep a closed month as it was). */
export async function readNodePrices(s: SqlSession, clusterId: number, hourStart: Date): Promise<Map<string, KeptPrice>> {
  const rows = await s.query<{ node_uid: string; usd: number; source: string }>(
    'SELECT node_uid, usd_per_hour::float8 AS usd, price_source AS source FROM "node_hour" WHERE cluster_id = $1 AND hour_start = $2',
    [clusterId, hourStart],
  );
  return new Map(rows.map((r) => [r.node_uid, { usdPerHour: r.usd, source: r.source }]));
}

/** What is stored of one cluster's hour: whether it has rows, and what it was rolled up from (null before cluster_hour existed). */
export interface StoredHour {
  hasRows: boolean;
  scrapes: number | null;
  firstSampledAtMs: number | null;
}

export async function readStoredHour(s: SqlSession, clusterId: number, hourStart: Date): Promise<StoredHour> {
  const [row] = await s.query<{ has_rows: boolean; scrapes: number | null; first: Date | null }>(
    `SELECT (EXISTS (SELECT 1 FROM "node_hour" WHERE cluster_id = $1 AND hour_start = $2)
             OR EXISTS (SELECT 1 FROM "container_hour" WHERE cluster_id = $1 AND hour_start = $2)) AS has_rows,
            ch.scrapes, ch.first_sampled_at AS first
       FROM (SELECT 1) AS one LEFT JOIN "cluster_hour" ch ON ch.cluster_id = $1 AND ch.hour_start = $2`,
    [clusterId, hourStart],
  );
  return { hasRows: row?.has_rows ?? false, scrapes: row?.scrapes ?? null, firstSampledAtMs: row?.first ? new Date(row.first).getTime() : null };
}

/** The cluster's oldest raw scrape still kept (raw samples are pruned oldest first). */
export async function readOldestScrapeMs(s: SqlSession, clusterId: number): Promise<number | null> {
  const [row] = await s.query<{ t: Date | null }>('SELECT min(sampled_at) AS t FROM "scrape" WHERE cluster_id = $1', [clusterId]);
  return row?.t ? new Date(row.t).getTime() : null;
}

export interface KeptAttribution {
  team: string;
  shared: boolean | null;
}

/** The team and sharing each container-hour was rolled up with, by `podUid/container` (to keep a closed month as it was). */
export async function readAttribution(s: SqlSession, clusterId: number, hourStart: Date): Promise<Map<string, KeptAttribution>> {
  const rows = await s.query<{ pod_uid: string; container: string; team: string; shared: boolean | null }>(
    'SELECT pod_uid, container, team, shared FROM "container_hour" WHERE cluster_id = $1 AND hour_start = $2',
    [clusterId, hourStart],
  );
  return new Map(rows.map((r) => [`${r.pod_uid}/${r.container}`, { team: r.team, shared: r.shared }]));
}
