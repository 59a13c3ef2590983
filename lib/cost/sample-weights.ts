/**
 * How long each scrape's sample stands for inside a half-open window [windowStartMs,
 * windowEndMs), in seconds. Scrape i (times sorted, ms) covers [tᵢ, min(tᵢ₊₁, tᵢ + maxGapMs)),
 * so an outage longer than maxGapMs is a gap, not a smear; the last scrape covers
 * min(median interval, maxGapMs) (or maxGapMs / 3 when there is a single scrape). Callers pass
 * scrapes from before the window (their coverage may reach into it) and the first one after
 * it (which bounds the last covering sample). Live scrapes every 60 s and a replay every
 * 10 minutes (maxGapMs = 3 intervals) both cover a whole hour exactly: 3600 s.
 */
export function sampleDurations(scrapeTimesMs: number[], windowStartMs: number, windowEndMs: number, maxGapMs: number): number[] {
  const gaps = scrapeTimesMs.slice(1).map((t, i) => t - scrapeTimesMs[i]!).sort((a, b) => a - b);
  const lastSpanMs = gaps.length ? Math.min(gaps[Math.floor(gaps.length / 2)]!, maxGapMs) : maxGapMs / 3;
  return scrapeTimesMs.map((t, i) => {
    const next = scrapeTimesMs[i + 1];
    const end = next === undefined ? t + lastSpanMs : Math.min(next, t + maxGapMs);
    const overlapMs = Math.min(end, windowEndMs) - Math.max(t, windowStartMs);
    return overlapMs > 0 ? overlapMs / 1000 : 0;
  });
}
