/**
 * Log-bucket histograms of durations in seconds, mergeable by adding counts: how pod startup
 * and scheduling waits are kept per day (pod_startup_day) and combined over any window.
 * Bucket 0 holds [0, 0.1 s); bucket i ≥ 1 holds [0.1·1.05^(i−1), 0.1·1.05^i) s; the last bucket
 * also takes everything above it (≈ 3.6 years). Stored trimmed after the last non-empty bucket.
 */
export const HISTOGRAM_BASE_SECONDS = 0.1;
export const HISTOGRAM_RATIO = 1.05;
export const HISTOGRAM_BUCKETS = 600;

const LOG_RATIO = Math.log(HISTOGRAM_RATIO);

/** Index of the bucket holding `seconds` (negative and NaN durations → bucket 0). */
export function bucketOf(seconds: number): number {
  if (!(seconds >= HISTOGRAM_BASE_SECONDS)) return 0;
  const i = 1 + Math.floor(Math.log(seconds / HISTOGRAM_BASE_SECONDS) / LOG_RATIO + 1e-9);
  return Math.min(i, HISTOGRAM_BUCKETS - 1);
}

/** The value a bucket stands for: the middle of its range (bucket 0: 0.05 s); within 2.5 % of any value in it. */
export function bucketValue(index: number): number {
  if (index <= 0) return HISTOGRAM_BASE_SECONDS / 2;
  const low = HISTOGRAM_BASE_SECONDS * HISTOGRAM_RATIO ** (index - 1);
  return (low * (1 + HISTOGRAM_RATIO)) / 2;
}

/** Counts per bucket of the given durations (seconds), trimmed after the last non-empty bucket. */
export function toHistogram(seconds: Iterable<number>): number[] {
  const counts: number[] = [];
  for (const s of seconds) {
    const i = bucketOf(s);
    while (counts.length <= i) counts.push(0);
    counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

/** Element-wise sum of histograms (any lengths). */
export function mergeHistograms(histograms: Iterable<readonly number[]>): number[] {
  const sum: number[] = [];
  for (const h of histograms) {
    for (let i = 0; i < h.length; i++) sum[i] = (sum[i] ?? 0) + (h[i] as number);
  }
  for (let i = 0; i < sum.length; i++) sum[i] ??= 0;
  return sum;
}

/** Number of samples in a histogram. */
export function histogramCount(histogram: readonly number[]): number {
  let n = 0;
  for (const c of histogram) n += c;
  return n;
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of a histogram: the value (bucketValue) of the bucket holding the
 * sample of rank ⌊q·(n − 1)⌋ (0-based, ascending), so within ≈ 2.5 % of the exact nearest-rank
 * quantile of the samples. Empty → null; q outside [0, 1] → RangeError.
 */
export function histogramQuantile(histogram: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be in [0, 1], got ${q}`);
  const n = histogramCount(histogram);
  if (n === 0) return null;
  const rank = Math.floor(q * (n - 1));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i] as number;
    if (seen > rank) return bucketValue(i);
  }
  return bucketValue(histogram.length - 1);
}
