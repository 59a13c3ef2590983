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
  /** All new pods ready, the rollout complete. */
  readyMs: number;
}

/** The times of the revision live at `ms`: revision 1 from creation, then one per rollout event. */
export function revisionTimesAt(seed: number, w: WorkloadPlan, ms: number): RevisionTimes {
  const cadence = w.deployEveryBusinessMs;
  if (cadence === null) return timesByIndex(seed, w, 0, 0);
  const first = firstIndex(seed, w, cadence);
  return timesByIndex(seed, w, Math.max(first, latestEventIndex(seed, w, cadence, ms)), first);
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

function timesByIndex(seed: number, w: WorkloadPlan, index: number, first: number): RevisionTimes {
  const cadence = w.deployEveryBusinessMs;
  const startedMs = cadence === null || index <= first ? w.createdMs : wallMsOfBusiness(eventBusinessMs(seed, w, cadence, index));
  const readyMs = startedMs + 8_000 + Math.floor(unitHash(seed, w.namespace, w.name, 'ready', index) * 40) * 1000;
  return { index, number: cadence === null || index <= first ? 1 : index - first + 1, startedMs, readyMs };
}

function isConfigOnly(seed: number, w: WorkloadPlan, index: number, first: number): boolean {
  return index > first && unitHash(seed, w.namespace, w.name, 'config-only', index) < 0.12;
}

function withCommit(seed: number, w: WorkloadPlan, times: RevisionTimes, first: number): Revision {
  let imageIndex = times.index;
  while (isConfigOnly(seed, w, imageIndex, first)) imageIndex -= 1;
  const imageStartedMs = imageIndex === times.index ? times.startedMs : timesByIndex(seed, w, imageIndex, first).startedMs;
  const leadMs = 20 * MINUTE_MS + Math.floor(unitHash(seed, w.namespace, w.name, 'lead', imageIndex) * 72 * 60) * MINUTE_MS;
  return {
    ...times,
    configOnly: isConfigOnly(seed, w, times.index, first),
    commitSha: hexId(40, seed, w.namespace, w.name, 'commit', imageIndex),
    commitMs: imageStartedMs - leadMs,
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
