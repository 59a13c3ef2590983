/**
 * The VPA recommender's histograms, ported from kubernetes/autoscaler
 * vertical-pod-autoscaler/pkg/recommender/util/histogram_options.go, histogram.go and
 * decaying_histogram.go: dense bucket weights, a percentile read as the start of the next bucket,
 * and exponential decay by sample time (weight × 2^((t − reference) / halfLife)).
 */

/** Bucketing of a VPA histogram (histogram_options.go). */
export interface VpaHistogramOptions {
  numBuckets: number;
  findBucket(value: number): number;
  bucketStart(bucket: number): number;
  /** Weights below this count as empty. */
  epsilon: number;
}

/** Linear buckets of `bucketSize` up to `maxValue` (NewLinearHistogramOptions). */
export function linearOptions(maxValue: number, bucketSize: number, epsilon: number): VpaHistogramOptions {
  const numBuckets = Math.ceil(maxValue / bucketSize) + 1;
  return {
    numBuckets,
    epsilon,
    findBucket: (value) => Math.min(Math.max(Math.trunc(value / bucketSize), 0), numBuckets - 1),
    bucketStart: (bucket) => bucket * bucketSize,
  };
}

/**
 * Exponential buckets (NewExponentialHistogramOptions): bucket k ≥ 1 starts at
 * first × (ratio^k − 1) / (ratio − 1); numBuckets = ⌈log_ratio(max × (ratio − 1) / first + 1)⌉ + 1.
 */
export function exponentialOptions(maxValue: number, firstBucketSize: number, ratio: number, epsilon: number): VpaHistogramOptions {
  const log = (x: number) => Math.log(x) / Math.log(ratio);
  const numBuckets = Math.ceil(log((maxValue * (ratio - 1)) / firstBucketSize + 1)) + 1;
  return {
    numBuckets,
    epsilon,
    findBucket: (value) => {
      if (value < firstBucketSize) return 0;
      return Math.min(Math.trunc(log((value * (ratio - 1)) / firstBucketSize + 1)), numBuckets - 1);
    },
    bucketStart: (bucket) => (bucket === 0 ? 0 : (firstBucketSize * (ratio ** bucket - 1)) / (ratio - 1)),
  };
}

/** aggregations_config.go: epsilon = 0.001 × minSampleWeight (0.1). */
export const VPA_EPSILON = 0.0001;
/** CPU in cores: first bucket 0.01 core, +5% each, up to 1000 cores. */
export const VPA_CPU_OPTIONS = exponentialOptions(1000, 0.01, 1.05, VPA_EPSILON);
/** Memory in bytes: first bucket 1e7 B, +5% each, up to 1e12 B. */
export const VPA_MEMORY_OPTIONS = exponentialOptions(1e12, 1e7, 1.05, VPA_EPSILON);

/** decaying_histogram.go: the reference moves once a weight would exceed 2^100. */
const MAX_DECAY_EXPONENT = 100;

/** A decaying histogram (half-life in ms); a half-life of Infinity never decays (histogram.go). */
export class VpaHistogram {
  private readonly weights: Float64Array;
  private totalWeight = 0;
  private minBucket: number;
  private maxBucket = 0;
  private referenceMs = 0;

  constructor(
    private readonly options: VpaHistogramOptions,
    private readonly halfLifeMs = Number.POSITIVE_INFINITY,
  ) {
    this.weights = new Float64Array(options.numBuckets);
    this.minBucket = options.numBuckets - 1;
  }

  /** Adds `value` with `weight` × 2^((atMs − reference) / halfLife). */
  addSample(value: number, weight: number, atMs: number): void {
    const w = weight * this.decayFactor(atMs);
    const bucket = this.options.findBucket(value);
    this.weights[bucket] = (this.weights[bucket] ?? 0) + w;
    this.totalWeight += w;
    const eps = this.options.epsilon;
    if (bucket < this.minBucket && (this.weights[bucket] ?? 0) >= eps) this.minBucket = bucket;
    if (bucket > this.maxBucket && (this.weights[bucket] ?? 0) >= eps) this.maxBucket = bucket;
  }

  isEmpty(): boolean {
    return (this.weights[this.minBucket] ?? 0) < this.options.epsilon;
  }

  /**
   * The start of the bucket after the first one whose cumulative weight reaches p × total
   * (the last bucket's own start); 0 when empty.
   */
  percentile(p: number): number {
    if (this.isEmpty()) return 0;
    const threshold = p * this.totalWeight;
    let partial = 0;
    let bucket = this.minBucket;
    for (; bucket < this.maxBucket; bucket++) {
      partial += this.weights[bucket] ?? 0;
      if (partial >= threshold) break;
    }
    return bucket < this.options.numBuckets - 1 ? this.options.bucketStart(bucket + 1) : this.options.bucketStart(bucket);
  }

  private decayFactor(atMs: number): number {
    if (!Number.isFinite(this.halfLifeMs)) return 1;
    if (atMs > this.referenceMs + this.halfLifeMs * MAX_DECAY_EXPONENT) this.shiftReference(atMs);
    return 2 ** ((atMs - this.referenceMs) / this.halfLifeMs);
  }

  /** Moves the reference to `atMs` rounded to the half-life, scaling the weights by 2^exponent. */
  private shiftReference(atMs: number): void {
    const next = Math.round(atMs / this.halfLifeMs) * this.halfLifeMs;
    const factor = 2 ** Math.floor((this.referenceMs - next) / this.halfLifeMs + 0.5);
    for (let b = this.minBucket; b <= this.maxBucket; b++) this.weights[b] = (this.weights[b] ?? 0) * factor;
    this.totalWeight *= factor;
    this.referenceMs = next;
    const last = this.options.numBuckets - 1;
    while ((this.weights[this.minBucket] ?? 0) < this.options.epsilon && this.minBucket < last) this.minBucket++;
    while ((this.weights[this.maxBucket] ?? 0) < this.options.epsilon && this.maxBucket > 0) this.maxBucket--;
  }
}
