/**
 * CPU usage histograms that merge across hours, days and pods, so a percentile over any lookback
 * (14 or 90 days) comes from stored rollups instead of raw samples.
 *
 * Buckets (millicores): bucket 0 holds [0, 1); bucket k ≥ 1 holds [RATIO^(k-1), RATIO^k), RATIO =
 * 1.05, so a value read back as its bucket's upper bound is at most 5% above the true value.
 * 300 buckets reach about 2.2 million millicores. A histogram is sparse: `[bucket, count]` pairs,
 * buckets ascending, counts > 0.
 */
export const HISTOGRAM_RATIO = 1.05;
export const HISTOGRAM_BUCKETS = 300;

/** Sparse histogram: bucket indexes ascending, each with a positive count (samples, or weights). */
export interface UsageHistogram {
  buckets: number[];
  counts: number[];
}

const LOG_RATIO = Math.log(HISTOGRAM_RATIO);

/** The bucket of a usage in millicores: 0 for < 1 m, else ⌊log₁.₀₅(m)⌋ + 1, capped at the last bucket. */
export function bucketOf(millicores: number): number {
  if (!(millicores >= 1)) return 0;
  // The epsilon keeps exact powers of the ratio in their own bucket despite floating-point log.
  const k = Math.floor(Math.log(millicores) / LOG_RATIO + 1e-9) + 1;
  return Math.min(k, HISTOGRAM_BUCKETS - 1);
}

/** The upper bound (exclusive, millicores) of a bucket: 1 for bucket 0, RATIO^k for bucket k. */
export function bucketUpperMillicores(bucket: number): number {
  return bucket === 0 ? 1 : HISTOGRAM_RATIO ** bucket;
}

/** A histogram of the given usages (millicores), each counted once. */
export function histogramOf(millicores: readonly number[]): UsageHistogram {
  const dense = new Map<number, number>();
  for (const m of millicores) {
    const b = bucketOf(m);
    dense.set(b, (dense.get(b) ?? 0) + 1);
  }
  return fromMap(dense);
}

/** The sum of histograms, each scaled by its weight (default 1): Σ wᵢ·hᵢ per bucket. */
export function mergeHistograms(parts: readonly UsageHistogram[], weights?: readonly number[]): UsageHistogram {
  const dense = new Map<number, number>();
  parts.forEach((h, i) => {
    const w = weights ? (weights[i] ?? 0) : 1;
    if (!(w > 0)) return;
    h.buckets.forEach((b, j) => dense.set(b, (dense.get(b) ?? 0) + (h.counts[j] ?? 0) * w));
  });
  return fromMap(dense);
}

/** The total count (samples, or summed weights) of a histogram. */
export function histogramTotal(h: UsageHistogram): number {
  let total = 0;
  for (const c of h.counts) total += c;
  return total;
}

/**
 * The p-th percentile (0 < p ≤ 1) in millicores, nearest-rank: the upper bound of the first
 * bucket whose cumulative count reaches p × total; capped at `maxMillicores` when given (the
 * observed maximum, so p = 1 is exact). An empty histogram → null.
 */
export function histogramPercentile(h: UsageHistogram, p: number, maxMillicores?: number): number | null {
  const total = histogramTotal(h);
  if (total <= 0) return null;
  const rank = Math.max(p, 0) * total;
  let cumulative = 0;
  let bucket = 0;
  for (const [j, b] of h.buckets.entries()) {
    bucket = b;
    cumulative += h.counts[j] ?? 0;
    if (cumulative >= rank - 1e-9 * total) break;
  }
  const upper = bucketUpperMillicores(bucket);
  return maxMillicores === undefined ? upper : Math.min(upper, maxMillicores);
}

/** Flat storage form for a Postgres `integer[]`: [bucket₀, count₀, bucket₁, count₁, …]. */
export function encodeHistogram(h: UsageHistogram): number[] {
  const flat: number[] = [];
  h.buckets.forEach((b, j) => flat.push(b, h.counts[j] ?? 0));
  return flat;
}

/** The inverse of `encodeHistogram`. Malformed input (odd length) throws. */
export function decodeHistogram(flat: readonly number[]): UsageHistogram {
  if (flat.length % 2 !== 0) throw new Error(`histogram has an odd number of entries (${flat.length})`);
  const buckets: number[] = [];
  const counts: number[] = [];
  for (let j = 0; j + 1 < flat.length; j += 2) {
    buckets.push(flat[j] ?? 0);
    counts.push(flat[j + 1] ?? 0);
  }
  return { buckets, counts };
}

function fromMap(dense: Map<number, number>): UsageHistogram {
  const buckets = [...dense.keys()].sort((a, b) => a - b);
  return { buckets, counts: buckets.map((b) => dense.get(b) ?? 0) };
}
