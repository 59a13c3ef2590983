/**
 * Time arithmetic of the simulated organisation: when it was created, when teams deploy (UTC
 * business hours), when CronJobs fire, and how resourceVersions encode simulated time.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/**
 * The organisation was created on this instant (a Monday, 09:00 UTC) and in the hours after;
 * before it, the cluster is empty.
 */
export const ORG_CREATED_MS = Date.UTC(2024, 0, 1, 9, 0, 0);

/** Monday 1970-01-05T00:00Z: the origin of weekly and business-hour arithmetic. */
const WEEK_ORIGIN_MS = Date.UTC(1970, 0, 5);
const BUSINESS_START_MS = 9 * HOUR_MS;
const BUSINESS_DAY_MS = 8 * HOUR_MS;
const BUSINESS_WEEK_MS = 5 * BUSINESS_DAY_MS;

/**
 * Business time elapsed since the week origin at instant `ms`: only Monday–Friday
 * 09:00–17:00 UTC counts. Constant outside business hours, so deploy schedules built on it
 * place every rollout inside a working day.
 */
export function businessMsAt(ms: number): number {
  const sinceOrigin = ms - WEEK_ORIGIN_MS;
  const weeks = Math.floor(sinceOrigin / WEEK_MS);
  const inWeek = sinceOrigin - weeks * WEEK_MS;
  const day = Math.floor(inWeek / DAY_MS);
  const inDay = inWeek - day * DAY_MS;
  const today = day < 5 ? Math.min(Math.max(inDay - BUSINESS_START_MS, 0), BUSINESS_DAY_MS) : 0;
  return weeks * BUSINESS_WEEK_MS + Math.min(day, 5) * BUSINESS_DAY_MS + today;
}

/** Inverse of `businessMsAt`: the wall-clock instant at which `businessMs` of business time is reached. */
export function wallMsOfBusiness(businessMs: number): number {
  const weeks = Math.floor(businessMs / BUSINESS_WEEK_MS);
  const inWeek = businessMs - weeks * BUSINESS_WEEK_MS;
  const day = Math.floor(inWeek / BUSINESS_DAY_MS);
  const inDay = inWeek - day * BUSINESS_DAY_MS;
  return WEEK_ORIGIN_MS + weeks * WEEK_MS + day * DAY_MS + BUSINESS_START_MS + inDay;
}

/** A cron expression restricted to fixed periods, which is what the generated CronJobs use. */
export interface CronSchedule {
  expression: string;
  periodMs: number;
  /** Offset of the first run from the Monday week origin. */
  offsetMs: number;
}

/**
 * Parses the periodic subset of cron: `*\/N * * * *`, `M * * * *`, `M *\/N * * *`,
 * `M H * * *`, `M H * * D` (D = 0–6, Sunday = 0). Throws on anything else.
 */
export function parseCron(expression: string): CronSchedule {
  const [minute, hour, dom, month, dow, ...rest] = expression.trim().split(/\s+/);
  if (rest.length > 0 || dom !== '*' || month !== '*' || minute === undefined || hour === undefined) {
    throw new RangeError(`unsupported cron expression ${expression}`);
  }
  const everyMinutes = /^\*\/(\d+)$/.exec(minute);
  if (everyMinutes && hour === '*' && dow === '*') {
    return { expression, periodMs: Number(everyMinutes[1]) * MINUTE_MS, offsetMs: 0 };
  }
  if (!/^\d+$/.test(minute)) throw new RangeError(`unsupported cron expression ${expression}`);
  const minuteMs = Number(minute) * MINUTE_MS;
  const everyHours = /^\*\/(\d+)$/.exec(hour);
  if (hour === '*' && dow === '*') return { expression, periodMs: HOUR_MS, offsetMs: minuteMs };
  if (everyHours && dow === '*') return { expression, periodMs: Number(everyHours[1]) * HOUR_MS, offsetMs: minuteMs };
  if (!/^\d+$/.test(hour)) throw new RangeError(`unsupported cron expression ${expression}`);
  const dayOffset = Number(hour) * HOUR_MS + minuteMs;
  if (dow === '*') return { expression, periodMs: DAY_MS, offsetMs: dayOffset };
  if (dow !== undefined && /^[0-6]$/.test(dow)) {
    const daysAfterMonday = (Number(dow) + 6) % 7;
    return { expression, periodMs: WEEK_MS, offsetMs: daysAfterMonday * DAY_MS + dayOffset };
  }
  throw new RangeError(`unsupported cron expression ${expression}`);
}

/** Scheduled instant of run number `index` of a schedule. */
export function cronRunMs(schedule: CronSchedule, index: number): number {
  return WEEK_ORIGIN_MS + schedule.offsetMs + index * schedule.periodMs;
}

/** Index of the latest run scheduled at or before `ms`. */
export function latestCronRun(schedule: CronSchedule, ms: number): number {
  return Math.floor((ms - WEEK_ORIGIN_MS - schedule.offsetMs) / schedule.periodMs);
}

/** resourceVersions are milliseconds of simulated time since 2020-01-01, so a list's version names its instant. */
const RV_EPOCH_MS = Date.UTC(2020, 0, 1);

/** The resourceVersion string for simulated instant `ms` (at least "1"). */
export function resourceVersionAt(ms: number): string {
  return String(Math.max(1, Math.floor(ms - RV_EPOCH_MS)));
}

/** The simulated instant a resourceVersion stands for, or null when it is not one of ours. */
export function msOfResourceVersion(resourceVersion: string): number | null {
  if (!/^\d{1,15}$/.test(resourceVersion)) return null;
  return Number(resourceVersion) + RV_EPOCH_MS;
}
