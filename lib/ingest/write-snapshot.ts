import type { Database } from '../db/client';
import type { SqlSession } from '../db/session';
import type { NodeRecord, PodRecord, Snapshot } from '../k8s/types';
import { bulkWrite, type Column } from './unnest';
import { writeHpas } from './write-hpas';
import { writeRollouts } from './write-rollouts';
import { claimSamples, containerSamples, mountingPods, summarize, type ClaimSampleRow, type ContainerSampleRow, type ScrapeSummary } from './samples';

export interface WriteResult {
  summary: ScrapeSummary;
  /** False when this cluster already had a scrape at `sampledAt`: nothing was written. */
  stored: boolean;
  rowsWritten: number;
}

const json = (value: unknown) => JSON.stringify(value);

/**
 * Stores one scrape. Idempotent on the natural keys: when this cluster already has a scrape
 * at `sampledAt`, nothing is written.
 *
 * Inventory (namespaces, nodes, pods, containers, volumes, claims) is upserted in transactions
 * that commit before the one holding the scrape row and its samples: a crash in between leaves
 * only inventory, which the next scrape upserts again, never a scrape without its inventory.
 * On Postgres the inventory is written in two halves on their own connections, in parallel
 * with the samples, so the database uses more than one core.
 */
export async function writeSnapshot(db: Database, snapshot: Snapshot, durationMs: number): Promise<WriteResult> {
  const samples = containerSamples(snapshot);
  const summary = summarize(snapshot, samples);
  const at = new Date(snapshot.sampledAt);
  const clusterId = await claimScrape(db, snapshot.cluster, at);
  if (clusterId === null) return { summary, stored: false, rowsWritten: 0 };

  const context: WriteContext = { clusterId, at, snapshot };
  // PGlite has one connection: everything goes in the one transaction, as a single unit.
  const inventory =
    db.kind === 'postgres'
      ? Promise.all(halves(snapshot.pods).map((pods, i) => db.transaction((s) => writeInventoryPart(s, context, pods, i === 0)))).then(sum)
      : null;
  inventory?.catch(() => {}); // awaited in writeScrape; this only keeps an early failure from going unhandled
  return writeScrape(db, context, summary, samples, durationMs, (s) => inventory ?? writeInventoryPart(s, context, snapshot.pods, true));
}

const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);

/**
 * The cluster's id (its row made when new), or null when it already has a scrape at `at`.
 * last_collected_at is left to writeScrape: it moves only with a stored scrape.
 */
export async function claimScrape(db: Database, cluster: string, at: Date): Promise<number | null> {
  return db.session(async (s) => {
    const [row] = await s.query<{ id: number; stored: boolean }>(
      `INSERT INTO "cluster" (name) VALUES ($1)
       ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
       RETURNING id, EXISTS (SELECT 1 FROM "scrape" WHERE cluster_id = "cluster".id AND sampled_at = $2) AS stored`,
      [cluster, at],
    );
    return row!.stored ? null : row!.id;
  });
}

/**
 * The scrape row and its samples in one transaction, which commits only after `inventory`
 * (rows written elsewhere, or in this transaction on PGlite) has: a crash in between leaves
 * only inventory, never a scrape without it.
 */
export async function writeScrape(
  db: Database,
  context: WriteContext,
  summary: ScrapeSummary,
  samples: ContainerSampleRow[],
  durationMs: number,
  inventory: (s: SqlSession) => Promise<number>,
): Promise<WriteResult> {
  let inventoryRows = 0;
  const factRows = await db.transaction(async (s) => {
    const written = await writeFacts(s, context, summary, samples, durationMs);
    if (written === 0) return 0;
    // The inventory commits first (see above), so wait for it inside the facts' transaction.
    inventoryRows = await inventory(s);
    await s.run(`UPDATE "cluster" SET last_collected_at = GREATEST(last_collected_at, $2) WHERE id = $1`, [context.clusterId, context.at]);
    return written;
  });
  if (factRows === 0) return { summary, stored: false, rowsWritten: 0 };
  return { summary, stored: true, rowsWritten: factRows + inventoryRows };
}

export interface WriteContext {
  clusterId: number;
  at: Date;
  snapshot: Snapshot;
}

const halves = <T>(items: T[]): T[][] => [items.slice(0, items.length >> 1), items.slice(items.length >> 1)];

function fixedColumns({ clusterId, at }: Pick<WriteContext, 'clusterId' | 'at'>) {
  const clusterOnly = [{ name: 'cluster_id', type: 'int4' as const, value: clusterId }];
  return {
    clusterOnly,
    seenAt: [...clusterOnly, { name: 'first_seen_at', type: 'timestamptz' as const, value: at }, { name: 'last_seen_at', type: 'timestamptz' as const, value: at }],
    sampled: [...clusterOnly, { name: 'sampled_at', type: 'timestamptz' as const, value: at }],
  };
}

/** Pods with their containers; the first part also carries namespaces, nodes, volumes, claims and rollouts. */
async function writeInventoryPart(s: SqlSession, context: WriteContext, pods: PodRecord[], first: boolean): Promise<number> {
  let rows = 0;
  if (first) {
    rows += await writeClusterObjects(s, context);
    rows += await writeClaims(s, context);
    rows += await writeRollouts(s, context.clusterId, context.at, context.snapshot);
    rows += await writeHpas(s, context.clusterId, context.at, context.snapshot.hpas);
  }
  return rows + (await writePods(s, context, pods));
}

/** Namespaces, nodes and persistent volumes (nothing that depends on the pods). */
export async function writeClusterObjects(s: SqlSession, context: Pick<WriteContext, 'clusterId' | 'at'> & { snapshot: Pick<Snapshot, 'namespaces' | 'nodes' | 'volumes'> }): Promise<number> {
  const { snapshot } = context;
  const { seenAt } = fixedColumns(context);
  let rows = await bulkWrite(s, { table: 'namespace', fixed: seenAt, columns: NAMESPACE_COLUMNS, onConflict: upsert('namespace', NAMESPACE_COLUMNS) }, snapshot.namespaces);
  rows += await bulkWrite(s, { table: 'node', fixed: seenAt, columns: NODE_COLUMNS, onConflict: upsert('node', NODE_COLUMNS, NODE_KEEP) }, snapshot.nodes);
  rows += await bulkWrite(s, { table: 'persistent_volume', fixed: seenAt, columns: PV_COLUMNS, onConflict: upsert('persistent_volume', PV_COLUMNS) }, snapshot.volumes);
  return rows;
}

/** Claims with the pods (all of the snapshot's) that mount them. */
export async function writeClaims(s: SqlSession, context: WriteContext): Promise<number> {
  const { snapshot } = context;
  const mounts = mountingPods(snapshot.pods);
  const claims = snapshot.claims.map((claim) => ({ claim, pods: mounts.get(`${claim.namespace}/${claim.name}`) ?? [] }));
  return bulkWrite(s, { table: 'persistent_volume_claim', fixed: fixedColumns(context).seenAt, columns: CLAIM_COLUMNS, select: CLAIM_SELECT, onConflict: upsert('persistent_volume_claim', CLAIM_COLUMNS) }, claims);
}

/** Pods and their containers. */
export async function writePods(s: SqlSession, context: Pick<WriteContext, 'clusterId' | 'at'>, pods: PodRecord[]): Promise<number> {
  const { clusterOnly, seenAt } = fixedColumns(context);
  const containers = pods.flatMap((pod) => pod.containers.map((c) => ({ pod, c })));
  let rows = await bulkWrite(s, { table: 'pod', fixed: seenAt, columns: POD_COLUMNS, select: POD_SELECT, onConflict: upsert('pod', POD_COLUMNS, POD_KEEP) }, pods);
  rows += await bulkWrite(s, { table: 'container', fixed: clusterOnly, columns: CONTAINER_COLUMNS, onConflict: CONTAINER_CONFLICT }, containers);
  return rows;
}

/** The scrape row and its samples; 0 when the scrape row already exists (another writer won). */
async function writeFacts(
  s: SqlSession,
  context: WriteContext,
  summary: ScrapeSummary,
  samples: ContainerSampleRow[],
  durationMs: number,
): Promise<number> {
  const { clusterId, at, snapshot } = context;
  const { sampled } = fixedColumns(context);
  const inserted = await s.run(
    `INSERT INTO "scrape" (cluster_id, sampled_at, nodes, pods, containers, cpu_request_millicores,
       memory_request_bytes, cpu_usage_millicores, memory_usage_bytes, gpu_requests,
       persistent_volume_claims, metrics_available, warnings, duration_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14)
     ON CONFLICT (cluster_id, sampled_at) DO NOTHING`,
    [
      clusterId, at, summary.nodes, summary.pods, summary.containers, summary.cpuRequestMillicores,
      summary.memoryRequestBytes, summary.cpuUsageMillicores, summary.memoryUsageBytes, summary.gpuRequests,
      summary.persistentVolumeClaims, snapshot.metricsAvailable, json(snapshot.warnings), Math.round(durationMs),
    ],
  );
  if (inserted === 0) return 0;
  let rows = 1;
  rows += await bulkWrite(s, { table: 'container_sample', fixed: sampled, columns: SAMPLE_COLUMNS, onConflict: 'ON CONFLICT DO NOTHING' }, samples);
  rows += await bulkWrite(s, { table: 'node_sample', fixed: sampled, columns: NODE_SAMPLE_COLUMNS, onConflict: 'ON CONFLICT DO NOTHING' }, nodeSampleRows(snapshot));
  rows += await bulkWrite(s, { table: 'claim_sample', fixed: sampled, columns: CLAIM_SAMPLE_COLUMNS, select: CLAIM_SAMPLE_SELECT, onConflict: 'ON CONFLICT DO NOTHING' }, claimSamples(snapshot));
  return rows;
}

/**
 * Upsert that widens [first_seen_at, last_seen_at] to this scrape and refreshes the non-key
 * columns only when this scrape is not older than the stored row: a backfill that replays an
 * older chunk after a newer one moves first_seen_at back and regresses nothing else. The
 * `special` columns (earliest times LEAST, most restarts GREATEST…) hold across all scrapes
 * whatever their order, so a scrape inside the stored seen range that would change one (an older
 * scrape replayed mid-range that saw an earlier Ready, a crash loop the others missed) updates too.
 */
function upsert<Row>(table: string, columns: Column<Row>[], special: Record<string, string> = {}): string {
  const keys = new Set(['uid', 'name', 'namespace']);
  const newer = `"${table}".last_seen_at <= EXCLUDED.last_seen_at`;
  const sets = [
    `first_seen_at = LEAST("${table}".first_seen_at, EXCLUDED.first_seen_at)`,
    `last_seen_at = GREATEST("${table}".last_seen_at, EXCLUDED.last_seen_at)`,
    ...columns
      .filter((c) => !keys.has(c.name))
      .map((c) => `"${c.name}" = ${special[c.name] ?? `CASE WHEN ${newer} THEN EXCLUDED."${c.name}" ELSE "${table}"."${c.name}" END`}`),
  ];
  const changes = Object.entries(special).map(([c, expr]) => `(${expr}) IS DISTINCT FROM "${table}"."${c}"`);
  return `ON CONFLICT ON CONSTRAINT "${table}_pkey" DO UPDATE SET ${sets.join(', ')} WHERE ${[newer, `"${table}".first_seen_at > EXCLUDED.first_seen_at`, ...changes].join(' OR ')}`;
}

const NAMESPACE_COLUMNS: Column<Snapshot['namespaces'][number]>[] = [
  { name: 'name', type: 'text', value: (n) => n.name },
  { name: 'labels', type: 'jsonb', value: (n) => json(n.labels) },
  { name: 'created_at', type: 'timestamptz', value: (n) => n.createdAt },
];

const NODE_COLUMNS: Column<NodeRecord>[] = [
  { name: 'uid', type: 'text', value: (n) => n.uid },
  { name: 'name', type: 'text', value: (n) => n.name },
  { name: 'provider', type: 'text', value: (n) => n.provider },
  { name: 'instance_type', type: 'text', value: (n) => n.instanceType },
  { name: 'node_pool', type: 'text', value: (n) => n.nodePool },
  { name: 'capacity_type', type: 'text', value: (n) => n.capacityType },
  { name: 'region', type: 'text', value: (n) => n.region },
  { name: 'zone', type: 'text', value: (n) => n.zone },
  { name: 'cpu_capacity_millicores', type: 'int4', value: (n) => n.cpuCapacityMillicores },
  { name: 'memory_capacity_bytes', type: 'int8', value: (n) => n.memoryCapacityBytes },
  { name: 'gpu_capacity', type: 'int4', value: (n) => n.gpuCapacity },
  { name: 'cpu_allocatable_millicores', type: 'int4', value: (n) => n.cpuAllocatableMillicores },
  { name: 'memory_allocatable_bytes', type: 'int8', value: (n) => n.memoryAllocatableBytes },
  { name: 'gpu_allocatable', type: 'int4', value: (n) => n.gpuAllocatable },
  { name: 'labels', type: 'jsonb', value: (n) => json(n.labels) },
  { name: 'taints', type: 'jsonb', value: (n) => json(n.taints ?? []) },
  { name: 'max_pods', type: 'int4', value: (n) => n.maxPods ?? null },
  { name: 'created_at', type: 'timestamptz', value: (n) => n.createdAt },
  { name: 'ready_at', type: 'timestamptz', value: (n) => n.readyAt },
];

/** First Ready seen (provisioning time), whichever order scrapes arrive in. */
const NODE_KEEP = { ready_at: 'LEAST("node".ready_at, EXCLUDED.ready_at)' };

const POD_COLUMNS: Column<PodRecord>[] = [
  { name: 'uid', type: 'text', value: (p) => p.uid },
  { name: 'namespace', type: 'text', value: (p) => p.namespace },
  { name: 'name', type: 'text', value: (p) => p.name },
  { name: 'node_name', type: 'text', value: (p) => p.nodeName },
  { name: 'phase', type: 'text', value: (p) => p.phase },
  { name: 'owner_kind', type: 'text', value: (p) => p.ownerKind },
  { name: 'owner_name', type: 'text', value: (p) => p.ownerName },
  { name: 'controller_kind', type: 'text', value: (p) => p.controllerKind },
  { name: 'controller_name', type: 'text', value: (p) => p.controllerName },
  { name: 'labels', type: 'jsonb', value: (p) => json(p.labels) },
  { name: 'created_at', type: 'timestamptz', value: (p) => p.createdAt },
  { name: 'scheduled_at', type: 'timestamptz', value: (p) => p.lifecycle.scheduledAt },
  { name: 'initialized_at', type: 'timestamptz', value: (p) => p.lifecycle.initializedAt },
  { name: 'containers_ready_at', type: 'timestamptz', value: (p) => p.lifecycle.containersReadyAt },
  { name: 'ready_at', type: 'timestamptz', value: (p) => p.lifecycle.readyAt },
  { name: 'unschedulable_since', type: 'timestamptz', value: (p) => p.lifecycle.unschedulableSince },
  // Only an update sets it: the first scrape that sees the pod scheduled after a stored Unschedulable.
  { name: 'unschedulable_until', type: 'timestamptz', value: () => null },
  { name: 'restarts', type: 'int4', value: (p) => p.lifecycle.restarts },
  { name: 'waiting_reason', type: 'text', value: (p) => p.lifecycle.waitingReason },
  { name: 'last_termination_reason', type: 'text', value: (p) => p.lifecycle.lastTerminationReason },
  { name: 'revision_hash', type: 'text', value: (p) => p.lifecycle.revisionHash },
  // SQL NULL (not JSON null) for a pod without constraints, the common case.
  { name: 'scheduling', type: 'jsonb', value: (p) => (p.scheduling ? json(p.scheduling) : null) },
  // The scrape time travels in first_seen_at; these flags become that time in POD_KEEP / POD_SELECT.
  { name: 'crash_loop_at', type: 'bool', value: (p) => p.lifecycle.waitingReason === 'CrashLoopBackOff' },
  { name: 'restarts3_at', type: 'bool', value: (p) => p.lifecycle.restarts >= 3 },
  { name: 'image_pull_failed_at', type: 'bool', value: (p) => p.lifecycle.waitingReason === 'ImagePullBackOff' || p.lifecycle.waitingReason === 'ErrImagePull' },
];

// $2 is the scrape time (first_seen_at among the fixed columns).
const POD_SELECT = Object.fromEntries(['crash_loop_at', 'restarts3_at', 'image_pull_failed_at'].map((c) => [c, `CASE WHEN u."${c}" THEN $2::timestamptz END`]));

const P = '"pod"';
/** Lifecycle columns: first times (LEAST), most restarts (GREATEST), whichever order scrapes arrive in. */
const POD_KEEP: Record<string, string> = {
  ...Object.fromEntries(
    ['scheduled_at', 'initialized_at', 'containers_ready_at', 'ready_at', 'unschedulable_since', 'crash_loop_at', 'restarts3_at', 'image_pull_failed_at'].map((c) => [c, `LEAST(${P}."${c}", EXCLUDED."${c}")`]),
  ),
  unschedulable_until: `CASE WHEN ${P}.unschedulable_since IS NOT NULL AND EXCLUDED.scheduled_at IS NOT NULL AND EXCLUDED.unschedulable_since IS NULL
    THEN LEAST(${P}.unschedulable_until, EXCLUDED.last_seen_at) ELSE ${P}.unschedulable_until END`,
  restarts: `GREATEST(${P}.restarts, EXCLUDED.restarts)`,
  revision_hash: `COALESCE(EXCLUDED.revision_hash, ${P}.revision_hash)`,
};

type ContainerOfPod = { pod: PodRecord; c: PodRecord['containers'][number] };
const CONTAINER_COLUMNS: Column<ContainerOfPod>[] = [
  { name: 'pod_uid', type: 'text', value: (x) => x.pod.uid },
  { name: 'name', type: 'text', value: (x) => x.c.name },
  { name: 'is_init', type: 'bool', value: (x) => x.c.isInit },
  { name: 'image', type: 'text', value: (x) => x.c.image },
  { name: 'cpu_request_millicores', type: 'int4', value: (x) => x.c.cpuRequestMillicores },
  { name: 'cpu_limit_millicores', type: 'int4', value: (x) => x.c.cpuLimitMillicores },
  { name: 'memory_request_bytes', type: 'int8', value: (x) => x.c.memoryRequestBytes },
  { name: 'memory_limit_bytes', type: 'int8', value: (x) => x.c.memoryLimitBytes },
  { name: 'gpu_request', type: 'int4', value: (x) => x.c.gpuRequest },
];

const CONTAINER_CONFLICT = `ON CONFLICT ON CONSTRAINT "container_pkey" DO UPDATE SET ${CONTAINER_COLUMNS.slice(2)
  .map((c) => `"${c.name}" = EXCLUDED."${c.name}"`)
  .join(', ')}`;

const PV_COLUMNS: Column<Snapshot['volumes'][number]>[] = [
  { name: 'name', type: 'text', value: (v) => v.name },
  { name: 'capacity_bytes', type: 'int8', value: (v) => v.capacityBytes },
  { name: 'storage_class', type: 'text', value: (v) => v.storageClass },
  { name: 'phase', type: 'text', value: (v) => v.phase },
  { name: 'claim_namespace', type: 'text', value: (v) => v.claimNamespace },
  { name: 'claim_name', type: 'text', value: (v) => v.claimName },
];

const SAMPLE_COLUMNS: Column<ContainerSampleRow>[] = [
  { name: 'pod_uid', type: 'text', value: (s) => s.podUid },
  { name: 'container', type: 'text', value: (s) => s.container },
  { name: 'namespace', type: 'text', value: (s) => s.namespace },
  { name: 'pod', type: 'text', value: (s) => s.pod },
  { name: 'node_name', type: 'text', value: (s) => s.nodeName },
  { name: 'cpu_request_millicores', type: 'int4', value: (s) => s.cpuRequestMillicores },
  { name: 'memory_request_bytes', type: 'int8', value: (s) => s.memoryRequestBytes },
  { name: 'gpu_request', type: 'int4', value: (s) => s.gpuRequest },
  { name: 'cpu_usage_millicores', type: 'int4', value: (s) => s.cpuUsageMillicores },
  { name: 'memory_usage_bytes', type: 'int8', value: (s) => s.memoryUsageBytes },
  { name: 'usage_at', type: 'timestamptz', value: (s) => s.usageAt },
];

interface NodeSampleRow {
  uid: string;
  name: string;
  cpuUsageMillicores: number | null;
  memoryUsageBytes: number | null;
  usageAt: string | null;
}
const NODE_SAMPLE_COLUMNS: Column<NodeSampleRow>[] = [
  { name: 'node_uid', type: 'text', value: (s) => s.uid },
  { name: 'node_name', type: 'text', value: (s) => s.name },
  { name: 'cpu_usage_millicores', type: 'int4', value: (s) => s.cpuUsageMillicores },
  { name: 'memory_usage_bytes', type: 'int8', value: (s) => s.memoryUsageBytes },
  { name: 'usage_at', type: 'timestamptz', value: (s) => s.usageAt },
];

function nodeSampleRows(snapshot: Snapshot): NodeSampleRow[] {
  const usage = new Map(snapshot.nodeUsage.map((u) => [u.name, u]));
  return snapshot.nodes.map((node) => {
    const u = usage.get(node.name);
    return { uid: node.uid, name: node.name, cpuUsageMillicores: u?.cpuUsageMillicores ?? null, memoryUsageBytes: u?.memoryUsageBytes ?? null, usageAt: u?.usageAt ?? null };
  });
}

type ClaimWithPods = { claim: Snapshot['claims'][number]; pods: string[] };
const CLAIM_COLUMNS: Column<ClaimWithPods>[] = [
  { name: 'namespace', type: 'text', value: (x) => x.claim.namespace },
  { name: 'name', type: 'text', value: (x) => x.claim.name },
  { name: 'requested_bytes', type: 'int8', value: (x) => x.claim.requestedBytes },
  { name: 'capacity_bytes', type: 'int8', value: (x) => x.claim.capacityBytes },
  { name: 'storage_class', type: 'text', value: (x) => x.claim.storageClass },
  { name: 'volume_name', type: 'text', value: (x) => x.claim.volumeName },
  { name: 'phase', type: 'text', value: (x) => x.claim.phase },
  { name: 'mounting_pods', type: 'jsonb', value: (x) => json(x.pods) },
];

// unnest cannot carry an array per row, so mounting pods travel as JSON and become text[] here.
const CLAIM_SELECT = { mounting_pods: 'ARRAY(SELECT jsonb_array_elements_text(u."mounting_pods"))' };

const CLAIM_SAMPLE_COLUMNS: Column<ClaimSampleRow>[] = [
  { name: 'namespace', type: 'text', value: (c) => c.namespace },
  { name: 'name', type: 'text', value: (c) => c.name },
  { name: 'storage_class', type: 'text', value: (c) => c.storageClass },
  { name: 'bytes', type: 'int8', value: (c) => c.bytes },
  { name: 'pod_uids', type: 'jsonb', value: (c) => json(c.podUids) },
];
const CLAIM_SAMPLE_SELECT = { pod_uids: 'ARRAY(SELECT jsonb_array_elements_text(u."pod_uids"))' };
