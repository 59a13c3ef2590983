/**
 * When things happen to a workload: Deployment rollouts (business hours only), CronJob runs,
 * and the restarts of the leaking container. Pure functions of (seed, workload, instant).
 */
import { HOUR_MS, MINUTE_MS, businessMsAt, cronRunMs, latestCronRun, wallMsOfBusiness } from './calendar';
import type { WorkloadPlan } from './model';
import { hexId, unitHash } from './random';

export interface Revision extends RevisionTimes {
  /** A rollout that changed configuration only: same image as the previous revision. */
  configOnly: boolean;
  commitSha: string;
  commitMs: number;
  /** Number whose configuration (env CONFIG_REVISION) the template carries. */
  configNumber: number;
  /** `kubectl.kubernetes.io/restartedAt` of a restart revision, else null. */
  restartedAtMs: number | null;
  /** Requests raised ~30% (the cost-raise scenario). */
  costRaised: boolean;
}

function eventBusinessMs(seed: number, w: WorkloadPlan, cadence: number, index: number): number {
  const phase = unitHash(seed, w.namespace, w.name, 'phase') * (cadence / 2);
  return index * cadence + phase + unitHash(seed, w.namespace, w.name, 'jitter', index) * (cadence / 2);
}

/** Index of the latest rollout event at or before `ms` (events are increasing in index). */
function latestEventIndex(seed: number, w: WorkloadPlan, cadence: number, ms: number): number {
  const business = businessMsAt(ms);
  const phase = unitHash(seed, w.namespace, w.name, 'phase') * (cadence / 2);
  const index = Math.floor((business - phase) / cadence);
  return eventBusinessMs(seed, w, cadence, index) > business ? index - 1 : index;
}

function firstIndex(seed: number, w: WorkloadPlan, cadence: number): number {
  return latestEventIndex(seed, w, cadence, w.createdMs);
}

/** When a revision started and completed, without its commit details (cheap: used on every request). */
export interface RevisionTimes {
  /** Index of the rollout event in the workload's schedule (not contiguous with creation). */
  index: number;
  /** `deployment.kubernetes.io/revision`: 1 at creation, +1 per rollout. */
  number: number;
  startedMs: number;
  /** All new pods ready, the rollout complete; +Infinity for a failed revision (never ready). */
  readyMs: number;
  kind: StepKind;
  /** ProgressDeadlineExceeded (image never pulls) or crash-looping pods; null when healthy. */
  failure: 'deadline' | 'crash' | null;
  /** Index whose pod template (and ReplicaSet) this revision runs: itself, or for a rollback the revision before the bad one. */
  templateIndex: number;
  /** Creation of that template's ReplicaSet. */
  templateStartedMs: number;
  /** `deployment.kubernetes.io/revision-history` of a reused ReplicaSet: the numbers it had before. */
  revisionHistory: number[];
  /** When the new pods are bound to a node (PodScheduled): startedMs + 1 s, or 1 s after the node they waited for is Ready. */
  podsScheduledMs: number;
  /** The unschedulable scenario: the new pods wait Unschedulable until the cluster autoscaler's new node is Ready. */
  nodeWait: NodeWait | null;
}

/** A node added for a revision's pods: its Node object appears at createdMs, Ready at readyMs. */
export interface NodeWait {
  createdMs: number;
  readyMs: number;
}

export type StepKind = 'deploy' | 'config' | 'restart' | 'rollback';

/** The rollback after a crash-looping revision starts this long after it (`kubectl rollout undo`). */
export const ROLLBACK_AFTER_MS = 20 * MINUTE_MS;
/** The unschedulable scenario's follow-up (rel % 4 = 1: requests trimmed to fit the nodes there were) starts this long after the revision that waited. */
export const FOLLOW_UP_AFTER_MS = 40 * MINUTE_MS;
/** spec.progressDeadlineSeconds of every Deployment. */
export const PROGRESS_DEADLINE_SECONDS = 600;

/**
 * The kind of rollout event `index` (rel = index − first, revision number − 1). Scenario
 * workloads follow fixed cycles so every 30-day window shows them:
 * crash-rollback rel % 12 = 5 crash-loops, 6 is its rollback; deadline rel % 9 = 4 exceeds its
 * progress deadline (5 fixes it); restarts rel % 5 = 3 is a `kubectl rollout restart`,
 * rel % 5 = 1 a config change; cost-raise rel % 6 = 1 raises requests, 4 lowers them again;
 * unschedulable rel % 4 = 0 waits for a new node, rel % 4 = 1 follows 40 min later on the old nodes.
 * Elsewhere 12% of rollouts are config-only.
 */
export function stepOf(seed: number, w: WorkloadPlan, index: number, first: number): { kind: StepKind; failure: 'deadline' | 'crash' | null } {
  const rel = index - first;
  if (rel <= 0) return { kind: 'deploy', failure: null };
  switch (w.scenario) {
    case 'crash-rollback':
      if (rel % 12 === 5) return { kind: 'deploy', failure: 'crash' };
      if (rel % 12 === 6) return { kind: 'rollback', failure: null };
      if (rel % 12 === 4 || rel % 12 === 7) return { kind: 'deploy', failure: null };
      break;
    case 'deadline':
      if (rel % 9 === 4) return { kind: 'deploy', failure: 'deadline' };
      if (rel % 9 === 5) return { kind: 'deploy', failure: null };
      break;
    case 'restarts':
      if (rel % 5 === 3) return { kind: 'restart', failure: null };
      if (rel % 5 === 1) return { kind: 'config', failure: null };
      return { kind: 'deploy', failure: null };
    case 'cost-raise':
      if (rel % 6 === 1 || rel % 6 === 4) return { kind: 'deploy', failure: null };
      break;
    default:
      break;
  }
  return { kind: unitHash(seed, w.namespace, w.name, 'config-only', index) < 0.12 ? 'config' : 'deploy', failure: null };
}

/** Whether revision `index` runs with the raised requests of the cost-raise scenario (rel % 6 in 1..3). */
function costRaisedAt(w: WorkloadPlan, index: number, first: number): boolean {
  const rel = index - first;
  return w.scenario === 'cost-raise' && rel > 0 && rel % 6 >= 1 && rel % 6 <= 3;
}

/** The times of the revision live at `ms`: revision 1 from creation, then one per rollout event. */
export function revisionTimesAt(seed: number, w: WorkloadPlan, ms: number): RevisionTimes {
  const cadence = w.deployEveryBusinessMs;
  if (cadence === null) return timesByIndex(seed, w, 0, 0);
  const first = firstIndex(seed, w, cadence);
  const latest = Math.max(first, latestEventIndex(seed, w, cadence, ms));
  // A rollback (or the unschedulable scenario's follow-up) is started by hand soon after the revision before it, ahead of the schedule.
  if (startsEarly(seed, w, latest + 1, first)) {
    const quick = timesByIndex(seed, w, latest + 1, first);
    if (ms >= quick.startedMs) return quick;
  }
  return timesByIndex(seed, w, latest, first);
}

/** The revision live at `ms`. */
export function revisionAt(seed: number, w: WorkloadPlan, ms: number): Revision {
  const cadence = w.deployEveryBusinessMs;
  const first = cadence === null ? 0 : firstIndex(seed, w, cadence);
  return withCommit(seed, w, revisionTimesAt(seed, w, ms), first);
}

/** The revision `back` rollouts before `current`, or null before the first. */
export function previousRevision(seed: number, w: WorkloadPlan, current: Revision, back: number): Revision | null {
  const cadence = w.deployEveryBusinessMs;
  if (cadence === null || current.number - back < 1) return null;
  const first = firstIndex(seed, w, cadence);
  return withCommit(seed, w, timesByIndex(seed, w, current.index - back, first), first);
}

/** Revisions started by hand shortly after the one before: a crash-rollback's rollback, the unschedulable scenario's follow-up. */
function startsEarly(seed: number, w: WorkloadPlan, index: number, first: number): boolean {
  if (w.scenario === 'crash-rollback') return stepOf(seed, w, index, first).kind === 'rollback';
  return w.scenario === 'unschedulable' && w.kind === 'Deployment' && index - first > 0 && (index - first) % 4 === 1;
}

function naturalStartMs(seed: number, w: WorkloadPlan, index: number, first: number): number {
  const cadence = w.deployEveryBusinessMs;
  return cadence === null || index <= first ? w.createdMs : wallMsOfBusiness(eventBusinessMs(seed, w, cadence, index));
}

/** How long a revision's pods take to be ready: StatefulSets roll pod by pod (30 s apart, 14 s each). */
function readyAfterMs(seed: number, w: WorkloadPlan, index: number): number {
  if (w.kind === 'StatefulSet') return (w.replicas - 1) * 30_000 + 14_000;
  return 8_000 + Math.floor(unitHash(seed, w.namespace, w.name, 'ready', index) * 40) * 1000;
}

/**
 * The unschedulable scenario (rel % 4 = 0, a healthy image deployment of a Deployment): its pods
 * do not fit, the cluster autoscaler scales the node group up, the first launches fail for lack of
 * capacity, and the Node registers 8–20 min after the rollout started, Ready 40–120 s after that
 * (long enough that a backfill's 10-minute scrapes see the pods waiting).
 */
function nodeWaitOf(seed: number, w: WorkloadPlan, index: number, first: number, step: ReturnType<typeof stepOf>, startedMs: number): NodeWait | null {
  const rel = index - first;
  if (w.scenario !== 'unschedulable' || w.kind !== 'Deployment' || rel <= 0 || rel % 4 !== 0 || step.kind !== 'deploy' || step.failure !== null) return null;
  const createdMs = startedMs + 8 * MINUTE_MS + Math.floor(unitHash(seed, w.namespace, w.name, 'node-launch', index) * 720) * 1000;
  return { createdMs, readyMs: createdMs + 40_000 + Math.floor(unitHash(seed, w.namespace, w.name, 'node-ready', index) * 80) * 1000 };
}

/** The times of revision `index` of `w` (for the nodes the unschedulable scenario adds). */
export function revisionTimesByIndex(seed: number, w: WorkloadPlan, index: number): RevisionTimes {
  const cadence = w.deployEveryBusinessMs;
  return cadence === null ? timesByIndex(seed, w, 0, 0) : timesByIndex(seed, w, index, firstIndex(seed, w, cadence));
}

/** Index of the workload's first rollout event (revision 1). */
export function firstRevisionIndex(seed: number, w: WorkloadPlan): number {
  const cadence = w.deployEveryBusinessMs;
  return cadence === null ? 0 : firstIndex(seed, w, cadence);
}

/** When revision `index` starts: on its schedule, or early (a rollback, a follow-up) after the one before. */
function startMsOf(seed: number, w: WorkloadPlan, index: number, first: number): number {
  if (!startsEarly(seed, w, index, first)) return naturalStartMs(seed, w, index, first);
  return naturalStartMs(seed, w, index - 1, first) + (stepOf(seed, w, index, first).kind === 'rollback' ? ROLLBACK_AFTER_MS : FOLLOW_UP_AFTER_MS);
}

function timesByIndex(seed: number, w: WorkloadPlan, index: number, first: number): RevisionTimes {
  const step = stepOf(seed, w, index, first);
  const startedMs = startMsOf(seed, w, index, first);
  const nodeWait = nodeWaitOf(seed, w, index, first, step, startedMs);
  const podsScheduledMs = nodeWait ? nodeWait.readyMs + 1000 : startedMs + 1000;
  const readyMs = step.failure ? Number.POSITIVE_INFINITY : podsScheduledMs - 1000 + readyAfterMs(seed, w, index);
  const number = w.deployEveryBusinessMs === null || index <= first ? 1 : index - first + 1;
  const templateIndex = step.kind === 'rollback' ? index - 2 : index;
  const templateStartedMs = templateIndex === index ? startedMs : naturalStartMs(seed, w, templateIndex, first);
  const revisionHistory = templateIndex === index ? [] : [templateIndex - first + 1];
  return { index, number, startedMs, readyMs, kind: step.kind, failure: step.failure, templateIndex, templateStartedMs, revisionHistory, podsScheduledMs, nodeWait };
}

function withCommit(seed: number, w: WorkloadPlan, times: RevisionTimes, first: number): Revision {
  // The template a rollback restores is that of its templateIndex; config changes and restarts keep the image before them.
  let imageIndex = times.templateIndex;
  while (imageIndex > first && stepOf(seed, w, imageIndex, first).kind !== 'deploy') imageIndex = imageIndex - (stepOf(seed, w, imageIndex, first).kind === 'rollback' ? 2 : 1);
  let configIndex = times.templateIndex;
  while (configIndex > first && stepOf(seed, w, configIndex, first).kind === 'restart') configIndex -= 1;
  const imageStartedMs = startMsOf(seed, w, imageIndex, first);
  const [minLead, maxLead] = w.leadMinutes;
  const leadMs = (minLead + Math.floor(unitHash(seed, w.namespace, w.name, 'lead', imageIndex) * (maxLead - minLead))) * MINUTE_MS;
  const templateKind = stepOf(seed, w, times.templateIndex, first).kind;
  return {
    ...times,
    configOnly: times.kind === 'config',
    commitSha: hexId(40, seed, w.namespace, w.name, 'commit', imageIndex),
    commitMs: imageStartedMs - leadMs,
    configNumber: Math.max(1, configIndex - first + 1),
    restartedAtMs: templateKind === 'restart' ? naturalStartMs(seed, w, times.templateIndex, first) - 2000 : null,
    costRaised: costRaisedAt(w, times.templateIndex, first),
  };
}

export interface CronRun {
  index: number;
  scheduledMs: number;
  /** The Job (and its pod) appear a moment after the scheduled time. */
  createdMs: number;
  startedMs: number;
  completedMs: number;
}

function cronRun(seed: number, w: WorkloadPlan, index: number): CronRun | null {
  if (!w.schedule) return null;
  const scheduledMs = cronRunMs(w.schedule, index);
  const createdMs = scheduledMs + 1000 + Math.floor(unitHash(seed, w.namespace, w.name, 'delay', index) * 3) * 1000;
  const durationMs = Math.min(w.runMs * (0.7 + 0.6 * unitHash(seed, w.namespace, w.name, 'duration', index)), w.schedule.periodMs * 0.8);
  const startedMs = createdMs + 2000;
  return { index, scheduledMs, createdMs, startedMs, completedMs: startedMs + Math.max(10_000, Math.round(durationMs / 1000) * 1000) };
}

/** Runs whose Job exists at `ms`: the running one, if any, and the last `history` finished ones. */
export function cronRunsAt(seed: number, w: WorkloadPlan, ms: number, history: number): CronRun[] {
  if (!w.schedule) return [];
  const first = latestCronRun(w.schedule, w.createdMs) + 1;
  const runs: CronRun[] = [];
  let finished = 0;
  for (let index = latestCronRun(w.schedule, ms); index >= first && finished < history; index--) {
    const run = cronRun(seed, w, index);
    if (!run || run.createdMs > ms) continue;
    runs.push(run);
    if (run.completedMs <= ms) finished += 1;
  }
  return runs;
}

/** Time between OOM kills of a leaking container: its memory climbs from the baseline to the limit. */
export function leakPeriodMs(seed: number, w: WorkloadPlan): number {
  return 20 * HOUR_MS + Math.floor(unitHash(seed, w.namespace, w.name, 'leak-period') * 8 * 60) * MINUTE_MS;
}
