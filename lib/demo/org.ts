/**
 * Generates the simulated organisation, deterministically from the seed: namespaces, node
 * pools, workloads with resolved requests, and where each pod runs. Time-dependent state
 * (rollouts, restarts, CronJob runs, usage) is derived later from this plan and an instant.
 */
import { HOUR_MS, MINUTE_MS, ORG_CREATED_MS, parseCron } from './calendar';
import type { CatalogNamespace, CatalogWorkload } from './catalog';
import { CATALOG_ONBOARDING, EMPTY_SYSTEM_NAMESPACES, SHARED_NAMESPACES, TEAM_NAMESPACES, UNOWNED_NAMESPACE } from './catalog-data';
import type { ContainerPlan, NamespacePlan, OrgPlan, WorkloadPlan } from './model';
import { gitopsManaged } from './gitops';
import { onboardingBefore } from './onboarding';
import { placeWorkloads } from './placement';
import { planNodes } from './pools';
import { hash32, uidFor } from './random';
import { toBytes, toMillicores } from '../k8s/quantity';
import { AppError } from '../util/errors';
import { fitRequestsToNodes, planScale } from './scale';

export interface OrgOptions {
  seed?: number;
  /** Node count (default 18). */
  nodes?: number;
  /** Approximate pod count; by default the catalog as written (~220 pods on 18 nodes). */
  pods?: number;
  /** The cluster clock at start: adds the latest onboarding namespace before it (onboarding.ts); none without. */
  startMs?: number;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_NODES = 18;

/** Builds the organisation. Pure: equal options give equal plans. */
export function generateOrg(options: OrgOptions = {}): OrgPlan {
  const seed = options.seed ?? DEFAULT_SEED;
  const nodeCount = options.nodes ?? DEFAULT_NODES;
  if (!Number.isInteger(seed)) throw new AppError('INVALID', `seed must be an integer, got ${seed}`);
  if (!Number.isInteger(nodeCount) || nodeCount < 1) throw new AppError('INVALID', `nodes must be a positive integer, got ${nodeCount}`);
  if (options.pods !== undefined && (!Number.isInteger(options.pods) || options.pods < 1)) throw new AppError('INVALID', `pods must be a positive integer, got ${options.pods}`);

  const nodes = planNodes(seed, nodeCount);
  const ownNamespaces = [...TEAM_NAMESPACES, UNOWNED_NAMESPACE];
  const scale = planScale(nodes, ownNamespaces, SHARED_NAMESPACES, options.pods);
  const gpuBudget = { left: nodes.reduce((sum, n) => sum + n.pool.gpus, 0) };

  const namespaces: NamespacePlan[] = [];
  const workloads: WorkloadPlan[] = [];
  const addNamespace = (name: string, team: string | null, catalog: CatalogWorkload[], replicaFactor: number, primary = true, growing = false) => {
    const createdMs = ORG_CREATED_MS + (hash32(seed, 'ns', name) % 120) * MINUTE_MS;
    namespaces.push({ name, uid: uidFor(seed, 'namespace', name), team, createdMs });
    for (const entry of catalog) {
      const workload = { ...resolveWorkload(seed, name, team, entry, createdMs, replicaFactor, primary), trafficGrowth: growing };
      const gpus = workload.containers.reduce((sum, c) => sum + c.gpus, 0) * workload.replicas;
      if (gpus > 0) {
        // A scaled-up cluster only gets the GPU services its GPU nodes can hold.
        if (gpus > gpuBudget.left) continue;
        gpuBudget.left -= gpus;
      }
      workloads.push(workload);
    }
  };

  for (const name of EMPTY_SYSTEM_NAMESPACES) addNamespace(name, null, [], 1);
  for (const ns of SHARED_NAMESPACES) addNamespace(ns.name, ns.team, ns.workloads, 1);
  for (let clone = 1; clone <= scale.clones; clone++) {
    for (const ns of ownNamespaces) addNamespace(cloneName(ns, clone), ns.team, ns.workloads, scale.replicaFactor, clone === 1, ns.growing ?? false);
  }
  // The onboarding scenario: a namespace created days before the start, its Deployment hours after it.
  const onboarding = options.startMs === undefined ? null : onboardingBefore(seed, options.startMs);
  if (onboarding) {
    namespaces.push({ name: onboarding.namespace, uid: uidFor(seed, 'namespace', onboarding.namespace), team: onboarding.team, createdMs: onboarding.createdMs });
    const entry = CATALOG_ONBOARDING.workload;
    workloads.push({ ...resolveWorkload(seed, onboarding.namespace, onboarding.team, { ...entry, name: `${onboarding.service}-api` }, onboarding.createdMs, 1, true), createdMs: onboarding.firstDeploymentMs });
  }
  fitRequestsToNodes(nodes, workloads);
  placeWorkloads(nodes, workloads);
  return { seed, namespaces, nodes, workloads };
}

function cloneName(ns: CatalogNamespace, clone: number): string {
  return clone === 1 ? ns.name : `${ns.name}-${clone}`;
}

function resolveWorkload(seed: number, namespace: string, team: string | null, entry: CatalogWorkload, namespaceCreatedMs: number, replicaFactor: number, primary: boolean): WorkloadPlan {
  const scalable = entry.kind === 'Deployment';
  return {
    kind: entry.kind,
    namespace,
    name: entry.name,
    team,
    uid: uidFor(seed, entry.kind, namespace, entry.name),
    createdMs: namespaceCreatedMs + HOUR_MS + (hash32(seed, 'created', namespace, entry.name) % 240) * MINUTE_MS,
    replicas: scalable ? Math.max(1, Math.round(entry.replicas * replicaFactor)) : entry.replicas,
    profile: entry.profile,
    containers: entry.containers.map<ContainerPlan>((c) => ({
      name: c.name,
      image: c.image,
      versioned: !c.image.slice(c.image.lastIndexOf('/') + 1).includes(':'),
      cpuRequestMillicores: c.cpu === undefined ? null : toMillicores(c.cpu),
      cpuLimitMillicores: c.cpuLimit === undefined ? null : toMillicores(c.cpuLimit),
      memoryRequestBytes: c.memory === undefined ? null : toBytes(c.memory),
      memoryLimitBytes: c.memoryLimit === undefined ? null : toBytes(c.memoryLimit),
      gpus: c.gpu ?? 0,
    })),
    pool: entry.pool ?? null,
    storageBytes: entry.storage === undefined ? null : toBytes(entry.storage),
    scenario: primary ? (entry.scenario ?? null) : null,
    leadMinutes: entry.leadMinutes ?? [20, 20 + 72 * 60],
    commitAnnotation: entry.commitAnnotation ?? (gitopsManaged({ namespace }) ? 'oci' : 'tally'),
    deployEveryBusinessMs: entry.deployEveryBusinessHours === undefined ? null : entry.deployEveryBusinessHours * HOUR_MS,
    schedule: entry.schedule === undefined ? null : parseCron(entry.schedule),
    runMs: (entry.runMinutes ?? 0) * MINUTE_MS,
    podLabels: entry.podLabels ?? {},
    hostNetwork: entry.hostNetwork ?? false,
    priorityClassName: entry.priorityClassName ?? null,
    antiAffinity: primary && (entry.antiAffinity ?? false),
    burst: primary && entry.kind === 'Deployment' ? (entry.burst ?? null) : null,
    trafficGrowth: false,
    slots: [],
  };
}

/** Pods the plan produces at a typical instant (CronJobs: three finished runs kept). */
export function expectedPodCount(plan: OrgPlan): number {
  return plan.workloads.reduce((sum, w) => sum + (w.kind === 'CronJob' ? 3 : w.slots.length), 0);
}
