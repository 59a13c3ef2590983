import type { Database } from '../db/client';
import type { DemoClock } from '../demo/clock';
import { startDemoCluster } from '../demo/server';
import { backfill } from '../ingest/backfill';
import { setBackfillState } from '../ingest/backfill-state';
import { rollupRange } from '../ingest/rollup';
import { loadKubeConfig } from '../k8s/kubeconfig';
import { rollupSettings } from '../settings/rollup';
import type { ClusterTarget } from '../scheduler/types';
import { progressReporter } from './progress';

export interface RunningDemo {
  target: ClusterTarget;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const DEMO_CLUSTER = 'demo';

/** The demo cluster's clock: replays history while backfilling, then follows real time. */
class ReplayThenLiveClock implements DemoClock {
  private replayAt: Date | null = new Date();
  now(): Date {
    return this.replayAt ?? new Date();
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
 * the real collector and rollup, then lets its clock run live. A backfill already stored is
 * not repeated: it resumes after the last stored scrape.
 */
export async function startDemo(db: Database, options: { shouldStop: () => boolean; days?: number }): Promise<RunningDemo> {
  const clock = new ReplayThenLiveClock();
  const cluster = await startDemoCluster({ clock, clusterName: DEMO_CLUSTER, seed: 1 });
  const connection = loadKubeConfig({ kubeconfig: cluster.kubeconfigPath });
  const days = options.days ?? 30;
  const from = new Date(Math.floor((Date.now() - days * DAY_MS) / DAY_MS) * DAY_MS);
  const report = progressReporter(`backfilling ${days} days of demo history`);
  const rollupHour = (hourStart: Date) =>
    rollupRange(db, { ...rollupSettings(), from: hourStart, to: new Date(hourStart.getTime() + HOUR_MS), cluster: DEMO_CLUSTER }).then(() => {});
  setBackfillState({ percent: 0, running: true });
  const started = performance.now();
  let replayed = 0;
  // Two passes: the second catches up with the minutes the first one took.
  for (let pass = 0; pass < 2 && !options.shouldStop(); pass++) {
    const result = await backfill(db, {
      cluster: DEMO_CLUSTER,
      connection,
      clock,
      from,
      to: new Date(),
      onHourComplete: rollupHour,
      onProgress: (done, total) => {
        if (pass === 0) {
          report(done, total);
          setBackfillState({ percent: Math.floor((done / Math.max(total, 1)) * 100), running: true });
        }
      },
      shouldStop: options.shouldStop,
    });
    replayed += result.scrapes;
  }
  console.log(`backfill: ${replayed} scrapes replayed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  clock.live();
  const currentHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  await rollupRange(db, { ...rollupSettings(), from: new Date(currentHour - HOUR_MS), to: new Date(currentHour + HOUR_MS), cluster: DEMO_CLUSTER });
  setBackfillState({ percent: 100, running: false });
  return { target: { name: DEMO_CLUSTER, connection }, close: () => cluster.close() };
}
