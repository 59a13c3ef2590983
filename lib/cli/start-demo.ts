import { DEFAULT_ATTRIBUTION } from '../cost/attribution';
import type { Database } from '../db/client';
import type { DemoClock } from '../demo/clock';
import { startDemoCluster } from '../demo/server';
import { backfill } from '../ingest/backfill';
import { deriveRollouts } from '../ingest/derive-rollouts';
import { pruneBackfilledChunk } from '../ingest/backfill-prune';
import { setBackfillState } from '../ingest/backfill-state';
import { pruneRawSamples, reclaimSpace } from '../ingest/prune';
import { rollupRange } from '../ingest/rollup';
import { loadKubeConfig } from '../k8s/kubeconfig';
import { currentConfig } from '../settings/current';
import { deliverySettings } from '../settings/delivery';
import { rollupSettings } from '../settings/rollup';
import { schedulerSettingsFromEnv } from '../../jobs';
import type { ClusterTarget } from '../scheduler/types';
import { progressReporter } from './progress';

export interface RunningDemo {
  target: ClusterTarget;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const DEMO_CLUSTER = 'demo';
/** VACUUM after this many chunks (a day of 6-hour chunks): PGlite has no autovacuum. */
const RECLAIM_EVERY_CHUNKS = 4;

/** The demo cluster's clock: replays history while backfilling, then follows real time. */
class ReplayThenLiveClock implements DemoClock {
  private replayAt: Date | null;
  constructor(private readonly wall: () => Date) {
    this.replayAt = wall();
  }
  now(): Date {
    return this.replayAt ?? this.wall();
  }
  set(instant: Date): void {
    this.replayAt = instant;
  }
  live(): void {
    this.replayAt = null;
  }
}

/**
 * Starts the simulated cluster in this process and backfills 30 days of its history through
 * the real collector and rollup, newest hours first (the overview's month to date fills
 * within the first chunk), then lets its clock run live. Raw samples older than the retention
 * are deleted as soon as their hours are rolled up, so the older days keep only their rollups.
 * What is stored is not replayed again: an interrupted backfill carries on where it stopped.
 * `now` (default the wall clock) is for tests.
 */
export async function startDemo(
  db: Database,
  options: { shouldStop: () => boolean; days?: number; retentionDays?: number; now?: () => Date },
): Promise<RunningDemo> {
  const wall = options.now ?? (() => new Date());
  const clock = new ReplayThenLiveClock(wall);
  const cluster = await startDemoCluster({ clock, clusterName: DEMO_CLUSTER, seed: 1 });
  const connection = loadKubeConfig({ kubeconfig: cluster.kubeconfigPath });
  const days = options.days ?? 30;
  const retentionMs = (options.retentionDays ?? schedulerSettingsFromEnv(process.env, currentConfig()).retentionDays) * DAY_MS;
  const from = new Date(Math.floor((wall().getTime() - days * DAY_MS) / DAY_MS) * DAY_MS);
  const report = progressReporter(`backfilling ${days} days of demo history, newest first`);
  const rollup = (start: Date, end: Date) => rollupRange(db, { ...rollupSettings(), from: start, to: end, cluster: DEMO_CLUSTER, now: wall() }).then(() => {});
  let chunks = 0;
  // A chunk older than the retention keeps only its rollups.
  const afterChunk = async (chunk: { from: Date; to: Date }) => {
    await pruneBackfilledChunk(db, chunk, new Date(wall().getTime() - retentionMs));
    if (++chunks % RECLAIM_EVERY_CHUNKS === 0) await reclaimSpace(db);
  };
  setBackfillState({ percent: 0, running: true });
  const started = performance.now();
  let replayed = 0;
  // Later passes catch up with the minutes the first one took.
  for (let pass = 0; pass < 3 && !options.shouldStop(); pass++) {
    const result = await backfill(db, {
      cluster: DEMO_CLUSTER,
      connection,
      clock,
      from,
      to: wall(),
      rollupOpenHour: true,
      rollup,
      afterChunk,
      onProgress: (done, total) => {
        if (pass > 0) return;
        report(done, total);
        setBackfillState({ percent: Math.floor((done / Math.max(total, 1)) * 100), running: true });
      },
      shouldStop: options.shouldStop,
    });
    replayed += result.scrapes;
    if (result.stopped || result.scrapes === 0) break;
  }
  clock.live();
  const close = () => cluster.close();
  // Stopping: what is stored stays, and the next start carries on from it.
  if (options.shouldStop()) return { target: { name: DEMO_CLUSTER, connection }, close };
  const currentHour = Math.floor(wall().getTime() / HOUR_MS) * HOUR_MS;
  await rollup(new Date(currentHour - HOUR_MS), new Date(currentHour + HOUR_MS));
  // Delivery metrics of the whole backfilled range, in one pass (the rollup job keeps them current).
  const now = wall();
  await deriveRollouts(db, { from, to: now, now, settings: deliverySettings().settings, attribution: rollupSettings().attribution ?? DEFAULT_ATTRIBUTION });
  await pruneRawSamples(db, new Date(wall().getTime() - retentionMs));
  await reclaimSpace(db, { reindexSamples: true });
  console.log(`backfill: ${replayed} scrapes replayed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  setBackfillState({ percent: 100, running: false });
  return { target: { name: DEMO_CLUSTER, connection }, close };
}
