import type { DeliverySummary } from './summary';
import type { DoraYear, Tier } from './types';

const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;
const WEEK_S = 7 * DAY_S;
const MONTH_S = 30 * DAY_S;

/**
 * A duration band table (lead time, recovery: lower is better): the best tier whose `withinSeconds`
 * the value meets (`<` when `exclusive`, else `≤`), else low. Bands that overlap in the report go to
 * the better tier; a value between two bands (a gap in the report) has not reached the better
 * band's edge, so it takes the next tier that admits it, else low.
 */
interface DurationBand { tier: Exclude<Tier, 'low'>; withinSeconds: number; exclusive: boolean }
/** Frequency (deployments per day, higher is better): the best tier whose `atLeastPerDay` is met (`>` when exclusive). */
interface FrequencyBand { tier: Exclude<Tier, 'low'>; atLeastPerDay: number; exclusive: boolean }

export interface DoraTierTable {
  leadTime: readonly DurationBand[];
  deploymentFrequency: readonly FrequencyBand[];
  /** Point values (fractions); the nearest wins, ties to the better tier. */
  changeFailureRate: Readonly<Record<Tier, number>>;
  recoveryTime: readonly DurationBand[];
}

const ON_DEMAND: FrequencyBand = { tier: 'elite', atLeastPerDay: 1, exclusive: true }; // several a day
const DAILY_WEEKLY: FrequencyBand = { tier: 'high', atLeastPerDay: 1 / 7, exclusive: false };
const WEEKLY_MONTHLY: FrequencyBand = { tier: 'medium', atLeastPerDay: 1 / 30, exclusive: false };
const LEAD_TIME: readonly DurationBand[] = [
  { tier: 'elite', withinSeconds: DAY_S, exclusive: true }, // less than one day
  { tier: 'high', withinSeconds: WEEK_S, exclusive: false }, // one day – one week
  { tier: 'medium', withinSeconds: MONTH_S, exclusive: false }, // one week – one month
];

/**
 * DORA software-delivery performance levels by report year (one month = 30 days).
 * 2024 Accelerate State of DevOps Report (DORA / Google Cloud), "software delivery performance levels":
 *   lead time: elite < 1 day, high 1 day–1 week, medium 1 week–1 month, low 1–6 months;
 *   deployment frequency: on demand (multiple per day), daily–weekly, weekly–monthly, monthly–every 6 months;
 *   change failure rate: 5%, 20%, 10%, 40%; failed deployment recovery: < 1 h, < 1 day, < 1 day, 1 week–1 month.
 * 2023 Accelerate State of DevOps Report:
 *   lead time: < 1 day, 1 day–1 week, 1 week–1 month, 1 week–1 month (low and medium share a band);
 *   frequency: on demand, daily–weekly, weekly–monthly, weekly–monthly (shared again);
 *   change failure rate 5%, 10%, 15%, 64%; recovery < 1 h, < 1 day, 1 day–1 week, 1–6 months.
 * Bands are read as thresholds at their edges (see DurationBand): a shared band goes to medium and
 * only values beyond it are low; 2024's gap in recovery (1 day–1 week) is low, as is 2024 medium's
 * recovery band (< 1 day, the same as high's) never reached before high.
 */
export const DORA_TIERS: Readonly<Record<DoraYear, DoraTierTable>> = {
  2024: {
    leadTime: LEAD_TIME,
    deploymentFrequency: [ON_DEMAND, DAILY_WEEKLY, WEEKLY_MONTHLY],
    changeFailureRate: { elite: 0.05, high: 0.2, medium: 0.1, low: 0.4 },
    recoveryTime: [
      { tier: 'elite', withinSeconds: HOUR_S, exclusive: true },
      { tier: 'high', withinSeconds: DAY_S, exclusive: true },
      { tier: 'medium', withinSeconds: DAY_S, exclusive: true },
    ],
  },
  2023: {
    leadTime: LEAD_TIME,
    deploymentFrequency: [ON_DEMAND, DAILY_WEEKLY, WEEKLY_MONTHLY],
    changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15, low: 0.64 },
    recoveryTime: [
      { tier: 'elite', withinSeconds: HOUR_S, exclusive: true },
      { tier: 'high', withinSeconds: DAY_S, exclusive: true },
      { tier: 'medium', withinSeconds: WEEK_S, exclusive: false },
    ],
  },
};

export const DEFAULT_DORA_YEAR: DoraYear = 2024;
const TIER_ORDER: readonly Tier[] = ['elite', 'high', 'medium', 'low'];

function durationTier(bands: readonly DurationBand[], seconds: number | null): Tier | null {
  if (seconds === null) return null;
  return bands.find((b) => (b.exclusive ? seconds < b.withinSeconds : seconds <= b.withinSeconds))?.tier ?? 'low';
}

function frequencyTier(bands: readonly FrequencyBand[], perDay: number): Tier {
  return bands.find((b) => (b.exclusive ? perDay > b.atLeastPerDay : perDay >= b.atLeastPerDay))?.tier ?? 'low';
}

function nearestTier(points: Readonly<Record<Tier, number>>, rate: number | null): Tier | null {
  if (rate === null) return null;
  let best: Tier = 'elite';
  for (const tier of TIER_ORDER) if (Math.abs(rate - points[tier]) < Math.abs(rate - points[best]) - 1e-12) best = tier;
  return best;
}

export interface DoraTiers {
  deploymentFrequency: Tier | null;
  leadTime: Tier | null;
  changeFailureRate: Tier | null;
  recoveryTime: Tier | null;
}

/**
 * A group's tier per key, from DORA_TIERS[year]: frequency from deploymentsPerDay (null when no
 * deployment in the window: "never" and "monthly" look alike), lead time from its median, recovery
 * from its median, change failure rate to the nearest point value (ties to the better tier).
 * An absent measure → null.
 */
export function doraTiers(summary: DeliverySummary, year: DoraYear = DEFAULT_DORA_YEAR): DoraTiers {
  const table = DORA_TIERS[year];
  return {
    deploymentFrequency: summary.deployments === 0 ? null : frequencyTier(table.deploymentFrequency, summary.deploymentsPerDay),
    leadTime: durationTier(table.leadTime, summary.leadTimeSecondsMedian),
    changeFailureRate: nearestTier(table.changeFailureRate, summary.changeFailureRate),
    recoveryTime: durationTier(table.recoveryTime, summary.recoverySecondsMedian),
  };
}
