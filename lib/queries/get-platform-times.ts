import type { FilterClause } from '../allocation/filter';
import { attributeTeam, DEFAULT_ATTRIBUTION, type AttributionConfig } from '../cost/attribution';
import type { Database } from '../db/client';
import {
  matchesClauses, podTimesOf, summarizeFirstDeployments, summarizeNodeProvisioning,
  type NamespaceFirstDeployment, type NodeProvisioning, type PodTimes, type Span,
} from '../delivery/platform';
import { AppError } from '../util/errors';
import { filterSql, filtersController } from './delivery-filter';

export type PlatformAggregate = 'team' | 'namespace' | 'cluster';

export interface PlatformQuery {
  from: Date;
  to: Date;
  aggregate: PlatformAggregate;
  /** Fields cluster, namespace, team (controller fields: AppError INVALID, pod days have none). */
  filter?: readonly FilterClause[];
  /** Names the team of a namespace with no deployment yet (tally.yaml teams); default labels team, owner. */
  attribution?: AttributionConfig;
}

/** One group's platform times in the window; node figures only per cluster (null for team and namespace groups). */
export interface PlatformRow extends PodTimes, NamespaceFirstDeployment, NodeProvisioning {
  name: string;
}

/** New nodes of one cluster's node pool (null: nodes without a pool label). */
export interface NodePoolRow extends NodeProvisioning {
  cluster: string;
  nodePool: string | null;
}

export interface PlatformTimes {
  groups: PlatformRow[];
  nodePools: NodePoolRow[];
}

const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;
const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** Adds a comma-separated histogram into `into`, element by element (no intermediate array: pod days are many). */
function addInto(into: number[], text: string | null): void {
  if (!text) return;
  const parts = text.split(',');
  for (let i = 0; i < parts.length; i++) into[i] = (into[i] ?? 0) + Number(parts[i]);
}

interface PodGroup { days: number; startupBuckets: number[]; schedulingBuckets: number[]; unschedulablePods: number; unschedulableSeconds: number }

interface PodRaw { cluster: string; namespace: string; team: string; startup: string | null; scheduling: string | null; unschedulable_pods: number; unschedulable_seconds: number }
interface NamespaceRaw { cluster: string; namespace: string; labels: Record<string, string> | null; created_ms: number; first_ms: number | null; first_team: string | null }
interface NodeRaw { cluster: string; node_pool: string | null; created_ms: number; ready_ms: number | null }

/** Groups items by key, keeping first-seen order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const NO_PODS = podTimesOf({ days: 0, startupBuckets: [], schedulingBuckets: [], unschedulablePods: 0, unschedulableSeconds: 0 });
const NO_NAMESPACES = summarizeFirstDeployments([]);
const NO_NODES = summarizeNodeProvisioning([]);

/**
 * Platform time to market (issue 9 §2) per team, namespace or cluster in [from, to):
 * - pods: the pod_startup_day rows whose day starts in the window (pods created that day), their
 *   startup and scheduling-wait histograms merged → p50/p90/p99, unschedulable pods and seconds;
 * - new namespaces: those created in the window (namespace.created_at), each with the finish of
 *   the first rollout of kind deployment in it at or after its creation (whenever it happened);
 *   its team is that rollout's team, else the namespace's by `attribution` (labels, map);
 * - new nodes (cluster groups and `nodePools`): nodes created in the window, created → first
 *   Ready seen (node.ready_at); only cluster clauses of the filter apply to nodes.
 * Groups: any with a pod day, new namespace or (per cluster) new node; sorted by name. Three reads.
 */
export async function getPlatformTimes(db: Database, q: PlatformQuery): Promise<PlatformTimes> {
  const filter = q.filter ?? [];
  if (filtersController(filter)) throw new AppError('INVALID', 'filter: controllerKind, controllerName not supported here; use cluster, namespace, team');
  const params: unknown[] = [q.from, q.to];
  const where = filterSql(filter, params);
  const [pods, namespaces, nodes] = await Promise.all([
    db.session((s) =>
      s.query<PodRaw>(
        `SELECT c.name AS cluster, r.namespace, r.team, array_to_string(r.startup_buckets, ',') AS startup,
                array_to_string(r.scheduling_buckets, ',') AS scheduling, r.unschedulable_pods, r.unschedulable_seconds::float8 AS unschedulable_seconds
           FROM pod_startup_day r JOIN cluster c ON c.id = r.cluster_id
          WHERE r.day_start >= $1 AND r.day_start < $2 AND ${where}`,
        params,
      ),
    ),
    db.session((s) =>
      s.query<NamespaceRaw>(
        `WITH ns AS (SELECT cluster_id, name, labels, created_at FROM namespace WHERE created_at >= $1 AND created_at < $2),
              first AS (SELECT DISTINCT ON (ns.cluster_id, ns.name) ns.cluster_id, ns.name, r.finished_at, r.team
                          FROM ns JOIN rollout r ON r.cluster_id = ns.cluster_id AND r.namespace = ns.name AND r.finished_at >= ns.created_at
                         WHERE r.kind = 'deployment'
                         ORDER BY ns.cluster_id, ns.name, r.finished_at, r.team)
         SELECT c.name AS cluster, ns.name AS namespace, ns.labels, ${ms('ns.created_at')} AS created_ms,
                ${ms('f.finished_at')} AS first_ms, f.team AS first_team
           FROM ns JOIN cluster c ON c.id = ns.cluster_id LEFT JOIN first f ON f.cluster_id = ns.cluster_id AND f.name = ns.name`,
        [q.from, q.to],
      ),
    ),
    db.session((s) =>
      s.query<NodeRaw>(
        `SELECT c.name AS cluster, n.node_pool, ${ms('n.created_at')} AS created_ms, ${ms('n.ready_at')} AS ready_ms
           FROM node n JOIN cluster c ON c.id = n.cluster_id
          WHERE n.created_at >= $1 AND n.created_at < $2`,
        [q.from, q.to],
      ),
    ),
  ]);

  const name = (r: { cluster: string; namespace: string; team: string }) => (q.aggregate === 'team' ? r.team : q.aggregate === 'namespace' ? r.namespace : r.cluster);
  const podGroups = new Map<string, PodGroup>();
  for (const p of pods) {
    const key = name(p);
    let g = podGroups.get(key);
    if (!g) podGroups.set(key, (g = { days: 0, startupBuckets: [], schedulingBuckets: [], unschedulablePods: 0, unschedulableSeconds: 0 }));
    g.days++;
    addInto(g.startupBuckets, p.startup);
    addInto(g.schedulingBuckets, p.scheduling);
    g.unschedulablePods += Number(p.unschedulable_pods);
    g.unschedulableSeconds += Number(p.unschedulable_seconds);
  }
  const attribution = q.attribution ?? DEFAULT_ATTRIBUTION;
  const newNamespaces = namespaces.flatMap((n) => {
    const createdMs = Number(n.created_ms);
    const firstMs = num(n.first_ms);
    const team = n.first_team ?? attributeTeam({}, n.namespace, n.labels ?? {}, attribution).team;
    const row = { cluster: n.cluster, namespace: n.namespace, team, span: { startMs: createdMs, endMs: firstMs } satisfies Span };
    return matchesClauses(filter, { cluster: row.cluster, namespace: row.namespace, team: row.team }) ? [row] : [];
  });
  const namespaceGroups = groupBy(newNamespaces, name);
  const clusterClauses = filter.filter((c) => c.field === 'cluster');
  const newNodes = nodes
    .filter((n) => matchesClauses(clusterClauses, { cluster: n.cluster }))
    .map((n) => ({ cluster: n.cluster, nodePool: n.node_pool, span: { startMs: Number(n.created_ms), endMs: num(n.ready_ms) } }));
  const nodeGroups = q.aggregate === 'cluster' ? groupBy(newNodes, (n) => n.cluster) : new Map<string, typeof newNodes>();

  const names = [...new Set([...podGroups.keys(), ...namespaceGroups.keys(), ...nodeGroups.keys()])].sort();
  const groups = names.map((group): PlatformRow => {
    const days = podGroups.get(group);
    const spaces = namespaceGroups.get(group);
    const groupNodes = nodeGroups.get(group);
    return {
      name: group,
      ...(days ? podTimesOf(days) : NO_PODS),
      ...(spaces ? summarizeFirstDeployments(spaces.map((n) => n.span)) : NO_NAMESPACES),
      ...(groupNodes ? summarizeNodeProvisioning(groupNodes.map((n) => n.span)) : NO_NODES),
    };
  });
  const pools = groupBy(newNodes, (n) => `${n.cluster}\u0000${n.nodePool ?? ''}`);
  const nodePools = [...pools.values()]
    .map((list): NodePoolRow => ({ cluster: list[0]!.cluster, nodePool: list[0]!.nodePool, ...summarizeNodeProvisioning(list.map((n) => n.span)) }))
    .sort((a, b) => (a.cluster === b.cluster ? (a.nodePool ?? '').localeCompare(b.nodePool ?? '') : a.cluster.localeCompare(b.cluster)));
  return { groups, nodePools };
}
