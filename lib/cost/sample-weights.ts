/**
 * The median gap between consecutive scrapes, ms, ignoring zero gaps (duplicate timestamps);
 * for an even count, the upper of the two middle gaps. Null with fewer than two distinct times.
 * Times must be sorted ascending.
 */
export function medianIntervalMs(scrapeTimesMs: readonly number[]): number | null {
  const gaps = scrapeTimesMs
    .slice(1)
    .map((t, i) => t - scrapeTimesMs[i]!)
    .filter((gap) => gap > 0)
    .sort((a, b) => a - b);
  return gaps.length ? gaps[Math.floor(gaps.length / 2)]! : null;
}

export interface SampleDurationOptions {
  /**
   * How long the last scrape of the list stands for, ms, capped at maxGapMs. Default: the
   * median interval of the list; with a single scrape (no interval to measure) maxGapMs / 3,
   * i.e. one interval when the caller keeps the convention maxGapMs = 3 × interval.
   */
  lastSpanMs?: number;
}

/**
 * Seconds each scrape's sample stands for inside the half-open window [windowStartMs, windowEndMs).
 *
 * Scrape i (times in ms, sorted ascending) covers the half-open span
 *   [tᵢ, min(tᵢ₊₁, tᵢ + maxGapMs))            when a later scrape follows,
 *   [t_last, t_last + lastSpanMs)              for the last one (see SampleDurationOptions),
 * and its duration is that span's overlap with the window, in seconds (0 when none).
 * - Spans never overlap, so the durations of one list sum to at most the window's length, and
 *   summing a scrape's durations over consecutive windows gives its whole span: hours tile.
 * - A silence longer than maxGapMs (an outage) is a gap, not a smear: only maxGapMs of it is
 *   attributed to the sample before it.
 * - Duplicate times: all but the last of them cover nothing.
 *
 * What the caller passes (the rollup contract):
 * - every scrape in [windowStartMs − maxGapMs, windowEndMs): earlier ones may reach into the
 *   window; with a shorter lookback the window's start is left uncovered;
 * - plus the first scrape at or after windowEndMs when there is one: it bounds the last
 *   in-window scrape's span exactly (its own duration inside the window is 0). Without it (the
 *   current, still-open hour) the last in-window scrape covers lastSpanMs.
 * - maxGapMs = 3 × the scrape interval (e.g. 180 000 for live 60 s scrapes, 1 800 000 for a
 *   backfill replayed at 10-minute steps).
 * With that, continuous scrapes cover every window completely, whatever their interval, so
 * live scrapes and a 10-minute replay of the same constant usage give the same totals.
 *
 * Throws a RangeError for unsorted times, maxGapMs ≤ 0, a negative lastSpanMs or a window that
 * ends before it starts.
 */
export function sampleDurations(
  scrapeTimesMs: readonly number[],
  windowStartMs: number,
  windowEndMs: number,
  maxGapMs: number,
  options: SampleDurationOptions = {},
): number[] {
  if (!(maxGapMs > 0)) throw new RangeError(`sampleDurations: maxGapMs must be > 0, got ${maxGapMs}`);
  if (windowEndMs < windowStartMs) throw new RangeError(`sampleDurations: window ends (${windowEndMs}) before it starts (${windowStartMs})`);
  scrapeTimesMs.forEach((t, i) => {
    if (i > 0 && t < scrapeTimesMs[i - 1]!) throw new RangeError(`sampleDurations: scrape times must be sorted (index ${i})`);
  });
  const lastSpanMs = Math.min(options.lastSpanMs ?? medianIntervalMs(scrapeTimesMs) ?? maxGapMs / 3, maxGapMs);
  if (!(lastSpanMs >= 0)) throw new RangeError(`sampleDurations: lastSpanMs must be ≥ 0, got ${lastSpanMs}`);
  return scrapeTimesMs.map((t, i) => {
    const next = scrapeTimesMs[i + 1];
    const spanEnd = next === undefined ? t + lastSpanMs : Math.min(next, t + maxGapMs);
    const overlapMs = Math.min(spanEnd, windowEndMs) - Math.max(t, windowStartMs);
    return overlapMs > 0 ? overlapMs / 1000 : 0;
  });
}
