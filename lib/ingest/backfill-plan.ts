const HOUR_MS = 3_600_000;

/** One piece of a backfill: scrapes replayed forward in time, then the hours they complete rolled up. */
export interface BackfillChunk {
  /** The hours [fromMs, toMs) this chunk rolls up (UTC hour starts, ms). */
  fromMs: number;
  toMs: number;
  /** Simulated instants to scrape, ascending; may end with the first instant of the next hour (it bounds the last one). */
  scrapesMs: number[];
  /** Hours of [fromMs, toMs) to roll up: all of them, or all but the last when it is still open. */
  rollupToMs: number;
}

export interface BackfillPlanInput {
  /** Replay [fromMs, toMs) at `stepMs`; instants are multiples of stepMs (a divisor of an hour). */
  fromMs: number;
  toMs: number;
  stepMs: number;
  /** Chunks are the UTC blocks of this many hours (a divisor of 24 keeps them inside days). */
  chunkHours: number;
  /** Hours that already have rolled-up rows. */
  doneHoursMs: ReadonlySet<number>;
  /** The cluster's stored scrape times from fromMs on (any order). */
  storedScrapesMs: readonly number[];
  /** Roll up the hour holding toMs too (as an open hour), not only the complete ones. */
  rollupOpenHour: boolean;
}

/**
 * What is left of a backfill, newest chunk first, each chunk replayed forward.
 *
 * An hour is done when it has rolled-up rows, except the hour of the newest stored scrape and
 * the one before it: those may have been rolled up while still open (a live rollup, or the
 * open hour of an earlier start), so they are rolled up again. Within a chunk, instants
 * already covered (up to its newest stored scrape) are not replayed again, so a resumed or
 * second start replays only what is missing. A chunk's last hour needs the first scrape of the
 * next hour (a sample stands for the time until the next scrape): a newer chunk replays it
 * first, or it is stored, or this chunk adds it. The first instant of every chunk is on its
 * first hour's start, so the scrapes before a chunk (replayed later) never change its hours:
 * chunk edges give exactly the costs of a forward replay.
 */
export function planBackfill(input: BackfillPlanInput): BackfillChunk[] {
  const { fromMs, toMs, stepMs, chunkHours } = input;
  if (!(stepMs > 0) || HOUR_MS % stepMs !== 0) throw new RangeError(`planBackfill: stepMs must divide an hour, got ${stepMs}`);
  if (!(chunkHours >= 1) || !Number.isInteger(chunkHours)) throw new RangeError(`planBackfill: chunkHours must be a positive integer, got ${chunkHours}`);
  const firstInstant = Math.ceil(fromMs / stepMs) * stepMs;
  if (firstInstant >= toMs) return [];
  const stored = [...input.storedScrapesMs].sort((a, b) => a - b);
  const newest = stored.at(-1);
  const untrustedFrom = newest === undefined ? Infinity : Math.floor(newest / HOUR_MS) * HOUR_MS - HOUR_MS;
  const firstHour = Math.floor(firstInstant / HOUR_MS) * HOUR_MS;
  const lastHour = Math.floor((toMs - 1) / HOUR_MS) * HOUR_MS;
  const blockMs = chunkHours * HOUR_MS;

  // Contiguous pieces of to-do hours, cut at block edges.
  const pieces: Array<{ fromMs: number; toMs: number }> = [];
  for (let hour = firstHour; hour <= lastHour; hour += HOUR_MS) {
    if (input.doneHoursMs.has(hour) && hour < untrustedFrom) continue;
    const last = pieces.at(-1);
    if (last && last.toMs === hour && hour % blockMs !== 0) last.toMs = hour + HOUR_MS;
    else pieces.push({ fromMs: hour, toMs: hour + HOUR_MS });
  }

  const willStore = new Set<number>();
  const chunks: BackfillChunk[] = [];
  for (const piece of pieces.reverse()) {
    const end = Math.min(piece.toMs, toMs);
    const covered = newestIn(stored, piece.fromMs, end);
    const scrapesMs: number[] = [];
    for (let t = Math.max(piece.fromMs, firstInstant); t < end; t += stepMs) if (covered === null || t > covered) scrapesMs.push(t);
    const closing = piece.toMs;
    if (closing < toMs && !willStore.has(closing) && newestIn(stored, closing, closing + stepMs) === null) scrapesMs.push(closing);
    scrapesMs.forEach((t) => willStore.add(t));
    const open = piece.toMs === lastHour + HOUR_MS; // the hour holding toMs has no closing scrape
    const rollupToMs = open && !input.rollupOpenHour ? piece.toMs - HOUR_MS : piece.toMs;
    chunks.push({ fromMs: piece.fromMs, toMs: piece.toMs, scrapesMs, rollupToMs });
  }
  return chunks;
}

/** The newest of `sorted` in [fromMs, toMs), or null. */
function newestIn(sorted: readonly number[], fromMs: number, toMs: number): number | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < toMs) lo = mid + 1;
    else hi = mid;
  }
  const candidate = sorted[lo - 1];
  return candidate !== undefined && candidate >= fromMs ? candidate : null;
}
