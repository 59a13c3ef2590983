// Platform time to market (issue 9 §2): how long the platform makes a team wait, from pods to nodes to namespaces.
import { histogramCount, histogramQuantile, mergeHistograms } from './histogram';
import { quantile } from './summary';

/** One pod_startup_day row's figures (histograms as lib/delivery/histogram.ts keeps them). */
export interface PodDay {
  startupBuckets: readonly number[];
  schedulingBuckets: readonly number[];
  unschedulablePods: number;
  unschedulableSeconds: number;
}

/** Pods of a group over a window: startup (created → Ready) and scheduling wait (created → PodScheduled). */
export interface PodTimes {
  /** Pods whose startup (Ready) was seen; null when the group has no pod day. */
  podsStarted: number | null;
  podStartupSecondsP50: number | null;
  podStartupSecondsP90: number | null;
  podStartupSecondsP99: number | null;
  schedulingWaitSecondsP50: number | null;
  schedulingWaitSecondsP90: number | null;
  schedulingWaitSecondsP99: number | null;
  /** Pods that waited Unschedulable, and the seconds they waited in all; null when the group has no pod day. */
  unschedulablePods: number | null;
  unschedulableSeconds: number | null;
}

/** A group's pod days already merged: histograms summed element-wise, totals summed, how many days. */
export interface MergedPodDays {
  days: number;
  startupBuckets: readonly number[];
  schedulingBuckets: readonly number[];
  unschedulablePods: number;
  unschedulableSeconds: number;
}

/**
 * Pod times of merged pod days: p50/p90/p99 of the histograms (histogramQuantile, within
 * ≈ 2.5 %), pods started, unschedulable pods and seconds. No days → every field null; days
 * without any pod Ready → null quantiles but real counts (0 started, 0 unschedulable when none waited).
 */
export function podTimesOf(m: MergedPodDays): PodTimes {
  const started = histogramCount(m.startupBuckets);
  const q = (h: readonly number[], p: number) => histogramQuantile(h, p);
  return {
    podsStarted: m.days === 0 ? null : started,
    podStartupSecondsP50: q(m.startupBuckets, 0.5),
    podStartupSecondsP90: q(m.startupBuckets, 0.9),
    podStartupSecondsP99: q(m.startupBuckets, 0.99),
    schedulingWaitSecondsP50: q(m.schedulingBuckets, 0.5),
    schedulingWaitSecondsP90: q(m.schedulingBuckets, 0.9),
    schedulingWaitSecondsP99: q(m.schedulingBuckets, 0.99),
    unschedulablePods: m.days === 0 ? null : m.unschedulablePods,
    unschedulableSeconds: m.days === 0 ? null : m.unschedulableSeconds,
  };
}

/** Merges a group's pod days (histograms summed, totals summed) and gives their podTimesOf. */
export function summarizePodDays(days: readonly PodDay[]): PodTimes {
  return podTimesOf({
    days: days.length,
    startupBuckets: mergeHistograms(days.map((d) => d.startupBuckets)),
    schedulingBuckets: mergeHistograms(days.map((d) => d.schedulingBuckets)),
    unschedulablePods: days.reduce((n, d) => n + d.unschedulablePods, 0),
    unschedulableSeconds: days.reduce((n, d) => n + d.unschedulableSeconds, 0),
  });
}

/** A span from a start to an end (epoch ms); end null = not reached yet. */
export interface Span {
  startMs: number;
  endMs: number | null;
}

/** Durations (seconds) of the spans that ended at or after they started; open or negative spans are left out. */
function durations(spans: readonly Span[]): number[] {
  return spans.flatMap((s) => (s.endMs !== null && s.endMs >= s.startMs ? [(s.endMs - s.startMs) / 1000] : []));
}

/** New nodes of a group (a cluster, a node pool): created → Ready. */
export interface NodeProvisioning {
  /** Nodes created in the window (null when none). */
  nodesCreated: number | null;
  /** Of those, the ones seen Ready (their provisioning time is known). */
  nodesProvisioned: number | null;
  nodeProvisioningSecondsP50: number | null;
  nodeProvisioningSecondsP90: number | null;
}

/**
 * Node provisioning over the nodes created in a window (`startMs` = created, `endMs` = first
 * Ready seen, null when never): how many, and p50/p90 (type-7 quantile) of created → Ready among
 * those that became Ready. A Ready time before the creation (a clock glitch) is left out. No nodes → all null.
 */
export function summarizeNodeProvisioning(nodes: readonly Span[]): NodeProvisioning {
  const seconds = durations(nodes);
  return {
    nodesCreated: nodes.length > 0 ? nodes.length : null,
    nodesProvisioned: nodes.length > 0 ? seconds.length : null,
    nodeProvisioningSecondsP50: quantile(seconds, 0.5),
    nodeProvisioningSecondsP90: quantile(seconds, 0.9),
  };
}

/** New namespaces of a group: created → its first deployment finished. */
export interface NamespaceFirstDeployment {
  /** Namespaces created in the window (null when none). */
  newNamespaces: number | null;
  /** Of those, the ones with a finished deployment. */
  namespacesDeployed: number | null;
  firstDeploymentSecondsMedian: number | null;
  firstDeploymentSecondsP90: number | null;
}

/**
 * Time to first deployment over the namespaces created in a window (`startMs` = the namespace's
 * creation, `endMs` = the finish of the first rollout of kind deployment in it, null when none
 * yet): counts, median and p90 (type 7) among the deployed. No namespaces → all null.
 */
export function summarizeFirstDeployments(namespaces: readonly Span[]): NamespaceFirstDeployment {
  const seconds = durations(namespaces);
  return {
    newNamespaces: namespaces.length > 0 ? namespaces.length : null,
    namespacesDeployed: namespaces.length > 0 ? seconds.length : null,
    firstDeploymentSecondsMedian: quantile(seconds, 0.5),
    firstDeploymentSecondsP90: quantile(seconds, 0.9),
  };
}

/** One filter clause, as lib/allocation/filter parses it (structural: lib/delivery imports only its own modules). */
export interface PlatformFilterClause {
  field: string;
  negated: boolean;
  values: readonly string[];
}

/** True when `fields` pass every clause on a field it names (clauses on other fields are ignored). */
export function matchesClauses(clauses: readonly PlatformFilterClause[], fields: Readonly<Record<string, string>>): boolean {
  return clauses.every((c) => {
    const value = fields[c.field];
    if (value === undefined) return true;
    return c.values.includes(value) !== c.negated;
  });
}
