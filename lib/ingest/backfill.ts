import type { Database } from '../db/client';
import type { ClusterConnection } from '../k8s/kubeconfig';
import { planBackfill, type BackfillChunk } from './backfill-plan';
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
  /** Replay in UTC blocks of this many hours, newest first (default 6). */
  chunkHours?: number;
  /** Roll up the hour holding `to` as well, while still open (default false: complete hours only). */
  rollupOpenHour?: boolean;
  /** Rolls up the hours [from, to) of a replayed chunk; default: onHourComplete for each hour. */
  rollup?: (from: Date, to: Date) => Promise<void>;
  /** Called with each completed hour's start, oldest first within a chunk (when `rollup` is not given). */
  onHourComplete?: (hourStart: Date) => Promise<void>;
  /** Called after a chunk's hours are rolled up (e.g. to prune its raw samples). */
  afterChunk?: (chunk: { from: Date; to: Date }) => Promise<void>;
  /** Progress in work units (a scrape is one, an hour's rollup ROLLUP_WEIGHT). */
  onProgress?: (done: number, total: number) => void;
  /** Checked between steps: a stop request ends the replay after the current scrape. */
  shouldStop?: () => boolean;
}

export interface BackfillResult {
  scrapes: number;
  hoursRolledUp: number;
  stopped: boolean;
}

const HOUR_MS = 3_600_000;
/** An hour's rollup costs about as much as this many scrapes (measured on PGlite, demo cluster). */
export const ROLLUP_WEIGHT = 2;

/**
 * Replays a simulated cluster's history through the real collector: moves its clock step by
 * step and scrapes it exactly as a live collection would, so history is what the collector
 * and rollup make of the API, not rows written past them.
 *
 * Newest hours first (see planBackfill): chunks of a few hours from `to` backwards, each
 * replayed forward and then rolled up, so the month to date has costs after the first chunk.
 * What is done is read from the database (rolled-up hours, stored scrapes), so an
 * interrupted backfill carries on where it stopped and a second one replays only what is
 * missing.
 */
export async function backfill(db: Database, options: BackfillOptions): Promise<BackfillResult> {
  const stepMs = options.stepMs ?? 600_000;
  const chunks = await planFor(db, options, stepMs);
  const rollup = options.rollup ?? rollHourByHour(options.onHourComplete);
  const total = chunks.reduce((sum, c) => sum + c.scrapesMs.length + ROLLUP_WEIGHT * hours(c), 0);
  let done = 0;
  let scrapes = 0;
  let hoursRolledUp = 0;
  options.onProgress?.(0, total);
  for (const chunk of chunks) {
    for (const t of chunk.scrapesMs) {
      if (options.shouldStop?.()) return { scrapes, hoursRolledUp, stopped: true };
      options.clock.set(new Date(t));
      await collectOnce(db, options.connection, { cluster: options.cluster });
      scrapes++;
      options.onProgress?.(++done, total);
    }
    if (options.shouldStop?.()) return { scrapes, hoursRolledUp, stopped: true };
    if (chunk.rollupToMs > chunk.fromMs) await rollup(new Date(chunk.fromMs), new Date(chunk.rollupToMs));
    hoursRolledUp += hours(chunk);
    await options.afterChunk?.({ from: new Date(chunk.fromMs), to: new Date(chunk.toMs) });
    done += ROLLUP_WEIGHT * hours(chunk);
    options.onProgress?.(done, total);
  }
  return { scrapes, hoursRolledUp, stopped: false };
}

const hours = (chunk: BackfillChunk) => (chunk.rollupToMs - chunk.fromMs) / HOUR_MS;

function rollHourByHour(onHourComplete: BackfillOptions['onHourComplete']) {
  return async (from: Date, to: Date) => {
    for (let hour = from.getTime(); hour < to.getTime(); hour += HOUR_MS) await onHourComplete?.(new Date(hour));
  };
}

/** The chunks left to do, from the cluster's rolled-up hours and stored scrapes. */
async function planFor(db: Database, options: BackfillOptions, stepMs: number): Promise<BackfillChunk[]> {
  const fromMs = options.from.getTime();
  const firstHour = new Date(Math.floor(fromMs / HOUR_MS) * HOUR_MS);
  const [doneHours, scrapes] = await db.session(async (s) => [
    await s.query<{ t: Date }>(
      `SELECT DISTINCT nh.hour_start AS t FROM "node_hour" nh JOIN "cluster" c ON c.id = nh.cluster_id
        WHERE c.name = $1 AND nh.hour_start >= $2`,
      [options.cluster, firstHour],
    ),
    await s.query<{ t: Date }>(
      `SELECT sc.sampled_at AS t FROM "scrape" sc JOIN "cluster" c ON c.id = sc.cluster_id WHERE c.name = $1 AND sc.sampled_at >= $2`,
      [options.cluster, firstHour],
    ),
  ]);
  return planBackfill({
    fromMs,
    toMs: options.to.getTime(),
    stepMs,
    chunkHours: options.chunkHours ?? 6,
    doneHoursMs: new Set(doneHours.map((r) => new Date(r.t).getTime())),
    storedScrapesMs: scrapes.map((r) => new Date(r.t).getTime()),
    rollupOpenHour: options.rollupOpenHour ?? false,
  });
}
