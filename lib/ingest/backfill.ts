import type { Database } from '../db/client';
import type { ClusterConnection } from '../k8s/kubeconfig';
import { collectOnce } from './collect-once';

/** A clock the backfill can move: the simulated cluster's, during a replay. */
export interface ReplayClock {
  set(instant: Date): void;
}

export interface BackfillOptions {
  cluster: string;
  connection: ClusterConnection;
  clock: ReplayClock;
  /** Replay [from, to) at `stepMs` (10 minutes by default). */
  from: Date;
  to: Date;
  stepMs?: number;
  /** Called after each completed UTC hour with its start (rolls it up), and with progress. */
  onHourComplete?: (hourStart: Date) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
  /** Checked between steps: a stop request ends the replay after the current scrape. */
  shouldStop?: () => boolean;
}

const HOUR_MS = 3_600_000;

/**
 * Replays a simulated cluster's history through the real collector: moves its clock step by
 * step and scrapes it exactly as a live collection would, so history is what the collector
 * and rollup make of the API, not rows written past them. Resumes after the last stored
 * scrape of the cluster, so an interrupted backfill carries on where it stopped.
 */
export async function backfill(db: Database, options: BackfillOptions): Promise<{ scrapes: number; stopped: boolean }> {
  const stepMs = options.stepMs ?? 600_000;
  const last = await db.prisma.scrape.findFirst({
    where: { cluster: { name: options.cluster } },
    orderBy: { sampledAt: 'desc' },
    select: { sampledAt: true },
  });
  const first = Math.ceil(options.from.getTime() / stepMs) * stepMs;
  const resumeAt = last ? last.sampledAt.getTime() + stepMs : first;
  const start = Math.max(first, resumeAt);
  const end = options.to.getTime();
  const total = Math.max(0, Math.ceil((end - start) / stepMs));
  let done = 0;
  for (let t = start; t < end; t += stepMs) {
    if (options.shouldStop?.()) return { scrapes: done, stopped: true };
    options.clock.set(new Date(t));
    await collectOnce(db, options.connection, { cluster: options.cluster });
    done++;
    const hourStart = Math.floor(t / HOUR_MS) * HOUR_MS;
    // An hour is complete once the first scrape of the next hour exists (it bounds the last sample).
    if (t - hourStart < stepMs && t > start) await options.onHourComplete?.(new Date(hourStart - HOUR_MS));
    options.onProgress?.(done, total);
  }
  return { scrapes: done, stopped: false };
}
