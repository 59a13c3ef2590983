const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;
const WEEK_S = 7 * DAY_S;
/** A month as tiers.ts counts it: 30 days. */
const MONTH_S = 30 * DAY_S;

/** One bar of the lead-time distribution: lead times in [fromSeconds, toSeconds) (no upper edge on the last). */
export interface LeadTimeBucket {
  label: string;
  fromSeconds: number;
  toSeconds: number | null;
}

/** The lead-time distribution's bars, on the DORA tier edges (1 day, 1 week, 1 month) plus 1 hour. */
export const LEAD_TIME_BUCKETS: readonly LeadTimeBucket[] = [
  { label: '< 1 h', fromSeconds: 0, toSeconds: HOUR_S },
  { label: '1 h – 1 d', fromSeconds: HOUR_S, toSeconds: DAY_S },
  { label: '1 d – 1 w', fromSeconds: DAY_S, toSeconds: WEEK_S },
  { label: '1 w – 1 mo', fromSeconds: WEEK_S, toSeconds: MONTH_S },
  { label: '> 1 mo', fromSeconds: MONTH_S, toSeconds: null },
];

/** The inner edges (seconds, ascending) between the buckets: [1 h, 1 d, 1 w, 30 d]. */
export const LEAD_TIME_EDGES_SECONDS: readonly number[] = LEAD_TIME_BUCKETS.slice(1).map((b) => b.fromSeconds);

/**
 * The index into LEAD_TIME_BUCKETS of a lead time in seconds: the number of edges it is at or
 * above (as SQL width_bucket over LEAD_TIME_EDGES_SECONDS). Negative lead times (a commit time
 * after the rollout, clock skew) count in the first bucket; NaN → RangeError.
 */
export function leadTimeBucketOf(seconds: number): number {
  if (Number.isNaN(seconds)) throw new RangeError('lead time must be a number, got NaN');
  let i = 0;
  while (i < LEAD_TIME_EDGES_SECONDS.length && seconds >= (LEAD_TIME_EDGES_SECONDS[i] as number)) i++;
  return i;
}

/** Counts per LEAD_TIME_BUCKETS bucket of the given lead times (seconds); always one count per bucket. */
export function leadTimeDistribution(seconds: Iterable<number>): number[] {
  const counts = LEAD_TIME_BUCKETS.map(() => 0);
  for (const s of seconds) counts[leadTimeBucketOf(s)] = (counts[leadTimeBucketOf(s)] as number) + 1;
  return counts;
}
